package org.uklad.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.BrowserTest;
import org.uklad.support.Browser;

/** A psychologist in headless Chromium downloads a school's responses and imports the file into another school. */
@MicronautTest(transactional = false)
class ExchangeBrowserTest extends BrowserTest {

    @Inject Accounts accounts;


    @BeforeEach
    void setUp() {
        browser = Browser.desktop();
    }


    @Test
    void aPsychologistDownloadsAndImportsThroughTheFileInput() throws IOException {
        long own = fixture.school("SHNRO");
        long second = fixture.school("SHUVRO");
        long wave = fixture.openWave("example");
        String code = fixture.codes(wave, own, "example", "7Б", 1, 50).getFirst();
        for (String a : ExchangeApiTest.ANSWERS) {
            assertThat(http.postJson("/api/v1/surveys/" + code + "/responses", "{\"answers\": " + a + "}",
                    "Idempotency-Key", UUID.randomUUID().toString()).status()).isEqualTo(201);
        }
        String login = StaffAgent.account(accounts, Role.PSYCHOLOGIST, List.of(own, second));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        Browser.signIn(browser, server.getURL(), login, StaffAgent.PASSWORD);

        browser.get(server.getURL() + "/staff/waves/" + wave);
        browser.findElement(By.id("exchange-link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("exchange-schools")));
        // the download as the browser gets it, with the session's cookie
        String href = browser.findElement(By.id("responses-" + own + "-example")).getAttribute("href");
        String csv = (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) { return r.text(); }).then(done);", href);
        assertThat(csv).contains("wave_id,school_id,questionnaire,version,group_label").contains("7Б");
        Path file = Files.createTempFile("uklad-paper", ".csv");
        try {
            Files.writeString(file, "\uFEFF" + csv, StandardCharsets.UTF_8);

            browser.findElement(By.id("import-" + second)).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("upload-form")));
            new Select(browser.findElement(By.id("questionnaire"))).selectByValue("example");
            // the file goes as multipart/form-data with an upload bar, then to the import's page: its progress, then the result
            browser.findElement(By.id("csv-file")).sendKeys(file.toAbsolutePath().toString());
            browser.findElement(By.id("upload-submit")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-job")));
            assertThat(browser.findElement(By.id("import-job-progress")).getTagName()).isEqualTo("progress");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-result")));
            assertThat(browser.findElement(By.id("import-result")).getText()).contains("10");
            assertThat(browser.findElement(By.id("import-job-progress")).getDomProperty("value")).isEqualTo("100");
            assertThat(browser.findElement(By.id("import-state")).getText()).isEqualTo("Готово");
        } finally {
            Files.deleteIfExists(file);
        }
        assertThat(ExchangeApiTest.indicesOf(http, wave, second)).isEqualTo(ExchangeApiTest.indicesOf(http, wave, own))
                .isNotEmpty();

        // a pasted text over the server's limit for forms is stopped in the page, before anything is sent
        browser.findElement(By.id("import-again")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("paste")));
        browser.findElement(By.cssSelector("#paste summary")).click();
        ((JavascriptExecutor) browser).executeScript("document.getElementById('csv').value = arguments[0];",
                "group_label,grade\n" + "5А,5\n".repeat(40_000));
        browser.findElement(By.id("import-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("too-large")));
        assertThat(browser.findElement(By.id("import-progress")).isDisplayed()).isFalse();
        assertThat(db.count("SELECT count(*) FROM response WHERE school_id = ?", second)).isEqualTo(10);
    }
}
