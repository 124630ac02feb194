package org.uklad.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.Browser;
import org.uklad.support.BrowserTest;
import org.uklad.support.Http;

/**
 * A coordinator in headless Chromium opens External results from the menu, uploads a monitoring
 * centre's file of three years (Windows-1251, semicolons, decimal commas) through the file input,
 * sees the rows, filters them by year and corrects one.
 */
@MicronautTest(transactional = false)
class ResultsBrowserTest extends BrowserTest {

    @Inject Accounts accounts;

    @Test
    void aCoordinatorUploadsThreeYearsAndSeesTheRows() throws IOException {
        String municipality = "Район rb" + UUID.randomUUID().toString().substring(0, 8);
        for (String name : List.of("Школа № 1", "Гимназия № 2")) {
            Http.Response r = http.admin("POST", "/api/v1/admin/schools", http.toJson(Map.of(
                    "name", name, "municipality", municipality, "category", "OTHER")));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
        StringBuilder csv = new StringBuilder("Муниципалитет;Школа;Год;Процедура;Предмет;Средний балл;Участников;Доля ниже порога\r\n");
        for (int year = 2024; year <= 2026; year++) {
            for (String school : List.of("Школа № 1", "Гимназия № 2")) {
                csv.append(municipality).append(';').append(school).append(';').append(year).append(";ОГЭ;математика;")
                        .append(school.startsWith("Школа") ? "3," : "4,").append(year - 2020).append(";45;")
                        .append(year - 2020).append("%\r\n");
            }
        }
        Path file = Files.createTempFile("uklad-results", ".csv");
        try {
            Files.write(file, csv.toString().getBytes(Charset.forName("windows-1251")));
            String login = StaffAgent.account(accounts, Role.ADMIN, List.of());
            browser = Browser.desktop();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
            Browser.signIn(browser, server.getURL(), login, StaffAgent.PASSWORD);
            // the coordinator's "More" menu in the header opens, then its link
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#nav-more > summary"))).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("nav-results"))).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-form")));

            browser.findElement(By.id("csv-file")).sendKeys(file.toAbsolutePath().toString());
            // read in the page as Windows-1251: the Cyrillic is intact
            wait.until(d -> d.findElement(By.id("csv")).getDomProperty("value").contains("Гимназия № 2"));
            browser.findElement(By.id("import-submit")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "добавлено строк — 6, заменено — 0"));

            new Select(browser.findElement(By.id("f-municipality"))).selectByValue(municipality);
            browser.findElement(By.cssSelector("#filter-form button[type=submit]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("scores-table")));
            List<WebElement> rows = browser.findElements(By.cssSelector("#scores-table tr.score-row"));
            assertThat(rows).hasSize(6);
            assertThat(rows.getFirst().getText()).contains("Гимназия № 2").contains("2024").contains("ОГЭ")
                    .contains("математика").contains("4,40").contains("45").contains("4,0 %");
            assertThat(browser.findElement(By.id("scores-table")).getText()).contains("3,60").contains("2026");

            new Select(browser.findElement(By.id("f-year"))).selectByValue("2025");
            browser.findElement(By.cssSelector("#filter-form button[type=submit]")).click();
            wait.until(d -> d.findElements(By.cssSelector("#scores-table tr.score-row")).size() == 2);

            // correct one row: the form opens filled in, the change shows after the redirect
            browser.findElements(By.cssSelector("#scores-table a.edit-row")).getFirst().click();
            wait.until(d -> "4,50".equals(d.findElement(By.id("meanScore")).getDomProperty("value")));
            browser.findElement(By.id("meanScore")).clear();
            browser.findElement(By.id("meanScore")).sendKeys("4,55");
            browser.findElement(By.id("row-save")).click();
            wait.until(ExpectedConditions.textToBe(By.id("notice"), "Результат сохранён."));
            assertThat(db.string("SELECT mean_score::text FROM external_score e JOIN school s ON s.id = e.school_id "
                    + "WHERE s.municipality = ? AND s.name = 'Гимназия № 2' AND e.year = 2025", municipality)).isEqualTo("4.55");
            assertThat(db.count("SELECT count(*) FROM external_score e JOIN school s ON s.id = e.school_id WHERE s.municipality = ?",
                    municipality)).isEqualTo(6);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
