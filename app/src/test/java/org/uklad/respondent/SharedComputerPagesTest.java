package org.uklad.respondent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.uklad.respondent.SurveyPagesTest.HTML;
import static org.uklad.respondent.SurveyPagesTest.enc;
import static org.uklad.respondent.SurveyPagesTest.hiddenKey;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * A shared classroom computer without JavaScript: the classroom (kiosk) mode travels with the pages,
 * the browser is told not to keep the answers, and the thank-you page starts a clean form.
 */
@MicronautTest(transactional = false)
class SharedComputerPagesTest extends AppTest {

    static final String KIOSK_FIELD = "<input type=\"hidden\" name=\"kiosk\" value=\"1\">";

    Http.Response postForm(String path, String body) {
        return SurveyPagesTest.postForm(http, path, body);
    }

    @Test
    void theFormNeverLetsTheBrowserRefillAnswersAndCarriesTheClassroomMode() {
        String code = fixture.sharedExampleCode();
        Http.Response plain = http.get("/s/" + code, "Accept", HTML);
        assertThat(plain.body()).contains("autocomplete=\"off\"").doesNotContain(KIOSK_FIELD)
                .contains("href=\"?lang=en\"");

        Http.Response kiosk = http.get("/s/" + code + "?kiosk=1", "Accept", HTML);
        assertThat(kiosk.status()).isEqualTo(200);
        assertThat(kiosk.body()).contains("autocomplete=\"off\"", KIOSK_FIELD, "data-kiosk=\"true\"",
                "href=\"?lang=en&amp;kiosk=1\"", "Общий компьютер в классе");
        assertThat(kiosk.header("Cache-Control")).isEqualTo("no-store");

        // a form with mistakes comes back still in the classroom mode
        String key = UUID.randomUUID().toString();
        Http.Response mistakes = postForm("/s/" + code, "idempotencyKey=" + key + "&kiosk=1&a.grade=3");
        assertThat(mistakes.status()).isEqualTo(422);
        assertThat(mistakes.body()).contains(KIOSK_FIELD);
        assertThat(hiddenKey(mistakes.body())).isEqualTo(key);
    }

    @Test
    void theThankYouPageStartsTheNextRespondentOnACleanForm() {
        String code = fixture.sharedExampleCode();
        Http.Response sent = postForm("/s/" + code, "idempotencyKey=" + UUID.randomUUID() + "&a.grade=9&a.comment="
                + enc("Первый"));
        assertThat(sent.status()).isEqualTo(303);
        assertThat(sent.header("Location")).isEqualTo("/s/" + code + "/done");
        Http.Response done = http.get(sent.header("Location"), "Accept", HTML);
        assertThat(done.body()).contains("Следующий участник", "id=\"next-respondent\"", "href=\"/s/" + code + "\"");
        assertThat(done.header("Refresh")).as("only the classroom mode returns to the start by itself").isNull();

        Http.Response next = http.get("/s/" + code, "Accept", HTML);
        assertThat(next.body()).doesNotContain("Первый").doesNotContain("value=\"9\"");

        Http.Response en = http.get("/s/" + code + "/done?lang=en", "Accept", HTML);
        assertThat(en.body()).contains("Next respondent");
    }

    @Test
    void inTheClassroomModeEverySubmissionEndsOnAThankYouPageThatReturnsToTheStart() {
        String code = fixture.sharedExampleCode();
        String key = UUID.randomUUID().toString();
        Http.Response sent = postForm("/s/" + code, "idempotencyKey=" + key + "&kiosk=1&a.grade=9");
        assertThat(sent.status()).isEqualTo(303);
        assertThat(sent.header("Location")).isEqualTo("/s/" + code + "/done?kiosk=1");
        assertThat(db.keyRegistered(key)).isEqualTo(1);

        Http.Response done = http.get(sent.header("Location"), "Accept", HTML);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains("Спасибо!", "href=\"/s/" + code + "?kiosk=1\"", "Следующий участник");
        assertThat(done.header("Refresh")).matches("\\d+; url=/s/" + code + "\\?kiosk=1");
    }

    @Test
    void theTeacherCanTickTheClassroomModeOnTheFirstPage() {
        String code = fixture.sharedExampleCode();
        Http.Response home = http.get("/", "Accept", HTML);
        assertThat(home.body()).contains("name=\"kiosk\"", "Общий компьютер в классе");
        assertThat(http.get("/?lang=en", "Accept", HTML).body()).contains("Shared classroom computer");

        Http.Response on = http.get("/enter?code=" + code + "&kiosk=1", "Accept", HTML);
        assertThat(on.status()).isEqualTo(303);
        assertThat(on.header("Location")).isEqualTo("/s/" + code + "?kiosk=1");
        Http.Response off = http.get("/enter?code=" + code, "Accept", HTML);
        assertThat(off.header("Location")).isEqualTo("/s/" + code);

        Http.Response typo = http.get("/enter?code=" + enc("hello!") + "&kiosk=1", "Accept", HTML);
        assertThat(typo.status()).isEqualTo(404);
        assertThat(typo.body()).as("the ticked box stays ticked").containsPattern("name=\"kiosk\"[^>]*checked");
    }
}
