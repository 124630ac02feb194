package org.uklad.focusgroup;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.support.BrowserTest;
import org.uklad.support.Browser;

/** A psychologist in headless Chromium records a session, codes two excerpts and finds them in the summary. */
@MicronautTest(transactional = false)
class FocusBrowserTest extends BrowserTest {

    @Inject Accounts accounts;


    @BeforeEach
    void setUp() {
        browser = Browser.desktop();
    }


    void code(String text, String code, String sentiment, String tags) {
        browser.findElement(By.id("text")).sendKeys(text);
        new Select(browser.findElement(By.id("code"))).selectByValue(code);
        browser.findElement(By.id("sentiment-" + sentiment)).click();
        browser.findElement(By.id("tags")).sendKeys(tags);
        browser.findElement(By.id("representative")).click();
        browser.findElement(By.id("add-excerpt")).click();
    }

    @Test
    void aPsychologistRecordsASessionCodesTwoExcerptsAndSeesThemInTheSummary() {
        long school = fixture.school("SHNRO");
        long wave = fixture.openWave("example");
        accounts.create("psy.focus.browser", "Ольга Сергеевна", Role.PSYCHOLOGIST, List.of(school), "focus browser pass", false);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));

        browser.get(server.getURL() + "/staff/focus-groups");
        wait.until(ExpectedConditions.urlContains("/staff/login"));
        browser.findElement(By.id("login")).sendKeys("psy.focus.browser");
        browser.findElement(By.id("password")).sendKeys("focus browser pass");
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-session")));

        browser.get(server.getURL() + "/staff/focus-groups/new?school=" + school + "&wave=" + wave);
        browser.findElement(By.id("audience-STUDENT")).click();
        new Select(browser.findElement(By.id("guide"))).selectByValue("focus-students");
        new Select(browser.findElement(By.id("pRole-0"))).selectByValue("STUDENT");
        browser.findElement(By.id("pGrade-0")).sendKeys("7");
        browser.findElement(By.id("pCount-0")).sendKeys("6");
        browser.findElement(By.id("create-session")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("excerpt-form")));
        assertThat(browser.findElement(By.id("facts")).getText()).contains("Ольга Сергеевна", "учащиеся 7 класс: 6");

        code("Учителя требуют, но объясняют зачем", "teacher_demandingness", "POSITIVE", "требования");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("excerpt-table")));
        code("На переменах бывает страшно", "comfort", "NEGATIVE", "безопасность");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("excerpt-table"), "На переменах бывает страшно"));

        browser.findElement(By.id("summary-link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("by-code")));
        assertThat(browser.findElement(By.id("excerpt-total")).getText()).contains("2");
        assertThat(browser.findElement(By.id("code-teacher_demandingness")).getText()).contains("1");
        assertThat(browser.findElement(By.id("code-comfort")).getText()).contains("1");
        assertThat(browser.findElement(By.id("quotes")).getText())
                .contains("Учителя требуют, но объясняют зачем", "На переменах бывает страшно");
        assertThat(browser.findElement(By.id("tags")).getText()).contains("требования (1)", "безопасность (1)");
        assertThat(browser.findElement(By.id("triangulation")).getText()).contains("нет данных анкетирования");
    }
}
