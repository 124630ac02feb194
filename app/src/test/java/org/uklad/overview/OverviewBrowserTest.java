package org.uklad.overview;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
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
 * wave, reads the heat map (a shown score and a suppressed cell), enters an external result through
 * the form, first wrongly, and sees it listed.
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
        assertThat(shown).isNotEmpty();
        assertThat(shown.getFirst().getText()).matches("\\d{1,3},\\d");
        assertThat(shown.getFirst().getDomAttribute("class")).matches("num heat heat-[0-3]");
        assertThat(browser.findElements(By.cssSelector("#heatmap td.heat-suppressed")))
                .isNotEmpty().allSatisfy(c -> assertThat(c.getText()).isEqualTo("меньше 5 ответов"));

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
    }
}
