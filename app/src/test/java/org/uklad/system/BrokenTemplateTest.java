package org.uklad.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.views.ModelAndView;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * A page whose template fails while rendering is answered with the catalogue's error page, at once:
 * before pages were rendered completely ahead of sending, the status and headers were already out,
 * and the browser waited for the rest forever.
 */
@MicronautTest(transactional = false)
@Property(name = "uklad.test.broken-view", value = "true")
class BrokenTemplateTest extends AppTest {

    @Introspected
    record Broken(String title) {}

    @Requires(property = "uklad.test.broken-view", value = "true")
    @Controller("/test/broken-view")
    @Secured(SecurityRule.IS_ANONYMOUS)
    static class BrokenController {

        @Get
        @Produces(MediaType.TEXT_HTML)
        HttpResponse<?> page() {
            return HttpResponse.ok(new ModelAndView<>("system/test-broken", new Broken("заголовок")));
        }
    }

    @Test
    void aTemplateThatFailsWhileRenderingGivesTheErrorPageNotAHang() {
        // a hang ends in the test client's 30 s timeout, which fails the test
        Http.Response r = http.get("/test/broken-view", "Accept", "text/html");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.contentType()).startsWith("text/html");
        assertThat(r.body()).contains("Внутренняя ошибка").doesNotContain("noSuchMethod").doesNotContain("Начало страницы");
    }
}
