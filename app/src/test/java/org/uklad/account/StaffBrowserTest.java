package org.uklad.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.uklad.support.Browser;
import org.uklad.support.Fixture;
import org.uklad.support.Http;

/** A director in a real headless Chromium: signs in with a given password, must change it, signs out and in again. */
@MicronautTest(transactional = false)
class StaffBrowserTest {

    @Inject EmbeddedServer server;
    @Inject JsonMapper jsonMapper;
    @Inject Accounts accounts;

    WebDriver browser;

    @BeforeEach
    void setUp() {
        browser = Browser.desktop();
    }

    @AfterEach
    void tearDown() {
        browser.quit();
    }

    void signIn(String login, String password) {
        browser.findElement(By.id("login")).sendKeys(login);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
    }

    @Test
    void aDirectorSignsInChangesTheGivenPasswordAndSignsInAgain() {
        long school = new Fixture(new Http(server.getURI(), jsonMapper)).school("SHNRO");
        accounts.create("director.browser", "Ирина Смирнова", Role.DIRECTOR, List.of(school), "given password 1", true);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));

        browser.get(server.getURL() + "/staff");
        wait.until(ExpectedConditions.urlContains("/staff/login"));
        signIn("director.browser", "given password 1");
        wait.until(ExpectedConditions.urlContains("/staff/password"));
        assertThat(browser.findElement(By.id("forced")).getText()).contains("задайте собственный пароль");
        Cookie session = browser.manage().getCookieNamed(Sessions.COOKIE);
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");

        browser.findElement(By.id("current")).sendKeys("given password 1");
        browser.findElement(By.id("password")).sendKeys("моя новая фраза");
        browser.findElement(By.id("repeat")).sendKeys("моя новая фраза");
        browser.findElement(By.id("change-password")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("changed")));
        assertThat(browser.findElement(By.id("changed")).getText()).contains("Пароль изменён");

        browser.get(server.getURL() + "/staff");
        assertThat(browser.findElement(By.id("whoami")).getText()).contains("Ирина Смирнова", "директор");
        browser.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.urlContains("/staff/login"));
        assertThat(browser.manage().getCookieNamed(Sessions.COOKIE)).isNull();

        signIn("director.browser", "моя новая фраза");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("whoami")));
        assertThat(browser.getCurrentUrl()).endsWith("/staff");
        assertThat(browser.findElement(By.id("school-" + school)).getText()).contains("своя школа");
    }
}
