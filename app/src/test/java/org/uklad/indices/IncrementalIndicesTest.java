package org.uklad.indices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.uklad.questionnaire.LoadedQuestionnaire;
import org.uklad.questionnaire.QuestionnaireRegistry;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.ItemType;
import org.uklad.questionnaires.ResponseScale;
import org.uklad.response.ResponseRelease;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * Indices served from the schools' stored statistics (V24, {@link WaveStatistics}) equal the full
 * computation from the answers ({@link IndicesService#fromAnswers}) to 1e-12 on every figure:
 * random answers with missing values to the students' example and the teachers' form (level,
 * agreement and gap constructs), random groups published in random interleavings through the
 * respondents' API, reads at random moments, restarts (the cache forgotten), states dropped and
 * rebuilt, a change nobody accounted for, and the nightly rewrite in random order. After the
 * states are built, published groups are added to them and reads never rebuild them.
 */
@MicronautTest(transactional = false)
class IncrementalIndicesTest extends AppTest {

    static final double EPS = 1e-12;

    @Inject IndicesService indices;
    @Inject WaveStatistics statistics;
    @Inject QuestionnaireRegistry questionnaires;
    @Inject ResponseRelease release;
    @Inject JsonMapper json;
    @Inject IndicesStore store;

    record Code(String code, String questionnaire) {}

    @Test
    void incrementalIndicesEqualTheFullComputationThroughRandomPublishingAndRestarts() throws Exception {
        Random random = new Random(2112);
        long wave = fixture.openWave("example", "teachers");
        List<Code> codes = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            long school = fixture.school(s == 0 ? "SHNRO" : "SHUVRO");
            for (String group : List.of("7А", "8Б")) {
                codes.add(new Code(fixture.codes(wave, school, "example", group, 1, 200).getFirst(), "example"));
            }
            codes.add(new Code(fixture.codes(wave, school, "teachers", "педагоги", 1, 200).getFirst(), "teachers"));
        }
        Map<String, LoadedQuestionnaire> forms = Map.of("example", questionnaires.latest("example").orElseThrow(),
                "teachers", questionnaires.latest("teachers").orElseThrow());

        sameAsFullComputation(wave); // nothing published yet: the states are built empty
        long builds = statistics.builds.get();
        int submissions = 0;
        for (int round = 0; round < 12; round++) {
            int burst = 3 + random.nextInt(12);
            for (int i = 0; i < burst; i++) {
                Code c = codes.get(random.nextInt(codes.size()));
                submit(c, answers(forms.get(c.questionnaire()), random));
                submissions++;
            }
            switch (random.nextInt(4)) {
                case 0 -> indices.forget(); // a restart: the states outlive the process
                case 1 -> { } // read straight on
                case 2 -> sameAsFullComputation(wave);
                default -> indices.compute(wave); // a read between publications
            }
            if (round == 5) {
                // a change nobody accounted for drops the states; the next read rebuilds them once
                db.execute("UPDATE response SET likert_answers = likert_answers WHERE wave_id = ?", wave);
                sameAsFullComputation(wave);
                assertThat(statistics.builds.get()).isGreaterThan(builds);
                builds = statistics.builds.get();
            }
            if (round == 8) {
                // the states dropped by hand (as after a failed upgrade): rebuilt from scratch, equal
                db.execute("DELETE FROM school_statistics_ready WHERE wave_id = ?", wave);
                indices.forget();
                sameAsFullComputation(wave);
                builds = statistics.builds.get();
            }
        }
        sameAsFullComputation(wave);
        // the nightly rewrite in random order moves responses but changes no figure and no state
        var shuffle = ResponseRelease.class.getDeclaredMethod("shuffleDays", LocalDate.class);
        shuffle.setAccessible(true);
        shuffle.invoke(release, LocalDate.now().plusDays(1));
        sameAsFullComputation(wave);
        assertThat(statistics.builds.get()).as("published groups are added; reads never rebuild").isEqualTo(builds);
        assertThat(db.count("SELECT count(*) FROM response WHERE wave_id = ?", wave))
                .as("enough was published to mean something").isGreaterThan(submissions / 2);
    }

    @Test
    void aReadAfterAPublicationTakesOnlyTheStatesWrittenSinceAndFollowsTheCodes() throws Exception {
        Random random = new Random(77);
        long wave = fixture.openWave("example");
        LoadedQuestionnaire form = questionnaires.latest("example").orElseThrow();
        List<Code> codes = new ArrayList<>();
        for (String category : List.of("SHNRO", "SHUVRO", "SHNRO", "SHUVRO")) {
            long school = fixture.school(category);
            codes.add(new Code(fixture.codes(wave, school, "example", "7А", 1, 200).getFirst(), "example"));
        }
        int k = indices.minGroupSize();
        for (Code c : codes) {
            for (int i = 0; i < k; i++) {
                submit(c, answers(form, random));
            }
        }
        awaitPublished(wave, codes.size() * k);
        sameAsFullComputation(wave);
        long before = statistics.statesRead.get();
        indices.compute(wave);
        assertThat(statistics.statesRead.get()).as("nothing new: no state read again").isEqualTo(before);

        for (int i = 0; i < k; i++) {
            submit(codes.get(2), answers(form, random));
        }
        awaitPublished(wave, (codes.size() + 1) * k);
        before = statistics.statesRead.get();
        sameAsFullComputation(wave);
        assertThat(statistics.statesRead.get() - before).as("only the school that published").isEqualTo(1);

        // codes for a school without answers: listed (suppressed) at the next read, as codes go
        long another = fixture.school("SHNRO");
        fixture.codes(wave, another, "example", "9В", 1, 200);
        assertThat(indices.compute(wave).questionnaires().getFirst().constructs().getFirst().schools())
                .anySatisfy(s -> {
                    assertThat(s.schoolId()).isEqualTo(another);
                    assertThat(s.suppressed()).isTrue();
                });
        sameAsFullComputation(wave);
    }

    void awaitPublished(long wave, long responses) throws InterruptedException {
        for (int i = 0; i < 200 && db.count("SELECT count(*) FROM response WHERE wave_id = ?", wave) < responses; i++) {
            Thread.sleep(25);
        }
        assertThat(db.count("SELECT count(*) FROM response WHERE wave_id = ?", wave)).isEqualTo(responses);
    }

    /**
     * Compares at a quiet moment: a group that reaches k may be published in a round of its own
     * after the submission's answer, so both are computed again until no publication fell between.
     */
    void sameAsFullComputation(long wave) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            IndicesService.Freshness before = store.freshness(wave);
            JsonNode incremental = tree(indices.compute(wave));
            JsonNode full = tree(indices.fromAnswers(wave));
            if (store.freshness(wave).equals(before)) {
                assertClose(full, incremental, "wave");
                return;
            }
            Thread.sleep(50);
        }
        fail("the wave never stood still");
    }

    JsonNode tree(WaveIndices w) throws IOException {
        return json.readValue(json.writeValueAsString(w), JsonNode.class);
    }

    static void assertClose(JsonNode a, JsonNode b, String path) {
        if (a.isNumber() && b.isNumber()) {
            double x = a.getNumberValue().doubleValue();
            double y = b.getNumberValue().doubleValue();
            if (Math.abs(x - y) > EPS * Math.max(1, Math.abs(x))) {
                fail(path + ": " + x + " vs " + y);
            }
        } else if (a.isObject() && b.isObject()) {
            List<String> ka = new ArrayList<>();
            List<String> kb = new ArrayList<>();
            a.entries().forEach(e -> ka.add(e.getKey()));
            b.entries().forEach(e -> kb.add(e.getKey()));
            assertEquals(ka, kb, path);
            for (String k : ka) {
                assertClose(a.get(k), b.get(k), path + "." + k);
            }
        } else if (a.isArray() && b.isArray()) {
            assertEquals(a.size(), b.size(), path);
            for (int i = 0; i < a.size(); i++) {
                assertClose(a.get(i), b.get(i), path + "[" + i + "]");
            }
        } else {
            assertEquals(a, b, path);
        }
    }

    /** Random answers to every likert item (about one in six skipped; some respondents agree on all). */
    static Map<String, Object> answers(LoadedQuestionnaire q, Random random) {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("grade", 7);
        double skip = random.nextInt(4) == 0 ? 0 : 0.3 * random.nextDouble();
        int lean = random.nextInt(3);
        for (Item item : q.questionnaire().items()) {
            if (item.type() != ItemType.LIKERT || random.nextDouble() < skip) {
                continue;
            }
            ResponseScale s = q.questionnaire().scales().get(item.scale());
            int v = s.min() + Math.min(s.max() - s.min(), lean + random.nextInt(s.max() - s.min() + 1 - lean));
            answers.put(item.id(), v);
        }
        if (!q.key().equals("example")) {
            answers.remove("grade");
        }
        return answers;
    }

    void submit(Code c, Map<String, Object> answers) {
        Http.Response r = http.postJson("/api/v1/surveys/" + c.code() + "/responses", http.toJson(Map.of("answers", answers)),
                "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }
}
