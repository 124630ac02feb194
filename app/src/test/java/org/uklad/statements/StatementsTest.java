package org.uklad.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uklad.support.QueryPlans;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.AppTest;
import org.uklad.support.Http;
import org.uklad.support.Pdfs;

/**
 * Each statement's answer distribution and the safety section, page, API and PDF, against an
 * independent count of the answers sent: 20 students at one school (published in four blocks of
 * k), 4 at another (stored before publication in blocks existed: the only way a school has fewer
 * than k published). Under k nothing is shown but "fewer than k answers", for a whole
 * questionnaire and for a single statement.
 */
@MicronautTest(transactional = false)
class StatementsTest extends AppTest {

    /** How often each of the 20 was hurt: 10 never, 4 once or twice, 2 several times, 3 weekly, 1 prefers not to say. */
    static final List<String> BULLIED = List.of("never", "never", "once_twice", "weekly", "never", "several", "never",
            "once_twice", "never", "prefer_not", "weekly", "never", "once_twice", "never", "several", "never", "weekly",
            "never", "once_twice", "never");
    static final List<String> PLACES = List.of("classroom", "break", "way", "online");

    @Inject Accounts accounts;

    long school;
    long small;
    long wave;
    final List<Map<String, Object>> sent = new ArrayList<>();

