package org.uklad.report;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.uklad.questionnaires.ChoiceOption;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.ItemType;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.support.Fixture;
import org.uklad.support.Http;
import org.uklad.questionnaire.QuestionnaireRegistry;

/**
 * A running app on a fresh embedded PostgreSQL with a wave of synthetic answers, for the sample PDF
 * ({@link SampleSummary}) and the benchmark ({@link SchoolSummaryBenchmark}): pairs of schools (a
 * mentor and the school it supports), each answering the main student form, the parents' form and
 * the teachers' form through the respondent API. Schools differ in their level; mentors answer
 * higher.
 */
public final class SummaryDemoData implements AutoCloseable {

    public final ApplicationContext app;
    public final Http http;
    public final long wave;
    /** School ids, supported school first in each pair. */
    public final List<Long> schools = new ArrayList<>();

    /**
     * @param pairs    number of school pairs
     * @param students student answers per school (parents: half as many; teachers: 8)
     * @param names    names for the first pair (supported, mentor), or null for numbered names
     */
    public SummaryDemoData(int pairs, int students, String[] names) throws Exception {
        Path data = Files.createTempDirectory("uklad-summary-demo");
        app = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "uklad.database.embedded.mode", "persistent",
                "uklad.database.embedded.data-dir", data.resolve("pg").toString(),
                "uklad.admin.api-token", Http.ADMIN_TOKEN,
                // the benchmark runs the batch worker itself, so it times exactly one run
                "uklad.summary-batches.worker", false,
                "micronaut.server.port", -1), "bench").getApplicationContext();
        EmbeddedServer server = app.getBean(EmbeddedServer.class);
        http = new Http(server.getURI(), app.getBean(JsonMapper.class));
        Fixture fixture = new Fixture(http);
        QuestionnaireRegistry registry = app.getBean(QuestionnaireRegistry.class);
        String[] keys = {"students-5-11", "parents", "teachers"};
        wave = fixture.openWave(keys);
        Random random = new Random(20250901);
        for (int p = 0; p < pairs; p++) {
            long supported = school(names != null && p == 0 ? names[0] : "Школа № " + (2 * p + 1), "SHNRO");
            long mentor = school(names != null && p == 0 ? names[1] : "Школа № " + (2 * p + 2), "SHUVRO");
            Http.Response r = http.admin("POST", "/api/v1/admin/partnerships", http.toJson(Map.of(
                    "mentorSchoolId", mentor, "supportedSchoolId", supported)));
            if (r.status() != 201) {
                throw new IllegalStateException(r.body());
            }
            schools.add(supported);
            schools.add(mentor);
            for (long school : List.of(supported, mentor)) {
                double level = (school == mentor ? 0.68 : 0.45) + random.nextGaussian() * 0.05;
                int[] counts = {students, Math.max(5, students / 2), 8};
                for (int k = 0; k < keys.length; k++) {
                    Questionnaire q = registry.latest(keys[k]).orElseThrow().questionnaire();
                    String code = fixture.codes(wave, school, keys[k], k == 2 ? "Педагоги" : "7А", 1, 1000).getFirst();
                    for (int i = 0; i < counts[k]; i++) {
                        double own = Math.max(0, Math.min(1, level + random.nextGaussian() * 0.08));
                        Map<String, Object> answers = SyntheticAnswers.answers(q, random, own);
                        if (k == 1) {
                            familyContext(q, answers, random, own);
                        }
                        SyntheticAnswers.submit(http, code, answers);
                    }
                }
            }
        }
    }

    /**
     * Families' coded context answers that follow the school's level loosely (better-resourced
     * families where the answers are higher), so the context index varies between demo schools.
     */
    private static void familyContext(Questionnaire q, Map<String, Object> answers, Random random, double level) {
        for (Item item : q.items()) {
            int[] codes = item.options().stream().map(ChoiceOption::value).filter(v -> v.matches("\\d+"))
                    .mapToInt(Integer::parseInt).sorted().toArray();
            if (item.type() != ItemType.SINGLE || !item.id().startsWith("ctx_") || codes.length < 2) {
                continue;
            }
            double at = Math.max(0, Math.min(1, level + random.nextGaussian() * 0.25));
            answers.put(item.id(), String.valueOf(codes[(int) Math.round(at * (codes.length - 1))]));
        }
    }

    private long school(String name, String category) {
        Http.Response r = http.admin("POST", "/api/v1/admin/schools", http.toJson(Map.of(
                "name", name, "municipality", "Демо-район", "category", category)));
        if (r.status() != 201) {
            throw new IllegalStateException(r.body());
        }
        return http.json(r).get("id").getLongValue();
    }

    @Override
    public void close() {
        app.close();
    }
}
