package org.uklad.wave;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.support.BrowserTest;
import org.uklad.support.Browser;

/**
 * A psychologist in a real headless Chromium creates a wave, generates a code for a class, and
 * watches the monitoring page count a student's answer without reloading it.
 */
@MicronautTest(transactional = false)
class WaveBrowserTest extends BrowserTest {

    @Inject Accounts accounts;

    WebDriver student;

    @BeforeEach
    void setUp() {
        browser = Browser.desktop();
    }

    @AfterEach
    void closeStudent() {
        if (student != null) {
            student.quit();
        }
    }

    @Test
    void aPsychologistCreatesAWaveGeneratesACodeAndSeesTheResponseArriveWithoutReload() {
        long school = fixture.school("SHNRO");
        String login = WaveTestSupport.account(accounts, Role.PSYCHOLOGIST, List.of(school));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));

        browser.get(server.getURL() + "/staff/login");
        browser.findElement(By.id("login")).sendKeys(login);
        browser.findElement(By.id("password")).sendKeys(WaveTestSupport.PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("waves-link"))).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-wave")));
        browser.findElement(By.id("name")).sendKeys("Браузерная волна");
        browser.findElement(By.id("kind-ENTRY")).click();
        browser.findElement(By.id("q-example")).click();
        // the opening time is prefilled with the current minute (Moscow), the closing two weeks later
        assertThat(browser.findElement(By.id("opensAt")).getDomProperty("value")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d");
        browser.findElement(By.id("create-wave")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("codes-form")));
        assertThat(browser.findElement(By.id("notice")).getText()).contains("Волна создана");
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("открыта");
        new Select(browser.findElement(By.id("schoolId"))).selectByValue(String.valueOf(school));
        new Select(browser.findElement(By.id("questionnaire"))).selectByValue("example");
        browser.findElement(By.id("groupLabel")).sendKeys("7Б");
        browser.findElement(By.id("mode-shared")).click();
        browser.findElement(By.id("maxUses")).sendKeys("30");
        browser.findElement(By.id("expectedSize")).sendKeys("20");
        browser.findElement(By.id("generate")).click();

        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".code-row")));
        String code = row.getDomAttribute("data-code");
        assertThat(row.getText()).contains(code.substring(0, 5) + "-" + code.substring(5), "0 / 30");

        browser.findElement(By.id("monitoring-link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("monitoring-table")));
        assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("0");
        assertThat(browser.findElement(By.cssSelector(".group-row .responses")).getText()).isEqualTo("0");
        // a mark that a reload would wipe out
        ((JavascriptExecutor) browser).executeScript("window.ukladNoReload = 42;");

        // a student answers in another browser session
        student = Browser.phone();
        student.get(server.getURL() + "/s/" + code);
        WebDriverWait studentWait = new WebDriverWait(student, Duration.ofSeconds(10));
        studentWait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("form")));
        student.quit();
        student = null;
        WaveTestSupport.submit(http, code);

        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.textToBe(By.id("total"), "1"));
        assertThat(browser.findElement(By.cssSelector(".group-row .responses")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.cssSelector(".group-row .rate")).getText()).isEqualTo("5 %");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.ukladNoReload;")).isEqualTo(42L);
    }
}
