package org.uklad.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.uklad.support.AppTest;
import org.uklad.support.Browser;
import org.uklad.support.Http;

/** The API is described by OpenAPI and browsable at /swagger-ui, served by the app alone under its CSP. */
@MicronautTest(transactional = false)
class ApiDocsTest extends AppTest {

    @Test
    void theOpenApiDocumentDescribesTheRespondentAndAdministrationApis() {
        Http.Response spec = http.get("/openapi/uklad-0.1.yml");
        assertThat(spec.status()).isEqualTo(200);
        assertThat(spec.body()).contains("openapi: 3.", "title: Uklad", "/api/v1/surveys/{code}/responses:",
                "/api/v1/surveys/{code}:", "/api/v1/admin/waves:", "/api/v1/admin/waves/{id}/indices:",
                "/api/v1/admin/waves/{waveId}/responses.csv:", "Idempotency-Key", "/api/v1/admin/schools/{id}:",
                "/api/v1/admin/municipalities/rename:", "/api/v1/admin/categories:", "/api/v1/admin/partnerships/{id}:",
                "/api/v1/staff/waves/{waveId}/schools/{schoolId}/free-text:",
                "/api/v1/staff/waves/{waveId}/schools/{schoolId}/responses.csv:", "/api/v1/staff/waves/{waveId}/codebook.csv:",
                "/api/v1/staff/waves/{waveId}/responses.csv:", "/api/v1/staff/waves/{waveId}/schools/{schoolId}/responses:");
        // --- programme ---
        assertThat(spec.body()).contains("/api/v1/staff/programmes:", "/api/v1/staff/programmes/{id}:",
                "/api/v1/staff/programmes/{id}/measures:", "/api/v1/staff/programmes/{id}/measures/{measureId}/status:",
                "/api/v1/staff/programmes/{id}/measures/{measureId}/notes:", "/api/v1/staff/programmes/roadmap.csv:");
        assertThat(spec.body()).doesNotContain("/swagger-ui:");
    }

    @Test
    void swaggerUiRendersTheOperationsInABrowser() {
        WebDriver browser = Browser.desktop();
        try {
            browser.get(server.getURL() + "/swagger-ui");
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(d -> d.findElements(By.cssSelector(".opblock")).size() >= 10);
            assertThat(browser.findElement(By.cssSelector(".info .title")).getText()).contains("Uklad");
        } finally {
            browser.quit();
        }
        assertThat(http.get("/swagger-ui").header("Content-Security-Policy")).doesNotContain("unsafe-inline");
    }
}