    @BeforeEach
    void setUp() {
        school = fixture.school("SHNRO");
        small = fixture.school("SHNRO");
        wave = fixture.openWave("students-5-11");
        String code = fixture.codes(wave, school, "students-5-11", "7А", 1, 100).getFirst();
        Random random = new Random(17);
        for (int i = 0; i < BULLIED.size(); i++) {
            Map<String, Object> answers = new LinkedHashMap<>();
            answers.put("dem1", 1 + random.nextInt(4));
            if (i % 4 != 0) {
                answers.put("dem4", 1 + random.nextInt(4)); // reverse-keyed; 15 answers
            }
            answers.put("com12", 1 + random.nextInt(4));
            if (i < 3) {
                answers.put("eng1", 4); // three answers: under k
            }
            String bullied = BULLIED.get(i);
            answers.put("bullied", bullied);
            if (List.of("once_twice", "several", "weekly").contains(bullied)) {
                List<String> where = new ArrayList<>();
                for (String p : PLACES) {
                    if (random.nextBoolean()) {
                        where.add(p);
                    }
                }
                answers.put("bullied_where", i == 7 ? List.of("prefer_not") : where.isEmpty() ? List.of("break") : where);
            }
            sent.add(answers);
            Http.Response r = http.postJson("/api/v1/surveys/" + code + "/responses", http.toJson(Map.of("answers", answers)),
                    "Idempotency-Key", UUID.randomUUID().toString());
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
        assertThat(db.held(code)).as("four whole blocks of k: all published").isZero();
        for (int i = 0; i < 4; i++) {
            db.storeAsBeforeV11(wave, small, "students-5-11", "5Б", Map.of("dem1", 4, "bullied", "weekly"));
        }
    }

    StaffAgent psychologist(long... schools) {
        List<Long> ids = new ArrayList<>();
        for (long s : schools) {
            ids.add(s);
        }
        return StaffAgent.signedIn(http, accounts, Role.PSYCHOLOGIST, ids);
    }

    String api(long s) {
        return "/api/v1/staff/waves/" + wave + "/schools/" + s + "/statements";
    }

    String page(long s) {
        return "/staff/waves/" + wave + "/schools/" + s + "/statements";
    }

    /** The independent count: how many of the sent answers to an item are this value (chose it). */
    long count(String item, Object value) {
        return sent.stream().map(a -> a.get(item)).filter(v -> v != null && (v.equals(value)
                || v instanceof List<?> l && l.contains(value))).count();
    }

    long answered(String item) {
        return sent.stream().filter(a -> a.containsKey(item)).count();
    }

    static JsonNode statement(JsonNode questionnaire, String itemId) {
        for (JsonNode g : questionnaire.get("groups").values()) {
            for (JsonNode s : g.get("statements").values()) {
                if (s.get("itemId").getStringValue().equals(itemId)) {
                    return s;
                }
            }
        }
        throw new AssertionError("no statement " + itemId);
    }

    @Test
    void theApiCountsEveryAnswerAsAnIndependentCountDoes() {
        Http.Response r = psychologist(school).getJson(api(school));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        JsonNode json = http.json(r);
        JsonNode q = json.get("statements").get("questionnaires").get(0);
        assertThat(q.get("questionnaireKey").getStringValue()).isEqualTo("students-5-11");
        assertThat(q.get("respondents").getIntValue()).isEqualTo(20);
        assertThat(q.get("suppressed").getBooleanValue()).isFalse();

        List<String> groups = new ArrayList<>();
        q.get("groups").values().forEach(g -> groups.add(g.get("construct") == null ? "other" : g.get("construct").getStringValue()));
        assertThat(groups).containsExactly("teacher_demandingness", "awareness_of_requirements", "engagement", "comfort", "other");

        for (String item : List.of("dem1", "dem4", "com12")) {
            JsonNode s = statement(q, item);
            long n = answered(item);
            assertThat(s.get("n").getLongValue()).as(item).isEqualTo(n);
            List<Long> counts = new ArrayList<>();
            for (JsonNode a : s.get("answers").values()) {
                long expected = count(item, Integer.parseInt(a.get("value").getStringValue()));
                assertThat(a.get("count").getLongValue()).as(item + " = " + a.get("value").getStringValue()).isEqualTo(expected);
                assertThat(a.get("percent").getDoubleValue()).isCloseTo(100.0 * expected / n, within(1e-9));
                counts.add(a.get("count").getLongValue());
            }
            assertThat(counts).hasSize(4);
            assertThat(counts.stream().mapToLong(Long::longValue).sum()).isEqualTo(n);
        }
        assertThat(statement(q, "dem1").get("answers").get(2).get("label").get("ru").getStringValue()).isEqualTo("Скорее да");
        // reverse-keyed: shown as asked, favourable = disagreeing (1 and 2 raw)
        JsonNode dem4 = statement(q, "dem4");
        assertThat(dem4.get("reverse").getBooleanValue()).isTrue();
        assertThat(dem4.get("percentFavourable").getDoubleValue())
                .isCloseTo(100.0 * (count("dem4", 1) + count("dem4", 2)) / answered("dem4"), within(1e-9));
        assertThat(statement(q, "dem1").get("percentFavourable").getDoubleValue())
                .isCloseTo(100.0 * (count("dem1", 3) + count("dem1", 4)) / answered("dem1"), within(1e-9));
        // three answers: nothing but "suppressed", not even n
        JsonNode eng1 = statement(q, "eng1");
        assertThat(eng1.get("suppressed").getBooleanValue()).isTrue();
        assertThat(eng1.get("n")).isNull();
        assertThat(eng1.get("answers") == null || eng1.get("answers").size() == 0).isTrue();
        // single and multiple choice under the other questions
        JsonNode bullied = statement(q, "bullied");
        assertThat(bullied.get("n").getLongValue()).isEqualTo(20);
        for (JsonNode a : bullied.get("answers").values()) {
            assertThat(a.get("count").getLongValue()).isEqualTo(count("bullied", a.get("value").getStringValue()));
        }
        JsonNode where = statement(q, "bullied_where");
        long whereN = answered("bullied_where");
        assertThat(where.get("n").getLongValue()).isEqualTo(whereN).isEqualTo(9);
        for (JsonNode a : where.get("answers").values()) {
            long expected = count("bullied_where", a.get("value").getStringValue());
            assertThat(a.get("count").getLongValue()).isEqualTo(expected);
            assertThat(a.get("percent").getDoubleValue()).isCloseTo(100.0 * expected / whereN, within(1e-9));
        }
        assertThat(r.body()).doesNotContain("\"comment\"");
    }

    @Test
    void theSafetyFiguresAndTheFlagFollowTheAnswers() {
        JsonNode safety = http.json(psychologist(school).getJson(api(school))).get("safety");
        assertThat(safety.get("attentionPercent").getDoubleValue()).isEqualTo(10.0);
        JsonNode q = safety.get("questionnaires").get(0);
        JsonNode bullied = q.get("hurt").get(0);
        assertThat(bullied.get("itemId").getStringValue()).as("the item with a flag level first").isEqualTo("bullied");
        // "prefer not to say" is neither hurt nor unhurt: 19 said
        assertThat(bullied.get("n").getIntValue()).isEqualTo(19);
        assertThat(bullied.get("hurt").getLongValue()).isEqualTo(9);
        assertThat(bullied.get("hurtPercent").getDoubleValue()).isCloseTo(100.0 * 9 / 19, within(1e-9));
        assertThat(bullied.get("flagged").getLongValue()).isEqualTo(3);
        assertThat(bullied.get("flaggedPercent").getDoubleValue()).isCloseTo(100.0 * 3 / 19, within(1e-9));
        assertThat(bullied.get("attention").getBooleanValue()).as("3 of 19 weekly: 15.8 % ≥ 10 %").isTrue();
        assertThat(safety.get("attention").getBooleanValue()).isTrue();
        JsonNode com12 = q.get("hurt").get(1);
        assertThat(com12.get("itemId").getStringValue()).isEqualTo("com12");
        assertThat(com12.get("hurt").getLongValue()).isEqualTo(count("com12", 3) + count("com12", 4));
        assertThat(com12.get("flagged")).as("an agreement: no flag").isNull();
        JsonNode where = q.get("where").get(0);
        assertThat(where.get("n").getIntValue()).as("9 hurt, one of them prefers not to say where").isEqualTo(8);
        for (JsonNode p : where.get("places").values()) {
            long expected = count("bullied_where", p.get("value").getStringValue());
            assertThat(p.get("count").getLongValue()).isEqualTo(expected);
            assertThat(p.get("percent").getDoubleValue()).isCloseTo(100.0 * expected / 8, within(1e-9));
        }

        Http.Response page = psychologist(school).get(page(school));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"safety\"", "‼ Требует внимания",
                "На уровне отметки: 16 % (3 из 19; ответы от «Почти каждую неделю или чаще» и дальше по списку)",
                "Обижают: 47 % (9 из 19;", "‼ требует внимания", "без отметки: это вопрос о согласии");
        assertThat(psychologist(school).get(page(school) + "?lang=en").body())
                .contains("‼ Needs attention", "At the flag level: 16% (3 of 19;").doesNotContain("??");
    }

