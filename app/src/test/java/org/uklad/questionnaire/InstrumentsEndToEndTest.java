package org.uklad.questionnaire;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.uklad.questionnaires.Instruments;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.support.Browser;
import org.uklad.support.AppTest;
import org.uklad.support.Fixture;
import org.uklad.support.Http;

/** Every bundled instrument loads into the running app and can be answered end to end, in both languages. */
@MicronautTest(transactional = false)
class InstrumentsEndToEndTest extends AppTest {



    /** A valid answer to every item the API describes (conditional items included: the server discards hidden ones). */
    static Map<String, Object> answerAll(JsonNode questionnaire, int variant) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (JsonNode section : questionnaire.get("sections").values()) {
            for (JsonNode item : section.get("items").values()) {
                String id = item.get("id").getStringValue();
                switch (item.get("type").getStringValue()) {
                    case "likert" -> {
                        JsonNode points = item.get("scale").get("points");
                        answers.put(id, points.get(variant % points.size()).get("value").getIntValue());
                    }
                    case "single" -> answers.put(id, item.get("options").get(variant % item.get("options").size())
                            .get("value").getStringValue());
                    case "multiple" -> answers.put(id, List.of(item.get("options").get(0).get("value").getStringValue()));
                    case "number" -> answers.put(id, item.get("min").getIntValue());
                    case "text" -> answers.put(id, "Ответ <b>№" + variant + "</b>");
                    default -> throw new AssertionError("unknown type " + item.get("type"));
                }
            }
        }
        return answers;
    }

    @Test
    void everyInstrumentCanBeAnsweredThroughTheApiAndShownInBothLanguages() {
        List<Questionnaire> bundled = Instruments.bundledParsed();
        assertThat(bundled).extracting(Questionnaire::key)
                .contains("example", "students-5-11", "students-2-4", "parents", "teachers");
        long school = fixture.school("SHNRO");
        String[] keys = bundled.stream().map(Questionnaire::key).toArray(String[]::new);
        long wave = fixture.openWave(keys);
        for (Questionnaire q : bundled) {
            String code = fixture.codes(wave, school, q.key(), "группа", 1, 50).getFirst();
            JsonNode doc = http.json(http.get("/api/v1/surveys/" + code)).get("questionnaire");
            assertThat(doc.get("key").getStringValue()).isEqualTo(q.key());
            for (int respondent = 0; respondent < Fixture.K; respondent++) { // k: the group is published
                String key = UUID.randomUUID().toString();
                Http.Response r = http.postJson("/api/v1/surveys/" + code + "/responses",
                        http.toJson(Map.of("answers", answerAll(doc, respondent % 3))), "Idempotency-Key", key);
                assertThat(r.status()).as(q.key() + ": " + r.body()).isEqualTo(201);
            }
            assertThat(db.published(code)).as(q.key()).isEqualTo(Fixture.K);
            long fewest = db.count("SELECT min(n) FROM (SELECT count(*) AS n FROM response_answer a JOIN response r ON r.id = a.response_id "
                    + "JOIN access_code c ON c.wave_id = r.wave_id AND c.school_id = r.school_id "
                    + "AND c.questionnaire_version_id = r.questionnaire_version_id WHERE c.code = ? GROUP BY r.id) per", code);
            assertThat(fewest).as(q.key()).isGreaterThanOrEqualTo(q.items().stream().filter(i -> i.showIf() == null).count());
            Http.Response ru = http.get("/s/" + code, "Accept", "text/html");
            Http.Response en = http.get("/s/" + code + "?lang=en", "Accept", "text/html");
            assertThat(ru.body()).as(q.key()).contains(escape(q.title().ru()));
            assertThat(en.body()).as(q.key()).contains(escape(q.title().en()));
            assertThat(ru.body()).as(q.key()).contains(escape(q.items().getFirst().text().ru()));
            assertThat(en.body()).as(q.key()).contains(escape(q.items().getFirst().text().en()));
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Test
    void aYoungPupilAnswersTheBullyingItemWithoutASmileAndIsOfferedTheHelpline() {
        long school = fixture.school("SHNRO");
        long wave = fixture.openWave("students-2-4", "students-5-11");
        String young = fixture.codes(wave, school, "students-2-4", "3А", 1, 30).getFirst();
        JsonNode items = http.json(http.get("/api/v1/surveys/" + young)).get("questionnaire").get("sections").get(1)
                .get("items");
        JsonNode likes = items.get(0);
        JsonNode hurt = items.get(4);
        assertThat(likes.get("id").getStringValue()).isEqualTo("com1");
        assertThat(likes.get("scale").get("display").getStringValue()).isEqualTo("faces");
        assertThat(hurt.get("id").getStringValue()).isEqualTo("com5");
        assertThat(hurt.get("text").get("ru").getStringValue()).isEqualTo("Другие дети меня обижают.");
        assertThat(hurt.get("scale").get("display").getStringValue()).as("words, not a smile for 'they hurt me'")
                .isEqualTo("buttons");
        assertThat(hurt.get("support").get("anyOf").values()).extracting(JsonNode::getStringValue)
                .containsExactly("2", "3");
        assertThat(hurt.get("support").get("text").get("ru").getStringValue()).contains("8-800-2000-122");
        assertThat(hurt.get("support").get("text").get("en").getStringValue()).contains("an adult you trust");
        assertThat(likes.get("support")).as("no message where none is declared").isNull();

        String page = http.get("/s/" + young, "Accept", "text/html").body();
        String hurtOnPage = page.substring(page.indexOf("id=\"item-com5\""));
        hurtOnPage = hurtOnPage.substring(0, hurtOnPage.indexOf("</fieldset>"));
        assertThat(hurtOnPage).contains("Нет", "Иногда", "Да").doesNotContain("<svg").doesNotContain("face-happy");
        String likesOnPage = page.substring(page.indexOf("id=\"item-com1\""));
        assertThat(likesOnPage.substring(0, likesOnPage.indexOf("</fieldset>"))).contains("face-happy");

        String older = fixture.codes(wave, school, "students-5-11", "7Б", 1, 30).getFirst();
        JsonNode safety = http.json(http.get("/api/v1/surveys/" + older)).get("questionnaire").get("sections").get(3);
        JsonNode bullied = safety.get("items").get(0);
        assertThat(bullied.get("id").getStringValue()).isEqualTo("bullied");
        assertThat(bullied.get("support").get("anyOf").values()).extracting(JsonNode::getStringValue)
                .containsExactly("once_twice", "several", "weekly");
    }

    @Test
    void theYoungStudentsFormShowsFacesThatFitA360PixelPhone() throws Exception {
        long school = fixture.school("SHNRO");
        long wave = fixture.openWave("students-2-4");
        String code = fixture.codes(wave, school, "students-2-4", "3А", 1, 30).getFirst();
        WebDriver browser = Browser.phone();
        try {
            browser.get(server.getURL() + "/s/" + code);
            JavascriptExecutor js = (JavascriptExecutor) browser;
            assertThat(((Number) js.executeScript("return window.innerWidth;")).intValue()).isEqualTo(360);
            List<WebElement> faceGroups = browser.findElements(By.cssSelector(".choices.faces"));
            assertThat(faceGroups).as("likert items of the young students' form are drawn as faces").isNotEmpty();
            for (WebElement group : faceGroups) {
                assertThat(group.findElements(By.cssSelector("svg.face"))).hasSize(3);
                Number overflow = (Number) js.executeScript("return arguments[0].scrollWidth - arguments[0].clientWidth;", group);
                assertThat(overflow.intValue()).as("faces fit their row").isLessThanOrEqualTo(0);
                for (WebElement label : group.findElements(By.cssSelector("label.choice"))) {
                    Number right = (Number) js.executeScript("return arguments[0].getBoundingClientRect().right;", label);
                    assertThat(right.doubleValue()).isLessThanOrEqualTo(360.0);
                    Number height = (Number) js.executeScript("return arguments[0].getBoundingClientRect().height;", label);
                    assertThat(height.doubleValue()).as("a finger-sized target").isGreaterThanOrEqualTo(44.0);
                }
            }
            Number pageWidth = (Number) js.executeScript("return document.documentElement.scrollWidth;");
            assertThat(pageWidth.intValue()).as("nothing overflows the screen").isLessThanOrEqualTo(360);
            byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
            Path out = Path.of("target", "screenshots", "students-2-4-360px.png");
            Files.createDirectories(out.getParent());
            Files.write(out, png);
            assertThat(png.length).isGreaterThan(5_000);
        } finally {
            browser.quit();
        }
    }
}
