package org.uklad.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.BrowserTest;
import org.uklad.support.Browser;

/** A coordinator keeps the registry in real headless Chromium: registers two schools, pairs them, renames the municipality. */
@MicronautTest(transactional = false)
class SchoolRegistryBrowserTest extends BrowserTest {

    @Inject Accounts accounts;



    void register(WebDriverWait wait, String name, String municipality, String category) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-school")));
        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.id("municipality")).sendKeys(municipality);
        browser.findElement(By.id("category-" + category)).click();
        var create = browser.findElement(By.id("create-school"));
        create.click();
        // the notice of the school before may still be on the page: wait for the new page first
        wait.until(ExpectedConditions.stalenessOf(create));
        wait.until(ExpectedConditions.textToBe(By.id("notice"), "Школа добавлена."));
    }

    @Test
    void aCoordinatorRegistersPairsAndRenames() {
        String login = StaffAgent.account(accounts, Role.ADMIN, List.of());
        String municipality = SchoolRegistryPagesTest.unique("Браузерный район");
        String renamed = SchoolRegistryPagesTest.unique("Браузерный округ");
        browser = Browser.desktop();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        Browser.signIn(browser, server.getURL(), login, StaffAgent.PASSWORD);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nav-registry"))).click();

        // a refused form keeps what was typed and names the field
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-school")));
        browser.findElement(By.id("name")).sendKeys("Без категории");
        browser.findElement(By.id("municipality")).sendKeys(municipality);
        browser.findElement(By.id("create-school")).click();
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error-category"))).getText())
                .isEqualTo("Заполните это поле.");
        assertThat(browser.findElement(By.id("name")).getDomProperty("value")).isEqualTo("Без категории");
        browser.findElement(By.id("name")).clear();

        browser.findElement(By.id("municipality")).clear();
        register(wait, "Школа-аутсайдер", municipality, "SHNRO");
        register(wait, "Школа-лидер", municipality, "SHUVRO");
        long weak = db.count("SELECT id FROM school WHERE municipality = ? AND name = 'Школа-аутсайдер'", municipality);
        long strong = db.count("SELECT id FROM school WHERE municipality = ? AND name = 'Школа-лидер'", municipality);

        browser.findElement(By.id("registry-partnerships")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-partnership")));
        new Select(browser.findElement(By.id("mentorSchoolId"))).selectByValue(String.valueOf(strong));
        new Select(browser.findElement(By.id("supportedSchoolId"))).selectByValue(String.valueOf(strong));
        browser.findElement(By.id("pair")).click();
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error-supportedSchoolId"))).getText())
                .isEqualTo("Школа не может быть наставником самой себе.");
        new Select(browser.findElement(By.id("supportedSchoolId"))).selectByValue(String.valueOf(weak));
        browser.findElement(By.id("pair")).click();
        wait.until(ExpectedConditions.textToBe(By.id("notice"), "Партнёрство создано."));
        assertThat(browser.findElement(By.id("partnerships")).getText()).contains("Школа-лидер (" + municipality + ")",
                "Школа-аутсайдер (" + municipality + ")");

        browser.findElement(By.id("registry-municipalities")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rename-municipality")));
        new Select(browser.findElement(By.id("from"))).selectByValue(municipality);
        browser.findElement(By.id("to")).sendKeys(renamed);
        browser.findElement(By.id("rename")).click();
        wait.until(ExpectedConditions.textToBe(By.id("notice"), "Муниципалитет переименован у всех его школ."));
        assertThat(browser.findElement(By.id("municipalities")).getText()).contains(renamed + " 2").doesNotContain(municipality);

        browser.findElement(By.id("registry-categories")).click();
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("category-SHUVRO"))).getText())
                .contains("способная быть наставником");
        assertThat(db.count("SELECT count(*) FROM school WHERE municipality = ?", renamed)).isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM partnership WHERE mentor_school_id = ? AND supported_school_id = ?",
                strong, weak)).isEqualTo(1);
    }
}
