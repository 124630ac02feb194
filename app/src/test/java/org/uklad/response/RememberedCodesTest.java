package org.uklad.response;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * A submission starts from what this replica last read for its code (Waves.resolveRemembered),
 * so what changes under a code — its uses, its wave's dates, the code itself — is changed here
 * straight in the database, as another replica (or a staff page served by one) would: the statement
 * that takes the code's use must refuse what the remembered read would have let through, and a
 * refusal must never rest on the remembered read.
 */
@MicronautTest(transactional = false)
class RememberedCodesTest extends AppTest {

    static final String VALID = SubmissionApiTest.VALID;

    private Http.Response submit(String code, String key) {
        return http.postJson("/api/v1/surveys/" + code + "/responses", VALID, "Idempotency-Key", key);
    }

    private String rememberedCode(int maxUses) {
        String code = fixture.codes(fixture.openWave("example"), fixture.school("SHNRO"), "example", "9А", 1, maxUses)
                .getFirst();
        assertThat(submit(code, key()).status()).as("remembered from its first submission").isEqualTo(201);
        return code;
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private void assertRefused(Http.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(http.json(r).get("code").getStringValue()).isEqualTo(code);
    }

    private void moveClose(String code, Instant closesAt) {
        db.execute("UPDATE wave SET closes_at = ? WHERE id = (SELECT wave_id FROM access_code WHERE code = ?)",
                Timestamp.from(closesAt), code);
    }

    @Test
    void aWaveClosedElsewhereTakesNoMoreAnswersAndAnExtendedOneTakesThemAgain() {
        String code = rememberedCode(100);
        String retried = key();
        assertThat(submit(code, retried).status()).isEqualTo(201);
        long before = db.responses();

        moveClose(code, Instant.now().minus(Duration.ofMinutes(1)));
        assertRefused(submit(code, key()), 410, "wave-closed");
        assertThat(db.responses()).as("nothing stored after the close").isEqualTo(before);
        assertThat(submit(code, retried).status()).as("a retry still gets its success back").isEqualTo(200);

        moveClose(code, Instant.now().plus(Duration.ofDays(1)));
        assertThat(submit(code, key()).status()).as("taken again once the wave is extended").isEqualTo(201);
        assertThat(db.responses()).isEqualTo(before + 1);
    }

    @Test
    void theFormPageIsRefusedAsTheApiIs() {
        String code = rememberedCode(100);
        long before = db.responses();
        moveClose(code, Instant.now().minus(Duration.ofMinutes(1)));
        Http.Response page = postPage(code, key());
        assertThat(page.status()).as("the page after the close").isEqualTo(410);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(db.responses()).as("nothing stored after the close").isEqualTo(before);

        moveClose(code, Instant.now().plus(Duration.ofDays(1)));
        assertThat(postPage(code, key()).status()).as("taken again once the wave is extended").isEqualTo(303);
        db.execute("DELETE FROM access_code WHERE code = ?", code);
        assertThat(postPage(code, key()).status()).as("a code deleted elsewhere").isEqualTo(404);
        assertThat(db.responses()).isEqualTo(before + 1);
    }

    private Http.Response postPage(String code, String key) {
        return http.send("POST", "/s/" + code, "application/x-www-form-urlencoded",
                ("idempotencyKey=" + key + "&a.grade=7&a.dem1=4").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "Accept", "text/html");
    }

    @Test
    void aCodeSpentElsewhereIsRefusedAsSpentAndADeletedOneAsUnknown() {
        String spent = rememberedCode(5);
        String deleted = rememberedCode(5);
        db.execute("UPDATE access_code SET uses = max_uses WHERE code = ?", spent);
        db.execute("DELETE FROM access_code WHERE code = ?", deleted);
        long before = db.responses();

        assertRefused(submit(spent, key()), 410, "code-exhausted");
        assertThat(db.count("SELECT uses - max_uses FROM access_code WHERE code = ?", spent)).as("no use over the maximum").isZero();
        assertRefused(submit(deleted, key()), 404, "code-unknown");
        assertThat(db.responses()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void aCodeReadAsSpentOrClosedIsReadAgainBeforeItIsRefused() {
        String code = rememberedCode(1);
        assertRefused(submit(code, key()), 410, "code-exhausted");   // remembered with its one use taken
        db.execute("UPDATE access_code SET max_uses = 2 WHERE code = ?", code);
        assertThat(submit(code, key()).status()).as("a second use granted elsewhere").isEqualTo(201);

        String closed = rememberedCode(100);
        moveClose(closed, Instant.now().minus(Duration.ofMinutes(1)));
        assertRefused(submit(closed, key()), 410, "wave-closed");     // read again: remembered as closed now
        moveClose(closed, Instant.now().plus(Duration.ofDays(1)));
        assertThat(submit(closed, key()).status()).as("reopened elsewhere").isEqualTo(201);
    }
}
