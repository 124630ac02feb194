package org.uklad.questionnaire;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uklad.questionnaires.Instruments;
import org.uklad.questionnaires.SourceFile;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

@MicronautTest(transactional = false)
class QuestionnaireVersioningTest extends AppTest {

    @Inject QuestionnaireRegistry registry;



    static String exampleText() {
        return Instruments.bundledQuestionnaires().stream().filter(f -> f.name().endsWith("example.yaml"))
                .findFirst().map(SourceFile::text).orElseThrow();
    }

    Http.Response importYaml(String yaml) {
        return http.send("POST", "/api/v1/admin/questionnaires?name=custom.yaml", "application/yaml",
                yaml.getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer " + Http.ADMIN_TOKEN);
    }

    @Test
    void everyBundledQuestionnaireIsStoredOnceAtStart() {
        for (SourceFile f : Instruments.bundledQuestionnaires()) {
            assertThat(db.count("SELECT count(*) FROM questionnaire_version WHERE source_name = ?", f.name()))
                    .as(f.name()).isEqualTo(1);
        }
        long before = db.count("SELECT count(*) FROM questionnaire_version");
        registry.loadFiles(); // a restart with unchanged files
        assertThat(db.count("SELECT count(*) FROM questionnaire_version")).isEqualTo(before);
    }

    @Test
    void anUnchangedFileIsNotDuplicatedAndAChangedOneBecomesTheNextVersion() {
        Http.Response same = importYaml(exampleText());
        assertThat(same.status()).as(same.body()).isEqualTo(200);
        assertThat(http.json(same).get("created").getBooleanValue()).isFalse();
        long firstId = http.json(same).get("id").getLongValue();

        String changed = exampleText().replace("Пример анкеты для учащихся", "Пример анкеты (изменённый)");
        Http.Response next = importYaml(changed);
        assertThat(next.status()).as(next.body()).isEqualTo(201);
        JsonNode created = http.json(next);
        assertThat(created.get("version").getIntValue()).isEqualTo(2);
        assertThat(created.get("key").getStringValue()).isEqualTo("example");

        // the old version still reads exactly as it was answered
        assertThat(registry.byId(firstId).orElseThrow().questionnaire().title().ru()).isEqualTo("Пример анкеты для учащихся");
        assertThat(registry.latest("example").orElseThrow().questionnaire().title().ru()).isEqualTo("Пример анкеты (изменённый)");
        assertThat(importYaml(changed).status()).isEqualTo(200);
        assertThat(db.count("SELECT count(*) FROM questionnaire_version WHERE questionnaire_key = 'example'")).isEqualTo(2);
    }

    @Test
    void aVersionStoredBeforeTheFacesRuleStillReadsThoughANewFileLikeItIsRefused() {
        // the grades 2-4 form as it was before the rule: "Другие дети меня обижают" answered with faces
        String beforeTheRule = Instruments.bundledQuestionnaires().stream()
                .filter(f -> f.name().endsWith("students-2-4.yaml")).findFirst().map(SourceFile::text).orElseThrow()
                .replace("        display: buttons\n", "");
        assertThat(beforeTheRule).contains("Другие дети меня обижают").doesNotContain("        display:");

        Http.Response refused = importYaml(beforeTheRule);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("item com5", "faces only where the smiling face is the favourable answer");

        long id = Long.parseLong(db.string("INSERT INTO questionnaire_version (questionnaire_key, version, fingerprint,"
                + " source_name, source_text, catalogue_json, respondent, title_ru, title_en)"
                + " SELECT 'legacy-2-4', 1, 'legacy', 'legacy/students-2-4.yaml', ?, catalogue_json, respondent,"
                + " title_ru, title_en FROM questionnaire_version WHERE questionnaire_key = 'students-2-4'"
                + " RETURNING id::text", beforeTheRule));
        var stored = registry.byId(id).orElseThrow().questionnaire();
        var hurt = stored.item("com5").orElseThrow();
        assertThat(stored.scaleOf(hurt).display()).as("read exactly as it was answered").isEqualTo("faces");
    }

    @Test
    void anInvalidFileIsRefusedWithEveryProblemNamedAndNothingStored() {
        long before = db.count("SELECT count(*) FROM questionnaire_version");
        String broken = exampleText()
                .replace("- id: dem2", "- id: dem1")                 // duplicate item id
                .replace("construct: comfort", "construct: no_such_construct");
        Http.Response r = importYaml(broken);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode problem = http.json(r);
        assertThat(problem.get("code").getStringValue()).isEqualTo("questionnaire-invalid");
        List<String> messages = new ArrayList<>();
        for (JsonNode e : problem.get("errors").values()) {
            messages.add(e.get("field").getStringValue() + " " + e.get("message").getStringValue());
        }
        assertThat(messages).anyMatch(m -> m.contains("dem1") && m.matches("custom\\.yaml:\\d+.*"));
        assertThat(messages).anyMatch(m -> m.contains("no_such_construct"));
        assertThat(db.count("SELECT count(*) FROM questionnaire_version")).isEqualTo(before);
    }

    @Test
    void theAdministrationApiNeedsItsToken() {
        Http.Response none = http.send("POST", "/api/v1/admin/questionnaires", "application/yaml",
                exampleText().getBytes(StandardCharsets.UTF_8));
        Http.Response wrong = http.send("GET", "/api/v1/admin/schools", null, null, "Authorization", "Bearer nope");
        assertThat(none.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(http.json(wrong).get("code").getStringValue()).isEqualTo("unauthorized");
    }
}
