package org.uklad.respondent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.uklad.respondent.SurveyPagesTest.HTML;
import static org.uklad.respondent.SurveyPagesTest.enc;
import static org.uklad.respondent.SurveyPagesTest.hiddenKey;
import static org.uklad.respondent.SurveyPagesTest.postForm;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * The paged form as a browser without JavaScript uses it: Next and Back are answered by the server
 * with the asked step and every answer carried in the page; nothing is stored until the answers are
 * sent, and then once.
 */
@MicronautTest(transactional = false)
class PagedFormPagesTest extends AppTest {

    private String teachersCode() {
        long school = fixture.school("SHNRO");
        return fixture.codes(fixture.openWave("teachers"), school, "teachers", "педагоги", 1, 30).getFirst();
    }

    /** The data-step of every section not hidden in the page. */
    static List<String> shownSteps(String html) {
        Matcher m = Pattern.compile("<section class=\"section\"[^>]*>").matcher(html);
        List<String> shown = new ArrayList<>();
        int sections = 0;
        while (m.find()) {
            sections++;
            Matcher step = Pattern.compile("data-step=\"(\\d+)\"").matcher(m.group());
            assertThat(step.find()).isTrue();
            if (!m.group().contains(" hidden")) {
                shown.add(step.group(1));
            }
        }
        assertThat(sections).as("every section is in the page").isEqualTo(8);
        return shown;
    }

    /** The opening tag of the form's button of that class. */
    static String button(String html, String cssClass) {
        Matcher m = Pattern.compile("<button [^>]*class=\"" + cssClass + "\"[^>]*>").matcher(html);
        assertThat(m.find()).as("a " + cssClass + " button").isTrue();
        return m.group();
    }

    static boolean checked(String html, String inputId) {
        return Pattern.compile("<input type=\"radio\" name=\"[^\"]+\" value=\"[^\"]+\" id=\"" + Pattern.quote(inputId)
                + "\"\\s+checked").matcher(html).find();
    }

    @Test
    void theTeachersFormIsShownASectionAtATimeWithItsStemOnceAndNoOptionalMarks() {
        String code = teachersCode();
        Http.Response r = http.get("/s/" + code, "Accept", HTML);
        assertThat(r.status()).isEqualTo(200);
        String html = r.body();
        assertThat(shownSteps(html)).containsExactly("1");
        assertThat(html).contains("Раздел 1 из 8", ">Далее<", "/questionnaires/teachers");
        // the stem of the importance block is said once, not under each of its ten items
        assertThat(html.split("Насколько это важно для вас в работе\\?", -1)).hasSize(2);
        assertThat(html).contains("aria-describedby=\"stem-val1\"");
        assertThat(html.split("aria-describedby=\"stem-val1\"", -1)).hasSize(11);
        assertThat(html).doesNotContain("необязательно").doesNotContain("??");
        // the intro says that every question may be skipped: the page does not say it again
        assertThat(html.split("можно пропустить", -1)).hasSize(2);
        // Back is hidden and disabled on the first step; the send button too (Enter never sends a half form)
        assertThat(button(html, "back")).contains("name=\"step\"", "value=\"1\"", "hidden", "disabled");
        assertThat(button(html, "submit")).contains("hidden", "disabled");
        assertThat(button(html, "next")).contains("name=\"step\"", "value=\"2\"").doesNotContain("hidden", "disabled");
    }

