package org.uklad.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.Browser;
import org.uklad.support.BrowserTest;

/** The coordinator opens the plan in real headless Chromium, enters a fact (once refused, once right) and sees the status change. */
@MicronautTest(transactional = false)
class PlanBrowserTest extends BrowserTest {

    @Inject Accounts accounts;

    @Test
    void aCoordinatorEntersAFactAndTheStatusTurnsReached() {
        String name = "Семинары по обмену опытом " + System.nanoTime();
        long id = db.count("INSERT INTO programme_indicator (name, unit, level, source, plan_value, due_on) "
                + "VALUES (?, 'COUNT', 'REGION', 'ENTERED', 6, DATE '2040-08-31') RETURNING id", name);
        String login = StaffAgent.account(accounts, Role.ADMIN, List.of());
        browser = Browser.desktop();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        Browser.signIn(browser, server.getURL(), login, StaffAgent.PASSWORD);
        // the coordinator's "More" menu in the header opens, then its link
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#nav-more > summary"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("nav-plan"))).click();
        By status = By.cssSelector("#indicator-" + id + " > td.status");
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(status)).getText()).isEqualTo("○ ещё нет");

        // a word for a number: the form again, the field named, what was typed kept
        new Select(browser.findElement(By.id("indicatorId"))).selectByValue(String.valueOf(id));
        browser.findElement(By.id("fact-value")).sendKeys("шесть");
        date("2026-11-20");
        browser.findElement(By.id("enter")).click();
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error-value"))).getText())
                .isEqualTo("Введите число (например, 4,25).");
        assertThat(browser.findElement(By.id("fact-value")).getDomProperty("value")).isEqualTo("шесть");

        browser.findElement(By.id("fact-value")).clear();
        browser.findElement(By.id("fact-value")).sendKeys("6");
        browser.findElement(By.id("fact-note")).sendKeys("Шесть семинаров проведено");
        date("2026-11-20");
        browser.findElement(By.id("enter")).click();
        wait.until(ExpectedConditions.textToBe(By.id("notice"), "Факт внесён."));
        assertThat(browser.findElement(status).getText()).isEqualTo("✓ достигнут");
        assertThat(browser.findElement(By.cssSelector("#indicator-" + id + " > td.fact")).getText()).isEqualTo("6");
        browser.findElement(By.cssSelector("#indicator-" + id + " details > summary")).click();
        assertThat(browser.findElement(By.cssSelector("#indicator-" + id + " details")).getText())
                .contains("20.11.2026: 6 — Шесть семинаров проведено");
    }

    /** A date input takes its value in ISO form whatever the browser's language. */
    private void date(String iso) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]",
                browser.findElement(By.id("fact-notedOn")), iso);
    }
}
