package org.uklad.respondent;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;
import org.uklad.support.Http;
import org.uklad.system.FieldCode;

/** The server-rendered respondent pages, as a browser without JavaScript uses them. */
@MicronautTest(transactional = false)
class SurveyPagesTest extends AppTest {

    static final String HTML = "text/html,application/xhtml+xml";




    Http.Response postForm(String path, String body) {
        return postForm(http, path, body);
    }

    /** Sends a form as a browser without JavaScript does. */
    static Http.Response postForm(Http http, String path, String body) {
        return http.send("POST", path, "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8),
                "Accept", HTML);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String hiddenKey(String html) {
        Matcher m = Pattern.compile("name=\"idempotencyKey\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("the form carries an idempotency key").isTrue();
        return m.group(1);
    }

    @Test
    void theFormIsServedInRussianWithEveryItemAndSafeHeaders() {
        String code = fixture.sharedExampleCode();
        Http.Response r = http.get("/s/" + code, "Accept", HTML);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/html");
        assertThat(r.body()).contains("lang=\"ru\"", "Пример анкеты для учащихся", "Учителя ждут, что я буду стараться изо всех сил.",
                "name=\"a.grade\"", "name=\"a.dem1\"", "name=\"a.bullied_where\"", "name=\"a.comment\"", "Группа: 7Б");
        assertThat(r.body()).doesNotContain("<script>").doesNotContain("style=\"");
        assertThat(hiddenKey(r.body())).hasSizeGreaterThanOrEqualTo(8);
        assertThat(r.header("Content-Security-Policy")).contains("script-src 'self'").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Referrer-Policy")).isEqualTo("same-origin");
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(http.get("/assets/app.css").status()).isEqualTo(200);
        assertThat(http.get("/assets/survey.js").status()).isEqualTo(200);
    }

    @Test
    void englishIsOneClickAwayAndRemembered() {
        String code = fixture.sharedExampleCode();
        Http.Response en = http.get("/s/" + code + "?lang=en", "Accept", HTML);
        assertThat(en.body()).contains("lang=\"en\"", "Example student questionnaire", "My teachers expect me to do my best.");
        assertThat(en.header("Set-Cookie")).contains("lang=en");
        Http.Response again = http.get("/s/" + code, "Accept", HTML, "Cookie", "lang=en");
        assertThat(again.body()).contains("Example student questionnaire").doesNotContain("Пример анкеты для учащихся");
    }

    @Test
    void aFormWithMistakesComesBackWithEachErrorAndTheAnswersKept() {
        String code = fixture.sharedExampleCode();
        String key = UUID.randomUUID().toString();
        long before = db.responses();
        Http.Response r = postForm("/s/" + code, "idempotencyKey=" + key + "&a.grade=3&a.dem1=4&a.comment=" + enc("<b>привет</b>"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.header("Cache-Control")).as("the answers are kept out of caches").isEqualTo("no-store");
        assertThat(r.body()).contains("Введи целое число от 5 до 11.")
                .contains("value=\"3\"")
                .contains("&lt;b&gt;привет&lt;/b&gt;")      // shown as text, never as markup
                .doesNotContain("<b>привет</b>");
        assertThat(hiddenKey(r.body())).isEqualTo(key);
        assertThat(r.body()).containsPattern("id=\"a\\.dem1\\.4\"\\s+checked");
        assertThat(db.responses()).isEqualTo(before);
    }

    @Test
    void aDamagedFormGetsAPageAndStoresNothing() {
        String code = fixture.sharedExampleCode();
        String valid = "idempotencyKey=" + UUID.randomUUID() + "&a.grade=9&a.dem1=2&a.dem2=3&a.bullied=often";
        long before = db.responses();
        // a broken escape, bytes that are not UTF-8, a lone escape at the end
        for (String damaged : List.of(valid + "&a.comment=%ZZ", valid + "&a.comment=%C3%28", valid + "&a.comment=%")) {
            Http.Response r = postForm("/s/" + code, damaged);
            assertThat(r.status()).as(damaged).isEqualTo(400);
            assertThat(r.contentType()).startsWith("text/html");
            assertThat(r.body()).contains("Форма не прочитана").doesNotContain("Exception");
        }
        assertThat(db.responses()).isEqualTo(before);
    }

    @Test
    void aValidFormIsStoredOnceThenRedirectsToThanksEvenWhenSentTwice() {
        String code = fixture.sharedExampleCode();
        String key = UUID.randomUUID().toString();
        String form = "idempotencyKey=" + key + "&a.grade=9&a.dem1=2&a.dem2=3&a.bullied=often"
                + "&a.bullied_where=online&a.comment=" + enc("Всё хорошо");
        long before = db.responses();
        Http.Response first = postForm("/s/" + code, form);
        Http.Response second = postForm("/s/" + code, form);
        assertThat(first.status()).isEqualTo(303);
        assertThat(first.header("Location")).isEqualTo("/s/" + code + "/done");
        assertThat(second.status()).isEqualTo(303);
        assertThat(db.responses()).isEqualTo(before + 1);
        // one ticked box of a multiple-choice item arrives as a single form value and is stored as a list
        fixture.publish(code, 1);
        assertThat(db.string("SELECT array_to_string(value_choices, ',') FROM response_answer WHERE item_id = 'bullied_where' "
                + "AND response_id = ?::uuid", db.responseWith(code, "bullied_where"))).isEqualTo("online");
        Http.Response done = http.get(first.header("Location"), "Accept", HTML);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains("Спасибо!");
    }

    @Test
    void browsersGetAFriendlyPageForUnknownOrMistypedCodes() {
        Http.Response unknown = http.get("/s/ZZZZZ-ZZZZZ", "Accept", HTML);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("text/html");
        assertThat(unknown.body()).contains("Код не найден").contains("href=\"/\"").doesNotContain("Exception");

        Http.Response typo = http.get("/enter?code=" + enc("hello!"), "Accept", HTML);
        assertThat(typo.status()).isEqualTo(404);
        assertThat(typo.body()).contains("Это не похоже на код доступа").contains("value=\"hello!\"");

        String code = fixture.sharedExampleCode();
        String typed = code.substring(0, 5).toLowerCase() + "-" + code.substring(5).toLowerCase();
        Http.Response ok = http.get("/enter?code=" + enc(" " + typed + " "), "Accept", HTML);
        assertThat(ok.status()).isEqualTo(303);
        assertThat(ok.header("Location")).isEqualTo("/s/" + code);

        Http.Response page = http.get("/no/such/page", "Accept", HTML);
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("Страница не найдена");
    }

    @Test
    void everyProblemTypeLeadsToAPageExplainingIt() {
        Http.Response ru = http.get("/errors/idempotency-conflict", "Accept", HTML);
        Http.Response en = http.get("/errors/idempotency-conflict?lang=en", "Accept", HTML);
        assertThat(ru.status()).isEqualTo(200);
        assertThat(ru.body()).contains("Ключ уже использован");
        assertThat(en.body()).contains("Key already used");
        assertThat(http.get("/errors/no-such-error", "Accept", HTML).status()).isEqualTo(404);
        // the page of a refused request lists every field-error code of the catalogue with its meaning
        Http.Response fields = http.get("/errors/validation-failed?lang=en", "Accept", HTML);
        assertThat(fields.status()).isEqualTo(200);
        for (FieldCode code : FieldCode.values()) {
            assertThat(fields.body()).contains("<code>" + code.code() + "</code>");
        }
        assertThat(fields.body()).contains("Choose one of the options offered.", "Not found: ….").doesNotContain("<span>field.");
    }

    @Test
    void closedNotYetOpenAndSpentCodesGetAClearPageInEitherLanguage() {
        long school = fixture.school("SHNRO");
        java.time.Instant now = java.time.Instant.now();
        String closed = fixture.codes(fixture.wave(now.minus(java.time.Duration.ofDays(9)), now.minus(java.time.Duration.ofDays(2)),
                "example"), school, "example", "5А", 1, 5).getFirst();
        String future = fixture.codes(fixture.wave(now.plus(java.time.Duration.ofDays(2)), now.plus(java.time.Duration.ofDays(9)),
                "example"), school, "example", "5А", 1, 5).getFirst();
        String single = fixture.codes(fixture.openWave("example"), school, "example", "5А", 1, 1).getFirst();
        assertThat(postForm("/s/" + single, "idempotencyKey=" + UUID.randomUUID() + "&a.grade=5").status()).isEqualTo(303);
        long before = db.responses();

        Http.Response closedRu = http.get("/s/" + closed, "Accept", HTML);
        Http.Response closedEn = http.get("/s/" + closed + "?lang=en", "Accept", HTML);
        assertThat(closedRu.status()).isEqualTo(410);
        assertThat(closedRu.body()).contains("Опрос завершён");
        assertThat(closedEn.body()).contains("The survey has ended");
        Http.Response futureRu = http.get("/s/" + future, "Accept", HTML);
        assertThat(futureRu.status()).isEqualTo(403);
        assertThat(futureRu.body()).contains("Опрос ещё не начался");
        Http.Response spent = http.get("/s/" + single, "Accept", HTML);
        assertThat(spent.status()).isEqualTo(410);
        assertThat(spent.body()).contains("Код уже использован");
        Http.Response closedPost = postForm("/s/" + closed, "idempotencyKey=" + UUID.randomUUID() + "&a.grade=5");
        assertThat(closedPost.status()).isEqualTo(410);
        assertThat(closedPost.body()).contains("Опрос завершён");
        assertThat(db.responses()).isEqualTo(before);
    }
}