    @Test
    void nextAndBackCarryEveryAnswerAndNothingIsStoredUntilTheAnswersAreSent() {
        String code = teachersCode();
        String key = hiddenKey(http.get("/s/" + code, "Accept", HTML).body());
        long before = db.responses();

        Http.Response step2 = postForm(http, "/s/" + code, "idempotencyKey=" + key + "&a.val1=5&a.val3=2&step=2");
        assertThat(step2.status()).isEqualTo(200);
        assertThat(step2.header("Cache-Control")).isEqualTo("no-store");
        assertThat(shownSteps(step2.body())).containsExactly("2");
        assertThat(step2.body()).contains("Раздел 2 из 8", "Наша школа сейчас");
        assertThat(checked(step2.body(), "a.val1.5")).as("step 1's answer is carried in the page").isTrue();
        assertThat(checked(step2.body(), "a.val3.2")).isTrue();
        assertThat(hiddenKey(step2.body())).isEqualTo(key);
        assertThat(db.responses()).as("a step stores nothing").isEqualTo(before);

        Http.Response back = postForm(http, "/s/" + code, "idempotencyKey=" + key + "&a.val1=5&a.val3=2&a.rvi1_now=4&step=1");
        assertThat(shownSteps(back.body())).containsExactly("1");
        assertThat(checked(back.body(), "a.val1.5")).isTrue();
        assertThat(checked(back.body(), "a.rvi1_now.4")).as("the later step's answer is kept going back").isTrue();

        Http.Response last = postForm(http, "/s/" + code, "idempotencyKey=" + key + "&a.val1=5&a.val3=2&a.rvi1_now=4&step=99");
        assertThat(shownSteps(last.body())).as("a step past the end is the last one").containsExactly("8");
        assertThat(last.body()).contains("Раздел 8 из 8");
        assertThat(button(last.body(), "submit")).doesNotContain("hidden", "disabled");
        assertThat(button(last.body(), "next")).contains("hidden", "disabled");
        assertThat(db.responses()).isEqualTo(before);

        Http.Response tampered = postForm(http, "/s/" + code, "idempotencyKey=" + key + "&a.val1=5&step=x");
        assertThat(tampered.status()).isEqualTo(200);
        assertThat(shownSteps(tampered.body())).as("a pressed step button is never a send").containsExactly("1");
        assertThat(db.responses()).isEqualTo(before);
        assertThat(db.held(code)).isZero();

        String answers = "idempotencyKey=" + key + "&a.val1=5&a.val3=2&a.rvi1_now=4&a.comment=" + enc("Спасибо за анкету");
        Http.Response sent = postForm(http, "/s/" + code, answers);
        assertThat(sent.status()).isEqualTo(303);
        assertThat(sent.header("Location")).isEqualTo("/s/" + code + "/done");
        Http.Response again = postForm(http, "/s/" + code, answers);   // the same sending again, e.g. a double tap
        assertThat(again.status()).isEqualTo(303);
        assertThat(db.responses()).isEqualTo(before + 1);
        assertThat(db.held(code)).isEqualTo(1);
    }

    @Test
    void aShortFormIsOnePageWithItsSendButton() {
        long school = fixture.school("SHNRO");
        String code = fixture.codes(fixture.openWave("students-2-4"), school, "students-2-4", "3А", 1, 30).getFirst();
        String html = http.get("/s/" + code, "Accept", HTML).body();
        assertThat(html).doesNotContain("data-step=\"2\"").doesNotContain("Раздел 1").doesNotContain("name=\"step\"");
        assertThat(html).contains("class=\"submit\">Отправить ответы<");
        // the youngest pupils' form offers "listen" (hidden until the script finds a voice)
        assertThat(html).contains("class=\"listen\" hidden");
        String older = http.get("/s/" + fixture.codes(fixture.openWave("students-5-11"), school, "students-5-11", "7А", 1, 30)
                .getFirst(), "Accept", HTML).body();
        assertThat(older).doesNotContain("class=\"listen\"").contains("Раздел 1 из 5");
    }

    @Test
    void aRequiredQuestionIsMarkedAndThePageSaysOnceWhatMayBeSkipped() {
        String html = http.get("/s/" + fixture.sharedExampleCode(), "Accept", HTML).body();
        assertThat(html.split("\\(обязательно\\)", -1)).as("only the grade is required").hasSize(2);
        assertThat(html).contains("id=\"skip-note\"", "остальные можно пропустить").doesNotContain("необязательно");
    }
}
