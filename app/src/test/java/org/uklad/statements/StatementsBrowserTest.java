package org.uklad.statements;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.Browser;
import org.uklad.support.BrowserTest;
import org.uklad.support.Http;

/**
 * The statements page on a 360 px phone in real Chromium: bars drawn and filled with patterns,
 * nothing wider than the screen, the safety section with its mark in words; under k no bar at all.
 */
@MicronautTest(transactional = false)
class StatementsBrowserTest extends BrowserTest {

    @Inject Accounts accounts;

    @Test
    void barsFitAPhoneAndNothingIsDrawnUnderK() {
        long school = fixture.school("SHNRO");
        long small = fixture.school("SHNRO");
        long wave = fixture.openWave("students-5-11");
        String code = fixture.codes(wave, school, "students-5-11", "7А", 1, 100).getFirst();
        for (int i = 0; i < 10; i++) {
            Map<String, Object> answers = new LinkedHashMap<>();
            answers.put("dem1", 1 + i % 4);
            answers.put("com12", 1 + (i * 3) % 4);
            answers.put("bullied", i < 2 ? "weekly" : i < 5 ? "once_twice" : "never");
            if (i < 5) {
                answers.put("bullied_where", i % 2 == 0 ? List.of("break", "online") : List.of("classroom"));
            }
            Http.Response r = http.postJson("/api/v1/surveys/" + code + "/responses", http.toJson(Map.of("answers", answers)),
                    "Idempotency-Key", UUID.randomUUID().toString());
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
        for (int i = 0; i < 3; i++) {
            db.storeAsBeforeV11(wave, small, "students-5-11", "5Б", Map.of("dem1", 4));
        }

        browser = Browser.phone(360, 780);
        Browser.signIn(browser, server.getURL(), StaffAgent.account(accounts, Role.ADMIN, List.of()), StaffAgent.PASSWORD);
        browser.get(server.getURL() + "/staff/waves/" + wave + "/schools/" + school + "/dashboard");
        browser.findElement(By.cssSelector("#statements-link a")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/schools/" + school + "/statements");
        fitsThePhone();

        List<WebElement> bars = browser.findElements(By.cssSelector("svg.statement-bar"));
        assertThat(bars).as("dem1, com12, bullied: answered by 10").hasSizeGreaterThanOrEqualTo(3);
        WebElement dem1 = browser.findElement(By.id("item-students-5-11-dem1"));
        WebElement bar = dem1.findElement(By.cssSelector("svg.statement-bar"));
        double width = number("return arguments[0].getBoundingClientRect().width;", bar);
        assertThat(width).as("the bar takes the box's width").isGreaterThan(250).isLessThanOrEqualTo(360);
        List<WebElement> segments = bar.findElements(By.cssSelector("rect.segment"));
        assertThat(segments).hasSize(4);
        double drawn = 0;
        for (WebElement s : segments) {
            drawn += number("return arguments[0].getBoundingClientRect().width;", s);
            assertThat(s.getCssValue("fill")).as("a pattern, not a colour alone").contains("url(");
        }
        assertThat(drawn).as("the segments fill the bar").isCloseTo(width, org.assertj.core.data.Offset.offset(2.0));
        // 10 answers spread over 4 points: 3 · 3 · 2 · 2, each written on its segment and in the legend
        assertThat(dem1.findElements(By.cssSelector("text.segment-percent"))).extracting(WebElement::getText)
                .containsExactly("30 %", "30 %", "20 %", "20 %");
        assertThat(dem1.getText()).contains("Определённо нет: 30 % (3)", "Ответили: 10", "Благоприятных ответов: 40 %");
        assertThat(browser.findElement(By.id("item-students-5-11-eng1")).getText()).contains("меньше 5 ответов");
        assertThat(browser.findElement(By.id("item-students-5-11-eng1")).findElements(By.cssSelector("svg"))).isEmpty();
        WebElement safety = browser.findElement(By.id("safety"));
        assertThat(safety.getText()).contains("‼ Требует внимания", "На уровне отметки: 20 % (2 из 10;",
                "На перемене, в коридоре или столовой: 60 % (3)");

        browser.get(server.getURL() + "/staff/waves/" + wave + "/schools/" + small + "/statements");
        fitsThePhone();
        assertThat(browser.findElements(By.cssSelector("svg.statement-bar"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector(".questionnaire-suppressed")).getText()).isEqualTo("меньше 5 ответов");
        assertThat(browser.findElement(By.id("safety")).getText()).contains("меньше 5 ответов")
                .doesNotContain("Требует внимания", "Ниже порога");
    }

    private void fitsThePhone() {
        assertThat(number("return window.innerWidth;")).as("not zoomed out").isEqualTo(360);
        assertThat(number("return document.documentElement.scrollWidth;")).as("no sideways scrolling").isLessThanOrEqualTo(360);
    }

    private double number(String script, Object... args) {
        return ((Number) ((JavascriptExecutor) browser).executeScript(script, args)).doubleValue();
    }
}
