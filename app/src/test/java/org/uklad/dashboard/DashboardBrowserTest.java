package org.uklad.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.Browser;
import org.uklad.support.BrowserTest;
import org.uklad.support.Http;

/**
 * The dashboard as a director sees it in real Chromium (issue 17): on a 1366 × 900 laptop the top
 * findings are on screen without scrolling; on a 360 px phone nothing scrolls sideways and the
 * charts' text is at least 12 px; the statistics wait folded under "details for the psychologist".
 */
@MicronautTest(transactional = false)
class DashboardBrowserTest extends BrowserTest {

    @Inject Accounts accounts;

    String dashboard(WebDriver b) {
        long school = fixture.school("SHNRO");
        long partner = fixture.school("OTHER");
        Http.Response p = http.admin("POST", "/api/v1/admin/partnerships", http.toJson(Map.of(
                "mentorSchoolId", partner, "supportedSchoolId", school)));
        assertThat(p.status()).as(p.body()).isEqualTo(201);
        long wave = fixture.openWave("example");
        fixture.exampleAnswers(wave, school, DashboardTest.INCONSISTENT_COMFORT);
        fixture.exampleAnswers(wave, partner, DashboardTest.CONSISTENT_LOW);
        Browser.signIn(b, server.getURL(), login(school), StaffAgent.PASSWORD);
        String url = server.getURL() + "/staff/waves/" + wave + "/schools/" + school + "/dashboard";
        b.get(url);
        new WebDriverWait(b, Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(By.id("top-findings")));
        return url;
    }

    String login(long school) {
        return StaffAgent.account(accounts, Role.DIRECTOR, List.of(school));
    }

    static Number js(WebDriver b, String script, Object... args) {
        return (Number) ((JavascriptExecutor) b).executeScript(script, args);
    }

    @Test
    void onALaptopTheTopFindingsAreInViewWithoutScrolling() {
        browser = Browser.desktop(1366, 900);
        dashboard(browser);
        WebElement top = browser.findElement(By.id("top-findings"));
        assertThat(top.getText()).contains("Главное").contains("Сильная сторона")
                .contains("Не вошли в выводы из-за ненадёжной шкалы");
        assertThat(js(browser, "return window.scrollY;").intValue()).isZero();
        int innerHeight = js(browser, "return window.innerHeight;").intValue();
        assertThat(innerHeight).as("a laptop's viewport").isBetween(700, 900);
        assertThat(js(browser, "return arguments[0].getBoundingClientRect().bottom;", top).doubleValue())
                .as("the whole findings box is on the first screen").isLessThanOrEqualTo(innerHeight);

        // the statistics are folded: the table is there but not shown until the details are opened
        WebElement details = browser.findElement(By.id("psychologist-details"));
        assertThat(details.getDomAttribute("open")).isNull();
        assertThat(browser.findElement(By.cssSelector("#psychologist-details .level-row")).isDisplayed()).isFalse();
        assertThat(details.findElements(By.cssSelector(".comparison-table, #problem-matrix, .dashboard-table")))
                .hasSizeGreaterThanOrEqualTo(3);
        WebElement summary = details.findElement(By.tagName("summary"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", summary);
        summary.click();
        assertThat(browser.findElement(By.cssSelector("#psychologist-details .level-row .score")).isDisplayed()).isTrue();
    }

    @Test
    void onAPhoneNothingScrollsSidewaysAndChartTextIsReadable() {
        browser = Browser.phone();
        dashboard(browser);
        // open the details too: the tables there scroll in their own boxes, never the page
        WebElement summary = browser.findElement(By.cssSelector("#psychologist-details > summary"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", summary);
        summary.click();
        int innerWidth = js(browser, "return window.innerWidth;").intValue();
        assertThat(innerWidth).isEqualTo(360);
        assertThat(js(browser, "return document.documentElement.scrollWidth;").intValue())
                .as("no sideways scrolling of the page").isLessThanOrEqualTo(innerWidth);
        WebElement top = browser.findElement(By.id("top-findings"));
        assertThat(js(browser, "return arguments[0].scrollWidth - arguments[0].clientWidth;", top).intValue())
                .as("the summary itself never scrolls").isZero();
        // every text of every chart is drawn at 12 px or more
        List<WebElement> texts = browser.findElements(By.cssSelector("svg text"));
        assertThat(texts).isNotEmpty();
        for (WebElement t : texts) {
            double height = js(browser, "const s = arguments[0].ownerSVGElement;"
                    + "return parseFloat(arguments[0].getAttribute('font-size')) * s.getBoundingClientRect().width"
                    + " / s.viewBox.baseVal.width;", t).doubleValue();
            assertThat(height).as("rendered font size of '%s'", t.getDomProperty("textContent")).isGreaterThanOrEqualTo(11.99);
        }
    }
}
