package org.uklad.respondent;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.uklad.support.AppTest;

/**
 * Lighthouse's accessibility score of the paged teachers' form on a 360 × 740 phone. A measurement,
 * run by hand (it needs {@code npm i -g lighthouse@12}; BENCHMARKS.md has the command and the score),
 * so it runs only with {@code -Dlighthouse=true}.
 */
@MicronautTest(transactional = false)
@EnabledIfSystemProperty(named = "lighthouse", matches = "true")
class PagedFormLighthouseTest extends AppTest {

    @TempDir Path tmp;

    private double accessibility(String url) throws Exception {
        Path report = tmp.resolve("lh.json");
        ProcessBuilder command = new ProcessBuilder(List.of("lighthouse", url, "--quiet", "--only-categories=accessibility",
                "--form-factor=mobile", "--screenEmulation.mobile", "--screenEmulation.width=360",
                "--screenEmulation.height=740", "--screenEmulation.deviceScaleFactor=2",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking",
                "--output=json", "--output-path=" + report))
                .redirectErrorStream(true).directory(tmp.toFile());
        command.environment().put("CHROME_PATH", "/usr/bin/chromium");
        Process p = command.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        JsonNode json = http.json(new org.uklad.support.Http.Response(200, "application/json",
                Files.readString(report), null));
        JsonNode category = json.get("categories").get("accessibility");
        StringBuilder failed = new StringBuilder();
        JsonNode audits = json.get("audits");
        for (JsonNode ref : category.get("auditRefs").values()) {
            JsonNode audit = audits.get(ref.get("id").getStringValue());
            JsonNode score = audit.get("score");
            if (ref.get("weight").getNumberValue().doubleValue() > 0 && score != null && score.isNumber()
                    && score.getNumberValue().doubleValue() < 1) {
                failed.append(ref.get("id").getStringValue()).append(' ');
            }
        }
        double value = category.get("score").getNumberValue().doubleValue() * 100;
        System.out.println("Lighthouse accessibility " + url + ": " + value + (failed.isEmpty() ? "" : " (failed: " + failed + ")"));
        return value;
    }

    @Test
    void thePagedFormScoresAtLeast95ForAccessibility() throws Exception {
        long school = fixture.school("SHNRO");
        String teachers = fixture.codes(fixture.openWave("teachers"), school, "teachers", "педагоги", 1, 30).getFirst();
        String pupils = fixture.codes(fixture.openWave("students-2-4"), school, "students-2-4", "3А", 1, 30).getFirst();
        assertThat(accessibility(server.getURL() + "/s/" + teachers)).isGreaterThanOrEqualTo(95);
        assertThat(accessibility(server.getURL() + "/s/" + pupils)).isGreaterThanOrEqualTo(95);
        assertThat(accessibility(server.getURL() + "/questionnaires/teachers")).isGreaterThanOrEqualTo(95);
    }
}
