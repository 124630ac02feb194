package org.uklad.home;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.Browser;
import org.uklad.support.BrowserTest;

/**
 * In a real Chromium, each role signs in and finds its answer from the home: the director reaches
 * the own school's dashboard in one click, the psychologist reads the schools' response rates, the
 * coordinator reaches the current wave's overview in one click.
 */
@MicronautTest(transactional = false)
class HomeBrowserTest extends BrowserTest {

    @Inject Accounts accounts;

    WebDriverWait signIn(String login) {
        browser = Browser.desktop();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        browser.get(server.getURL() + "/staff/login");
        browser.findElement(By.id("login")).sendKeys(login);
        browser.findElement(By.id("password")).sendKeys(StaffAgent.PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("whoami")));
        return wait;
    }

    @Test
    void eachRoleFindsItsAnswerOneClickFromHome() {
        long supported = fixture.school("SHNRO");
        long other = fixture.school("SHNRO");
        Instant now = Instant.now();
        long wave = fixture.wave(now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(14)), "example");
        fixture.exampleAnswers(wave, supported, new Integer[][] {{1, 2, 3, 4}, {2, 2, 3, 3}, {4, 4, 4, 4}, {3, 2, 1, 2},
                {2, 3, 2, 3}, {3, 3, 3, 3}, {1, 1, 2, 2}, {4, 3, 4, 3}, {2, 2, 2, 2}, {3, 4, 3, 4}, {1, 2, 1, 2},
                {4, 4, 3, 3}, {2, 3, 3, 2}});
        fixture.codes(wave, other, "example", "7А", 1, 30);

        // the director: home → dashboard, one click
        WebDriverWait wait = signIn(StaffAgent.account(accounts, Role.DIRECTOR, List.of(supported)));
        assertThat(browser.findElements(By.id("nav-waves"))).isEmpty();
        browser.findElement(By.id("home-dashboard-" + supported)).click();
        wait.until(ExpectedConditions.urlContains("/staff/waves/" + wave + "/schools/" + supported + "/dashboard"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isNotBlank();
        browser.quit();

        // the psychologist: the schools with their rate (13 of 25 expected: 52 %, enough)
        signIn(StaffAgent.account(accounts, Role.PSYCHOLOGIST, List.of(supported)));
        String row = browser.findElement(By.id("home-school-" + supported)).getText();
        assertThat(row).contains("13", "25", "52 %", "ответов достаточно");
        assertThat(browser.findElement(By.id("nav-waves")).isDisplayed()).isTrue();
        assertThat(browser.findElements(By.id("home-school-" + other))).isEmpty();
        browser.quit();

        // the coordinator: home → the current wave's overview, one click
        wait = signIn(StaffAgent.account(accounts, Role.ADMIN, List.of()));
        browser.findElement(By.id("home-overview")).click();
        wait.until(ExpectedConditions.urlContains("/staff/waves/" + wave + "/overview"));
        assertThat(browser.getTitle()).isNotBlank();
    }
}