    @Test
    void underKNothingIsShownButThatRuleAndTheSafetyFlagIsNotRaised() {
        StaffAgent p = psychologist(small);
        JsonNode json = http.json(p.getJson(api(small)));
        JsonNode q = json.get("statements").get("questionnaires").get(0);
        assertThat(q.get("suppressed").getBooleanValue()).isTrue();
        assertThat(q.get("respondents")).isNull();
        assertThat(q.get("groups") == null || q.get("groups").size() == 0).isTrue();
        JsonNode safety = json.get("safety");
        assertThat(safety.get("attention").getBooleanValue()).as("four weekly answers are not a figure").isFalse();
        JsonNode s = safety.get("questionnaires").get(0);
        assertThat(s.get("suppressed").getBooleanValue()).isTrue();
        assertThat(s.get("hurt").get(0).get("n")).isNull();
        assertThat(s.get("hurt").get(0).get("flaggedPercent")).isNull();

        String body = p.get(page(small)).body();
        assertThat(body).contains("меньше 5 ответов", "questionnaire-suppressed")
                .doesNotContain("statement-bar", "safety-verdict", "Требует внимания", "Ответов на анкету: 4");
    }

    @Test
    void onlyReadersOfTheSchoolSeeItAndTheDashboardLinksToIt() {
        assertThat(psychologist(small).getJson(api(school)).status()).isEqualTo(403);
        assertThat(psychologist(small).get(page(school)).status()).isEqualTo(403);
        StaffAgent director = StaffAgent.signedIn(http, accounts, Role.DIRECTOR, List.of(school));
        assertThat(director.get(page(school)).status()).isEqualTo(200);
        String dashboard = director.get("/staff/waves/" + wave + "/schools/" + school + "/dashboard").body();
        assertThat(dashboard).contains("id=\"statements-link\"", "href=\"statements\"");
        assertThat(psychologist(school).getJson("/api/v1/staff/waves/" + (wave + 100000) + "/schools/" + school + "/statements")
                .status()).isEqualTo(404);
    }

