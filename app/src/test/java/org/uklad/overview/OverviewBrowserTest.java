package org.uklad.overview;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.report.SyntheticAnswers;
import org.uklad.support.BrowserTest;
import org.uklad.support.Browser;
import org.uklad.questionnaire.QuestionnaireRegistry;

/**
 * A coordinator in real headless Chromium: signs in, opens the overview of all schools, picks the
 * wave, reads the heat map (a shown score with its band's symbol, a suppressed cell without one, the
 * legends, the municipality, the stated row order, short headers on one line), enters an external
 * result through the form, first wrongly, and sees it listed; the page at 1366 px and on a 360 px
 * phone is never wider than the screen, the heat map scrolling in its own box; the stable address
 * of the current wave's overview leads to a wave's overview.
 */
@MicronautTest(transactional = false)
class OverviewBrowserTest extends BrowserTest {

    @Inject Accounts accounts;
    @Inject QuestionnaireRegistry registry;



    @Test
    void aCoordinatorReadsTheHeatMapAndEntersAnExternalResult() {
        long big = fixture.school("SHNRO");
        long small = fixture.school("SHUVRO");
        long wave = fixture.openWave("students-5-11");
        String waveName = db.string("SELECT name FROM wave WHERE id = ?", wave);
        String bigName = db.string("SELECT name FROM school WHERE id = ?", big);
        Questionnaire q = registry.latest("students-5-11").orElseThrow().questionnaire();
        Random random = new Random(7);
        String bigCode = fixture.codes(wave, big, "students-5-11", "7А", 1, 100).getFirst();
        for (int i = 0; i < 6; i++) {
            SyntheticAnswers.submit(http, bigCode, SyntheticAnswers.answers(q, random, 0.7));
        }
        String smallCode = fixture.codes(wave, small, "students-5-11", "7Б", 1, 100).getFirst();
        for (int i = 0; i < 2; i++) {
            SyntheticAnswers.submit(http, smallCode, SyntheticAnswers.answers(q, random, 0.4));
        }

        String login = StaffAgent.account(accounts, Role.ADMIN, List.of());
        browser = Browser.desktop();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        Browser.signIn(browser, server.getURL(), login, StaffAgent.PASSWORD);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a[href='/staff/overview']"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("overview-waves")));
        browser.findElement(By.linkText(waveName)).click();

        // the heat map: one row per school, a shown score with its shade, the small school's words
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("heatmap")));
        List<WebElement> rows = browser.findElements(By.cssSelector("#heatmap tr.heat-row"));
        WebElement bigRow = rows.stream().filter(r -> r.getText().contains(bigName)).findFirst().orElseThrow();
        List<WebElement> shown = bigRow.findElements(By.cssSelector("td.heat.num"));
        assertThat(shown).isNotEmpty().allSatisfy(c -> {
            // the band is a symbol with its words, then the number: it reads in black and white
            assertThat(c.getText()).matches("[▼●▲] \\d{1,3},\\d");
            assertThat(c.getDomAttribute("class")).matches("num heat heat-(low|medium|high)");
            WebElement symbol = c.findElement(By.cssSelector(".band-symbol"));
            assertThat(symbol.getAccessibleName()).matches("(низкий|средний|высокий) уровень");
            double score = Double.parseDouble(c.findElement(By.cssSelector(".heat-text")).getText().replace(',', '.'));
            assertThat(symbol.getText()).isEqualTo(score < 50 ? "▼" : score < 75 ? "●" : "▲");
        });
        assertThat(browser.findElements(By.cssSelector("#heatmap td.heat-suppressed")))
                .isNotEmpty().allSatisfy(c -> {
                    assertThat(c.getText()).isEqualTo("меньше 5 ответов");
                    assertThat(c.findElements(By.cssSelector(".band-symbol"))).isEmpty();
                });
        assertThat(browser.findElements(By.cssSelector("#band-legend li")).stream().map(WebElement::getText))
                .containsExactly("▼ низкий уровень: ниже 50", "● средний уровень: от 50 до 75", "▲ высокий уровень: 75 и выше");
        // the municipality beside each school; the order said above the table; short headers spelled out below
        assertThat(bigRow.findElement(By.cssSelector("td.municipality")).getText())
                .isEqualTo(db.string("SELECT municipality FROM school WHERE id = ?", big));
        WebElement order = browser.findElement(By.id("row-order"));
        assertThat(order.getText()).startsWith("Порядок строк: по муниципалитету");
        WebElement table = browser.findElement(By.cssSelector("table.heat-table"));
        assertThat(order.getLocation().getY()).isLessThan(table.getLocation().getY());
        List<WebElement> codes = table.findElements(By.cssSelector("thead th.code-header"));
        assertThat(codes).isNotEmpty().allSatisfy(th -> {
            assertThat(th.getText()).matches("У\\d{1,2}");
            assertThat(lines(th)).as("a header on one line: no word broken").isEqualTo(1);
        });
        assertThat(browser.findElements(By.cssSelector("#column-codes dt"))).hasSameSizeAs(codes);
        assertThat(browser.findElement(By.id("column-codes")).getText()).contains("Анкета для учащихся 5–11 классов");
        // at 1366 px the page is no wider than the window
        browser.manage().window().setSize(new Dimension(1366, 900));
        assertThat(number("return document.documentElement.scrollWidth - window.innerWidth;")).isLessThanOrEqualTo(0);
        table.getLocation(); // still attached after the resize
        number("document.getElementById('heatmap').scrollIntoView(); return 0;");
        screenshot("overview-1366");

        // a result that is not a number is refused, and what was chosen stays
        new Select(browser.findElement(By.id("schoolId"))).selectByValue(String.valueOf(big));
        browser.findElement(By.id("value")).sendKeys("много");
        browser.findElement(By.id("label")).sendKeys("ОГЭ, математика, средний балл");
        browser.findElement(By.cssSelector("#results button[type=submit]")).click();
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("value-error"))).getText()).isNotBlank();
        assertThat(new Select(browser.findElement(By.id("schoolId"))).getFirstSelectedOption().getDomAttribute("value"))
                .isEqualTo(String.valueOf(big));
        assertThat(db.count("SELECT count(*) FROM external_result WHERE wave_id = ?", wave)).isZero();

        browser.findElement(By.id("value")).clear();
        browser.findElement(By.id("value")).sendKeys("4,25");
        browser.findElement(By.cssSelector("#results button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("notice"), "Результат сохранён."));
        String listed = browser.findElement(By.cssSelector("#results table.results-table")).getText();
        assertThat(listed).contains(bigName).contains("4,25").contains("ОГЭ, математика, средний балл");
        assertThat(db.count("SELECT count(*) FROM external_result WHERE wave_id = ? AND school_id = ?", wave, big))
                .isEqualTo(1);

        // the stable address of the current wave's overview
        browser.get(server.getURL() + "/staff/overview/current");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("heatmap")));
        assertThat(browser.getCurrentUrl()).matches(".*/staff/waves/\\d+/overview");

        // on a 360 px phone: the heat map scrolls in its own box, the page does not
        browser.quit();
        browser = Browser.phone(360, 740);
        Browser.signIn(browser, server.getURL(), login, StaffAgent.PASSWORD);
        browser.get(server.getURL() + "/staff/waves/" + wave + "/overview");
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.heat-table")));
        assertThat(number("return document.documentElement.scrollWidth;")).isLessThanOrEqualTo(360);
        WebElement box = browser.findElement(By.xpath("//table[contains(@class, 'heat-table')]/ancestor::div[contains(@class, 'table-scroll')][1]"));
        assertThat(box.getCssValue("overflow-x")).isEqualTo("auto");
        assertThat(number("return arguments[0].getBoundingClientRect().right;", box)).isLessThanOrEqualTo(360);
        number("document.getElementById('heatmap').scrollIntoView(); return 0;");
        screenshot("overview-360");
    }

    /** A look at the page for people (target/overview-test), not an assertion. */
    void screenshot(String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "overview-test"));
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The number of line boxes an element's text takes. */
    long lines(WebElement element) {
        return number("const r = document.createRange(); r.selectNodeContents(arguments[0]);"
                + " return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size;", element);
    }

    long number(String script, Object... args) {
        return ((Number) ((JavascriptExecutor) browser).executeScript(script, args)).longValue();
    }
}
