package org.uklad.response;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/** The respondent API against the real server and embedded PostgreSQL. */
@MicronautTest(transactional = false)
class SubmissionApiTest extends AppTest {

    static final String VALID = """
            {"answers": {"grade": 7, "dem1": 4, "dem2": 1, "com1": 3, "com2": 2,
                         "bullied": "once", "bullied_where": ["corridor", "online"], "comment": "Больше кружков"}}""";




    static String key() {
        return UUID.randomUUID().toString();
    }

    @Test
    void servesTheQuestionnaireBehindACodeInBothLanguages() {
        String code = fixture.sharedExampleCode();
        Http.Response r = http.get("/api/v1/surveys/" + code.toLowerCase());
        assertThat(r.status()).isEqualTo(200);
        JsonNode doc = http.json(r);
        assertThat(doc.get("groupLabel").getStringValue()).isEqualTo("7Б");
        JsonNode q = doc.get("questionnaire");
        assertThat(q.get("key").getStringValue()).isEqualTo("example");
        assertThat(q.get("title").get("ru").getStringValue()).isEqualTo("Пример анкеты для учащихся");
        assertThat(q.get("title").get("en").getStringValue()).isEqualTo("Example student questionnaire");
        JsonNode dem2 = q.get("sections").get(0).get("items").get(2);
        assertThat(dem2.get("id").getStringValue()).isEqualTo("dem2");
        assertThat(dem2.get("scale").get("points").size()).isEqualTo(4);
        // respondents are not shown how items are scored
        assertThat(r.body()).doesNotContain("reverse").doesNotContain("teacher_demandingness");
    }