    @Test
    void theSummaryPdfHasTheSafetyPage() {
        String text = pdf(school, "ru");
        assertThat(text).contains("Безопасность учащихся", "‼ Требует внимания",
                "Обижают: 47 % (9 из 19;", "На уровне отметки: 16 % (3 из 19;", "Ответили: 19",
                "Одноклассники меня обижают или дразнят.", "Ответили (те, кого обижали): 8");
        String smallPdf = pdf(small, "en");
        assertThat(smallPdf).contains("Students’ safety", "fewer than 5 answers").doesNotContain("Needs attention", "Hurt:");
    }

    /** The school summary's text, every run of white space as one space (lines break anywhere). */
    String pdf(long s, String lang) {
        Http.Download d = http.download("/api/v1/admin/waves/" + wave + "/schools/" + s + "/summary.pdf?lang=" + lang,
                "Authorization", "Bearer " + Http.ADMIN_TOKEN);
        assertThat(d.status()).isEqualTo(200);
        return Pdfs.text(d.body()).replaceAll("\\s+", " ");
    }

    @Test
    void aVersionStoredBeforeTheMarksIsReadWithTheNewestVersionsMarks() {
        String key = "safety-older-" + System.nanoTime();
        String older = """
                key: %s
                title: {ru: "Безопасность", en: "Safety"}
                intro: {ru: "Анонимно. Любой вопрос можно пропустить.", en: "Anonymous. You may skip any question."}
                respondent: student
                sections:
                  - id: safety
                    items:
                      - id: bullied
                        type: single
                        text: {ru: "Как часто тебя обижали?", en: "How often were you hurt?"}
                        options:
                          - {value: never, ru: "Ни разу", en: "Never"}
                          - {value: once, ru: "Раз-другой", en: "Once or twice"}
                          - {value: weekly, ru: "Каждую неделю", en: "Every week"}
                """.formatted(key);
        importYaml(older);
        long olderWave = fixture.openWave(key);
        // the next version marks the item, for waves to come; the older wave's version is never changed
        importYaml(older + "        report: {safety: hurt, hurtAtOrAbove: once, flagAtOrAbove: weekly}\n");
        String code = fixture.codes(olderWave, school, key, "8А", 1, 100).getFirst();
        for (String answer : List.of("never", "never", "once", "weekly", "never")) {
            Http.Response r = http.postJson("/api/v1/surveys/" + code + "/responses",
                    http.toJson(Map.of("answers", Map.of("bullied", answer))), "Idempotency-Key", UUID.randomUUID().toString());
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
        JsonNode hurt = http.json(psychologist(school).getJson("/api/v1/staff/waves/" + olderWave + "/schools/" + school
                + "/statements")).get("safety").get("questionnaires").get(0).get("hurt").get(0);
        assertThat(hurt.get("n").getIntValue()).isEqualTo(5);
        assertThat(hurt.get("hurt").getLongValue()).isEqualTo(2);
        assertThat(hurt.get("flagged").getLongValue()).isEqualTo(1);
        assertThat(hurt.get("attention").getBooleanValue()).as("1 of 5: 20 %").isTrue();
    }

    void importYaml(String yaml) {
        Http.Response r = http.send("POST", "/api/v1/admin/questionnaires?name=safety.yaml", "application/yaml",
                yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8), "Authorization", "Bearer " + Http.ADMIN_TOKEN);
        assertThat(r.status()).as(r.body()).isIn(200, 201);
    }

    /**
     * A school's statements read only that school's rows, through the indexes, at any size: both
     * halves of response_answer (answer rows and packed likert answers, V31) are narrowed by the
     * wave and school (a region's school took 1.4 s when the packed half read every response).
     */
    @Test
    void aSchoolsStatementsReadThroughTheIndexesOnly() {
        for (String sql : List.of(StatementStore.COUNTS, StatementStore.CHOICES)) {
            String plan = db.plan(sql, 1L, 2L, 3L, List.of("q1", "q2"));
            assertThat(plan).as("reached through the wave's index").contains("response_wave_school");
            assertThat(QueryPlans.scansNotNarrowedBy(plan, "response", "wave_id")).as(plan).isEmpty();
            assertThat(QueryPlans.scansNotNarrowedBy(plan, "answer", "response_id")).as(plan).isEmpty();
        }
    }
}
