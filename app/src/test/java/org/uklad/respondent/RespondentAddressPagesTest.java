package org.uklad.respondent;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * The respondent pages as a browser without JavaScript sees them: pupils are addressed as «ты» and
 * adults as «вы» in the page's own messages, and a support message is on the page next to its item.
 */
@MicronautTest(transactional = false)
class RespondentAddressPagesTest extends AppTest {

    private String code(String questionnaire, String group) {
        long school = fixture.school("SHNRO");
        long wave = fixture.openWave(questionnaire);
        return fixture.codes(wave, school, questionnaire, group, 1, 30).getFirst();
    }

    /** A form with an answer off the item's scale, re-shown with the error and its summary. */
    private String reshownWithErrors(String code, String likertItem) {
        Http.Response r = SurveyPagesTest.postForm(http, "/s/" + code,
                "idempotencyKey=" + UUID.randomUUID() + "&a." + likertItem + "=9");
        assertThat(r.status()).isEqualTo(422);
        return r.body();
    }

    private String thanks(String code) {
        Http.Response r = SurveyPagesTest.postForm(http, "/s/" + code, "idempotencyKey=" + UUID.randomUUID());
        assertThat(r.status()).isEqualTo(303);
        return http.get(r.header("Location"), "Accept", SurveyPagesTest.HTML).body();
    }

    /** The re-shown form and the thank-you page of {@code code} say every {@code said} and none of {@code notSaid}. */
    private void addresses(String code, String likertItem, List<String> said, List<String> notSaid, String thanks,
                           String notThanks) {
        String form = reshownWithErrors(code, likertItem);
        assertThat(form).contains(said);
        notSaid.forEach(text -> assertThat(form).doesNotContain(text));
        assertThat(thanks(code)).contains(thanks).doesNotContain(notThanks);
    }

    @Test
    void pupilsAreAddressedAsTyAndParentsAsVyInThePagesOwnMessages() {
        addresses(code("students-2-4", "3А"), "com5",
                List.of("Проверь ответы", "Выбери один из вариантов шкалы", "Мы восстановили твои ответы", "Нет связи. Твои ответы"),
                List.of("Проверьте", "Выберите", "ваши ответы", "Ваши ответы"),
                "Твои ответы сохранены", "Ваши ответы");
        addresses(code("parents", "7Б"), "pdem1",
                List.of("Проверьте ответы", "Выберите один из вариантов шкалы", "Мы восстановили ваши ответы", "Нет связи. Ваши ответы"),
                List.of("Проверь ответы", "Выбери ", "твои ответы", "Твои ответы"),
                "Ваши ответы сохранены", "Твои ответы");
    }

    /**
     * The thank-you page is worded for the code's respondents, so for a code that does not exist it
     * must answer as the form does (404, counted by the code-guessing guard), not tell «ты» from «вы».
     */
    @Test
    void theThankYouPageOfAnUnknownCodeIsNotFound() {
        Http.Response unknown = http.get("/s/ZZZZ-ZZZZ-ZZ/done", "Accept", "text/html");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).doesNotContain("Спасибо");
    }

    @Test
    void englishHasOneTextForEveryone() {
        String code = code("students-2-4", "3Б");
        Http.Response r = http.get("/s/" + code + "?lang=en", "Accept", SurveyPagesTest.HTML);
        assertThat(r.body()).contains("We restored the answers saved on this device.");
    }

    @Test
    void theHelplineIsOnThePageNextToTheBullyingItemWithoutJavaScript() {
        String code = code("students-2-4", "4А");
        String html = http.get("/s/" + code, "Accept", SurveyPagesTest.HTML).body();
        int item = html.indexOf("id=\"item-com5\"");
        int support = html.indexOf("id=\"support-com5\"");
        int next = html.indexOf("</fieldset>", item);
        assertThat(item).isPositive();
        assertThat(support).as("the message follows the item's answers, inside its fieldset").isBetween(item, next);
        String box = html.substring(html.lastIndexOf("<div", support), html.indexOf("</div>", support));
        assertThat(box).contains("role=\"status\"", "aria-live=\"polite\"", "data-support-any-of=\"2 3\"",
                "8-800-2000-122", "Если тебя обижают").doesNotContain("hidden");
        assertThat(html).doesNotContain("id=\"support-com1\"");
    }
}