    @Test
    void storesOneResponseWithAllItsAnswersInOneGo() {
        String code = fixture.sharedExampleCode();
        String key = key();
        Http.Response r = http.postJson("/api/v1/surveys/" + code + "/responses", VALID, "Idempotency-Key", key);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(http.json(r).get("idempotencyKey").getStringValue()).isEqualTo(key);
        // held, sealed, until its group has k: nothing of it readable yet
        assertThat(db.held(code)).isEqualTo(1);
        assertThat(db.published(code)).isZero();
        assertThat(db.count("SELECT uses FROM access_code WHERE code = ?", code)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM response_held WHERE position(convert_to('Больше кружков', 'UTF8') IN sealed) > 0")).isZero();
        fixture.publish(code, 1);
        assertThat(db.held(code)).isZero();
        String responseId = db.responseWith(code, "comment");
        assertThat(responseId).isNotNull();
        assertThat(db.count("SELECT count(*) FROM response_answer WHERE response_id = ?::uuid", responseId)).isEqualTo(8);
        assertThat(db.string("SELECT value_int::text FROM response_answer WHERE response_id = ?::uuid AND item_id = 'dem1'", responseId)).isEqualTo("4");
        assertThat(db.string("SELECT value_text FROM response_answer WHERE response_id = ?::uuid AND item_id = 'comment'", responseId)).isEqualTo("Больше кружков");
        assertThat(db.string("SELECT array_to_string(value_choices, ',') FROM response_answer WHERE response_id = ?::uuid AND item_id = 'bullied_where'", responseId))
                .isEqualTo("corridor,online");
        assertThat(db.string("SELECT group_label FROM response WHERE id = ?::uuid", responseId)).isEqualTo("7Б");
        // stored: the likert answers packed on the response only, the rest as answer rows (V31)
        assertThat(db.string("SELECT likert_in_rows::text FROM response WHERE id = ?::uuid", responseId)).isEqualTo("false");
        assertThat(db.string("SELECT string_agg(item_id, ',' ORDER BY item_id) FROM answer WHERE response_id = ?::uuid", responseId))
                .isEqualTo("bullied,bullied_where,comment,grade");
        assertThat(db.string("SELECT string_agg(item_id, ',' ORDER BY position) FROM likert_item l JOIN response r "
                + "ON r.questionnaire_version_id = l.questionnaire_version_id WHERE r.id = ?::uuid", responseId)).isEqualTo("dem1,dem2,com1,com2");
    }

    @Test
    void aRetryWithTheSameKeyReturnsTheOriginalSuccessAndStoresNothingMore() {
        String code = fixture.sharedExampleCode();
        String key = key();
        Http.Response first = http.postJson("/api/v1/surveys/" + code + "/responses", VALID, "Idempotency-Key", key);
        long responses = db.responses();
        long answers = db.answers();
        Http.Response again = http.postJson("/api/v1/surveys/" + code + "/responses", VALID, "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(http.json(again).get("replayed").getBooleanValue()).isTrue();
        assertThat(http.json(again).get("submittedOn").getStringValue()).isEqualTo(http.json(first).get("submittedOn").getStringValue());
        assertThat(db.responses()).isEqualTo(responses);
        assertThat(db.answers()).isEqualTo(answers);
        assertThat(db.count("SELECT uses FROM access_code WHERE code = ?", code)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithDifferentAnswersIsAConflict() {
        String code = fixture.sharedExampleCode();
        String key = key();
        http.postJson("/api/v1/surveys/" + code + "/responses", VALID, "Idempotency-Key", key);
        long before = db.responses();
        Http.Response r = http.postJson("/api/v1/surveys/" + code + "/responses", VALID.replace("\"dem1\": 4", "\"dem1\": 2"),
                "Idempotency-Key", key);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(http.json(r).get("code").getStringValue()).isEqualTo("idempotency-conflict");
        assertThat(db.responses()).isEqualTo(before);
    }

    @Test
    void concurrentRetriesOfOneSubmissionStoreExactlyOneResponse() throws Exception {
        String code = fixture.sharedExampleCode();
        String key = key();
        long before = db.responses();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Callable<Integer> call = () -> http.postJson("/api/v1/surveys/" + code + "/responses", VALID,
                        "Idempotency-Key", key).status();
                results.add(pool.submit(call));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(200, 201);
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.responses()).isEqualTo(before + 1);
        assertThat(db.keyRegistered(key)).isEqualTo(1);
        assertThat(db.count("SELECT uses FROM access_code WHERE code = ?", code)).isEqualTo(1);
    }

    @Test
    void badAnswersAreRejectedNamingEachFieldAndNothingIsStored() {
        String code = fixture.sharedExampleCode();
        long before = db.responses();
        String bad = """
                {"answers": {"grade": 4, "dem1": 5, "dem2": "3", "com1": 2.5, "bullied": "sometimes",
                             "bullied_where": ["online", "prefer_not"], "nosuch": 1,
                             "comment": "%s"}}""".formatted("ы".repeat(1001));
        Http.Response r = http.postJson("/api/v1/surveys/" + code + "/responses", bad, "Idempotency-Key", key());
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode problem = http.json(r);
        assertThat(problem.get("type").getStringValue()).isEqualTo("/errors/validation-failed");
        assertThat(problem.get("status").getIntValue()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (JsonNode e : problem.get("errors").values()) {
            fields.add(e.get("field").getStringValue());
            codes.add(e.get("field").getStringValue() + ":" + e.get("code").getStringValue());
            assertThat(e.get("message").getStringValue()).isNotBlank().doesNotStartWith("field.");
        }
        assertThat(codes).contains("grade:out-of-range", "dem1:not-on-scale", "dem2:wrong-type", "com1:wrong-type",
                "bullied:not-an-option", "nosuch:unknown-item", "comment:too-long");
        assertThat(fields).doesNotContain("bullied_where"); // hidden: its condition item was invalid
        assertThat(db.responses()).isEqualTo(before);
    }

    @Test
    void requiredItemsMustBeAnsweredAndExclusiveOptionsStandAlone() {
        String code = fixture.sharedExampleCode();
        Http.Response missing = http.postJson("/api/v1/surveys/" + code + "/responses", "{\"answers\": {\"dem1\": 3}}",
                "Idempotency-Key", key());
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body()).contains("\"field\":\"grade\"").contains("\"code\":\"required\"");
        Http.Response exclusive = http.postJson("/api/v1/surveys/" + code + "/responses",
                "{\"answers\": {\"grade\": 6, \"bullied\": \"often\", \"bullied_where\": [\"online\", \"prefer_not\"]}}",
                "Idempotency-Key", key());
        assertThat(exclusive.status()).isEqualTo(422);
        assertThat(exclusive.body()).contains("\"field\":\"bullied_where\"").contains("exclusive-option");
    }

    @Test
    void answersToAQuestionWhoseConditionIsNotMetAreDiscarded() {
        String code = fixture.sharedExampleCode();
        String key = key();
        Http.Response r = http.postJson("/api/v1/surveys/" + code + "/responses",
                "{\"answers\": {\"grade\": 8, \"bullied\": \"never\", \"bullied_where\": [\"online\"]}}", "Idempotency-Key", key);
        assertThat(r.status()).isEqualTo(201);
        fixture.publish(code, 1);
        String id = db.responseWith(code, "bullied");
        assertThat(db.count("SELECT count(*) FROM response_answer WHERE response_id = ?::uuid", id)).isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM response_answer WHERE response_id = ?::uuid AND item_id = 'bullied_where'", id)).isZero();
    }

    @Test
    void clientMistakesGetProblemJsonAndNeverA5xx() {
        String code = fixture.sharedExampleCode();
        String path = "/api/v1/surveys/" + code + "/responses";
        long before = db.responses();
        record Case(String name, Http.Response response, int status, String problem) {}
        List<Case> cases = List.of(
                new Case("no key", http.postJson(path, VALID), 400, "idempotency-key-missing"),
                new Case("bad key", http.postJson(path, VALID, "Idempotency-Key", "short"), 400, "idempotency-key-invalid"),
                new Case("broken JSON", http.postJson(path, "{\"answers\": {", "Idempotency-Key", key()), 400, "malformed-json"),
                new Case("JSON array", http.postJson(path, "[1,2]", "Idempotency-Key", key()), 400, "malformed-json"),
                new Case("unknown top-level field", http.postJson(path, "{\"answers\": {}, \"name\": \"Петя\"}", "Idempotency-Key", key()), 422, "validation-failed"),
                new Case("answers not an object", http.postJson(path, "{\"answers\": [1]}", "Idempotency-Key", key()), 422, "validation-failed"),
                new Case("huge number", http.postJson(path, "{\"answers\": {\"grade\": 1e999999999}}", "Idempotency-Key", key()), 422, "validation-failed"),
                new Case("invalid UTF-8", http.send("POST", path, "application/json",
                        new byte[] {'{', '"', 'a', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}, "Idempotency-Key", key()), 400, "malformed-json"),
                new Case("wrong content type", http.send("POST", path, "text/plain", VALID.getBytes(StandardCharsets.UTF_8),
                        "Idempotency-Key", key()), 415, "unsupported-media-type"),
                new Case("oversized body", http.postJson(path, "{\"answers\": {\"comment\": \"" + "x".repeat(400_000) + "\"}}",
                        "Idempotency-Key", key()), 413, "body-too-large"),
                new Case("unknown code", http.postJson("/api/v1/surveys/ZZZZZ-ZZZZZ/responses", VALID, "Idempotency-Key", key()), 404, "code-unknown"),
                new Case("not a code at all", http.postJson("/api/v1/surveys/..%2F..%2Fetc/responses", VALID, "Idempotency-Key", key()), 404, "code-unknown"),
                new Case("unknown route", http.get("/api/v1/nothing-here"), 404, "not-found"),
                new Case("wrong method", http.send("DELETE", path, null, null), 405, "method-not-allowed"));
        for (Case c : cases) {
            assertThat(c.response().status()).as(c.name() + ": " + c.response().body()).isEqualTo(c.status());
            assertThat(c.response().contentType()).as(c.name()).startsWith("application/problem+json");
            assertThat(http.json(c.response()).get("code").getStringValue()).as(c.name()).isEqualTo(c.problem());
            assertThat(c.response().body()).as(c.name()).doesNotContain("Exception").doesNotContain("at org.");
        }
        assertThat(db.responses()).isEqualTo(before);
    }

    @Test
    void closedNotYetOpenAndSpentCodesAreRefusedWithoutStoringAnything() {
        long school = fixture.school("SHNRO");
        Instant now = Instant.now();
        String closed = fixture.codes(fixture.wave(now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)), "example"),
                school, "example", "8А", 1, 10).getFirst();
        String future = fixture.codes(fixture.wave(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(10)), "example"),
                school, "example", "8А", 1, 10).getFirst();
        String single = fixture.codes(fixture.openWave("example"), school, "example", "8А", 1, 1).getFirst();
        long before = db.responses();

        assertProblem(http.get("/api/v1/surveys/" + closed), 410, "wave-closed");
        assertProblem(http.postJson("/api/v1/surveys/" + closed + "/responses", VALID, "Idempotency-Key", key()), 410, "wave-closed");
        assertProblem(http.get("/api/v1/surveys/" + future), 403, "wave-not-open");
        assertProblem(http.postJson("/api/v1/surveys/" + future + "/responses", VALID, "Idempotency-Key", key()), 403, "wave-not-open");
        assertThat(db.responses()).isEqualTo(before);

        String key = key();
        assertThat(http.postJson("/api/v1/surveys/" + single + "/responses", VALID, "Idempotency-Key", key).status()).isEqualTo(201);
        assertProblem(http.postJson("/api/v1/surveys/" + single + "/responses", VALID, "Idempotency-Key", key()), 410, "code-exhausted");
        assertProblem(http.get("/api/v1/surveys/" + single), 410, "code-exhausted");
        // the device that answered can still retry and gets its success back
        assertThat(http.postJson("/api/v1/surveys/" + single + "/responses", VALID, "Idempotency-Key", key).status()).isEqualTo(200);
        assertThat(db.responses()).isEqualTo(before + 1);
    }

