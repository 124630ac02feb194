package org.uklad.respondent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.uklad.respondent.SurveyPagesTest.HTML;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.uklad.questionnaires.Instruments;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.questionnaires.ScalePoint;
import org.uklad.support.AppTest;
import org.uklad.support.Http;
import org.uklad.support.Pdfs;

/**
 * The public questionnaire pages: every question and answer of each bundled questionnaire with who
 * sees what, no code needed, and the printable form whose item ids and answer codes are the paper
 * import's.
 */
@MicronautTest(transactional = false)
class QuestionnairePreviewTest extends AppTest {

    /** Text as the page shows it: Thymeleaf escapes quotes and ampersands. */
    static String html(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    @Test
    void everyBundledQuestionnaireShowsEveryQuestionAndAnswerAndWhoSeesWhat() {
        Http.Response index = http.get("/questionnaires", "Accept", HTML);
        assertThat(index.status()).isEqualTo(200);
        for (Questionnaire q : Instruments.bundledParsed()) {
            assertThat(index.body()).contains("href=\"/questionnaires/" + q.key() + "\"");
            for (String lang : new String[] {"ru", "en"}) {
                Http.Response r = http.get("/questionnaires/" + q.key() + "?lang=" + lang, "Accept", HTML);
                assertThat(r.status()).as(q.key()).isEqualTo(200);
                String page = r.body();
                assertThat(page).contains("lang=\"" + lang + "\"", html(q.title().in(lang)),
                        "/questionnaires/" + q.key() + ".pdf?lang=" + lang).doesNotContain("??");
                for (Item item : q.items()) {
                    assertThat(page).as(q.key() + " " + item.id()).contains(html(item.text().in(lang)));
                    item.options().forEach(o -> assertThat(page).contains(html(o.label().in(lang))));
                    if (item.scale() != null) {
                        for (ScalePoint p : q.scaleOf(item).points()) {
                            assertThat(page).contains(html(p.label().in(lang)));
                        }
                    }
                }
            }
        }
        String parents = http.get("/questionnaires/parents", "Accept", HTML).body();
        assertThat(parents).contains("Кто что увидит", "не меньше 5", "Директор школы видит только сводные цифры",
                "директор их не видит", "Анкета анонимная");
        assertThat(http.get("/questionnaires/parents?lang=en", "Accept", HTML).body())
                .contains("Who sees what", "never one person", "at least 5");
    }

    @Test
    void onlyTheQuestionnairesThatComeWithTheServiceAreShown() {
        assertThat(http.get("/questionnaires/no-such-thing", "Accept", HTML).status()).isEqualTo(404);
        assertThat(http.get("/questionnaires/no-such-thing.pdf").status()).isEqualTo(404);
        // a questionnaire a coordinator imports at run time is not public
        String yaml = Instruments.bundledQuestionnaires().stream().filter(f -> f.name().endsWith("example.yaml"))
                .findFirst().orElseThrow().text().replace("key: example", "key: private-survey");
        assertThat(http.send("POST", "/api/v1/admin/questionnaires", "application/yaml",
                yaml.getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer " + Http.ADMIN_TOKEN).status())
                .isBetween(200, 201);
        assertThat(http.get("/questionnaires/private-survey", "Accept", HTML).status()).isEqualTo(404);
        assertThat(http.get("/questionnaires", "Accept", HTML).body()).doesNotContain("private-survey");
    }

    @Test
    void thePrintableFormShowsEveryItemIdAndTheAnswerCodesThePaperImportReads() {
        for (Questionnaire q : Instruments.bundledParsed()) {
            Http.Download d = http.download("/questionnaires/" + q.key() + ".pdf");
            assertThat(d.status()).isEqualTo(200);
            assertThat(d.contentType()).startsWith("application/pdf");
            String text = Pdfs.text(d.body());
            assertThat(text).contains(q.title().ru(), "group_label", "Класс или группа");
            for (Item item : q.items()) {
                assertThat(text).as(q.key()).containsPattern("(?m)(^|\\s)" + item.id() + "(\\s|$)");
                assertThat(text).contains(item.text().ru().substring(0, Math.min(25, item.text().ru().length())));
                item.options().forEach(o -> assertThat(text).as(item.id()).containsPattern("(?m)" + o.value() + "\\s*$"));
            }
        }
        // a likert answer carries its scale value, as the import expects it in the item's column
        String parents = Pdfs.text(http.download("/questionnaires/parents.pdf").body());
        assertThat(parents).containsPattern("(?m)Определённо да\\s+4\\s*$");
        String english = Pdfs.text(http.download("/questionnaires/teachers.pdf?lang=en").body());
        assertThat(english).contains("Questionnaire for teachers", "Very important", "val10", "Page 1 of");
    }
}
