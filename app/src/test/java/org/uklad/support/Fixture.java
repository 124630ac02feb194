package org.uklad.support;

import io.micronaut.json.tree.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds schools, waves and access codes through the administration API, as a coordinator would. */
public final class Fixture {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Http http;

    public Fixture(Http http) {
        this.http = http;
    }

    public long school(String category) {
        Http.Response r = http.admin("POST", "/api/v1/admin/schools", http.toJson(Map.of(
                "name", "Школа № " + COUNTER.incrementAndGet(), "municipality", "Тестовый район", "category", category)));
        check(r, 201);
        return http.json(r).get("id").getLongValue();
    }

    public long wave(Instant opensAt, Instant closesAt, String... questionnaireKeys) {
        Http.Response r = http.admin("POST", "/api/v1/admin/waves", http.toJson(Map.of(
                "name", "Волна " + COUNTER.incrementAndGet(), "kind", "ENTRY",
                "opensAt", opensAt.toString(), "closesAt", closesAt.toString(),
                "questionnaires", List.of(questionnaireKeys))));
        check(r, 201);
        return http.json(r).get("id").getLongValue();
    }

    public long openWave(String... questionnaireKeys) {
        Instant now = Instant.now();
        return wave(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)), questionnaireKeys);
    }

    public List<String> codes(long waveId, long schoolId, String questionnaireKey, String group, int count, int maxUses) {
        Http.Response r = http.admin("POST", "/api/v1/admin/waves/" + waveId + "/access-codes", http.toJson(Map.of(
                "schoolId", schoolId, "questionnaire", questionnaireKey, "groupLabel", group,
                "count", count, "maxUses", maxUses, "expectedSize", 25)));
        check(r, 201);
        List<String> codes = new ArrayList<>();
        for (JsonNode n : http.json(r).values()) {
            codes.add(n.get("code").getStringValue());
        }
        return codes;
    }

    /** An open wave of the example questionnaire with one shared code (100 uses) for class 7Б. */
    public String sharedExampleCode() {
        long school = school("SHNRO");
        long wave = openWave("example");
        return codes(wave, school, "example", "7Б", 1, 100).getFirst();
    }

    /**
     * Answers the example questionnaire in a wave for a school through the respondents' API, one
     * response per row of {@code dem1, dem2, com1, com2} (null = not answered), grade 7, class 7А.
     */
    public void exampleAnswers(long waveId, long schoolId, Integer[][] rows) {
        exampleAnswers(waveId, schoolId, "example", rows);
    }

    /** The same for a questionnaire with the example's items under another key. */
    public void exampleAnswers(long waveId, long schoolId, String questionnaireKey, Integer[][] rows) {
        String code = codes(waveId, schoolId, questionnaireKey, "7А", 1, 100).getFirst();
        for (Integer[] r : rows) {
            check(http.postJson("/api/v1/surveys/" + code + "/responses", http.toJson(Map.of("answers", exampleRow(r))),
                    "Idempotency-Key", java.util.UUID.randomUUID().toString()), 201);
        }
    }

    /** One row of {@code dem1, dem2, com1, com2} (null = not answered) as the example's answers, grade 7. */
    public static Map<String, Object> exampleRow(Integer[] row) {
        String[] items = {"dem1", "dem2", "com1", "com2"};
        Map<String, Object> answers = new java.util.LinkedHashMap<>();
        answers.put("grade", 7);
        for (int j = 0; j < items.length; j++) {
            if (row[j] != null) {
                answers.put(items[j], row[j]);
            }
        }
        return answers;
    }

    /** The minimum group size of the tests (the default): a group's responses are published k at a time. */
    public static final int K = 5;

    /**
     * Sends minimal example answers (grade 7 only) with the code until its group holds k, so that
     * what it holds is published (response/ResponseRelease); {@code held} is how many it holds now.
     */
    public void publish(String code, int held) {
        for (int i = held; i < K; i++) {
            check(http.postJson("/api/v1/surveys/" + code + "/responses", "{\"answers\": {\"grade\": 7}}",
                    "Idempotency-Key", java.util.UUID.randomUUID().toString()), 201);
        }
    }

    private static void check(Http.Response r, int expected) {
        if (r.status() != expected) {
            throw new AssertionError("expected " + expected + " but got " + r.status() + ": " + r.body());
        }
    }
}