    @Test
    void problemsAreInRussianByDefaultAndInEnglishOnRequest() {
        Http.Response ru = http.get("/api/v1/surveys/ZZZZZ-ZZZZZ");
        Http.Response en = http.get("/api/v1/surveys/ZZZZZ-ZZZZZ?lang=en");
        assertThat(http.json(ru).get("title").getStringValue()).isEqualTo("Код не найден");
        assertThat(http.json(en).get("title").getStringValue()).isEqualTo("Code not found");
    }

    @Test
    void responsesHoldNoNameAddressAgentCodeOrTimeOfDay() {
        long forbidden = db.count("""
                SELECT count(*) FROM information_schema.columns
                WHERE table_name IN ('response', 'answer')
                  AND (column_name ~ '(name|ip|addr|agent|code|email|phone)' AND column_name <> 'group_label'
                       OR data_type LIKE 'timestamp%' OR data_type LIKE 'time %')""");
        assertThat(forbidden).isZero();
        assertThat(db.string("SELECT data_type FROM information_schema.columns WHERE table_name = 'response' AND column_name = 'submitted_on'"))
                .isEqualTo("date");
    }

    private void assertProblem(Http.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(http.json(r).get("code").getStringValue()).isEqualTo(code);
    }

    @Test
    void submissionsAreCountedInTheMetricsWithoutCodesOrSchools() {
        String code = fixture.sharedExampleCode();
        String key = key();
        http.postJson("/api/v1/surveys/" + code + "/responses", VALID, "Idempotency-Key", key);
        http.postJson("/api/v1/surveys/" + code + "/responses", VALID, "Idempotency-Key", key);
        assertThat(http.get("/prometheus").status()).as("metrics need the administration token").isEqualTo(401);
        Http.Response metrics = http.admin("GET", "/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).containsPattern("uklad_submissions_total\\{outcome=\"accepted\"[^}]*} [1-9]")
                .containsPattern("uklad_submissions_total\\{outcome=\"replayed\"[^}]*} [1-9]")
                .contains("uri=\"/api/v1/surveys/{code}/responses\"")
                .containsPattern("(?m)^uklad_submissions_waiting(\\{[^}]*})? 0\\.0$")
                .containsPattern("(?m)^uklad_publication_waiting(\\{[^}]*})? 0\\.0$")
                .doesNotContain(code);
    }
}
