package org.uklad.respondent;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.uklad.support.Browser;
import org.uklad.support.BrowserTest;

/**
 * The "listen" buttons of the grades 2–4 form. Headless Chromium has whatever voices the machine
 * has (usually none), so the device's speech synthesis is also replaced, before the page's script
 * runs, by one whose voices the test chooses and which records what it is asked to say: the page's
 * rule (a voice of the page's language made on the device, else no button) is tested on both.
 */
@MicronautTest(transactional = false)
class ReadAloudBrowserTest extends BrowserTest {

    /** A speech synthesis with {@code voices}; {@code window.addVoices} delivers more later, as devices do. */
    private static final String FAKE = """
            (() => {
              let voices = %s;
              const listeners = [];
              window.spoken = [];
              const synth = {
                getVoices: () => voices,
                speak: u => window.spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.name }),
                cancel: () => {},
                addEventListener: (type, f) => { if (type === 'voiceschanged') { listeners.push(f); } }
              };
              window.addVoices = more => { voices = voices.concat(more); listeners.forEach(f => f()); };
              Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
              window.SpeechSynthesisUtterance = function (text) { this.text = text; };
            })();""";

    @BeforeEach
    void setUp() {
        browser = Browser.phone(360, 740);
    }

    private String code(String questionnaire, String group) {
        long school = fixture.school("SHNRO");
        return fixture.codes(fixture.openWave(questionnaire), school, questionnaire, group, 1, 30).getFirst();
    }

    private void fakeSpeech(String voices) {
        ((ChromiumDriver) browser).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", FAKE.formatted(voices)));
    }

    private List<WebElement> listenButtons() {
        return browser.findElements(By.cssSelector("button.listen"));
    }

    private long shown() {
        return listenButtons().stream().filter(WebElement::isDisplayed).count();
    }

    @Test
    void theButtonFollowsTheVoicesThisChromiumReallyHas() {
        browser.get(server.getURL() + "/s/" + code("students-2-4", "3А"));
        assertThat(listenButtons()).as("one per question").hasSize(14);
        Object localRussian = ((JavascriptExecutor) browser).executeScript("""
                return !!window.speechSynthesis && speechSynthesis.getVoices()
                    .some(v => v.localService && v.lang.toLowerCase().startsWith('ru'));""");
        assertThat(shown()).isEqualTo(Boolean.TRUE.equals(localRussian) ? 14 : 0);
    }

    @Test
    void aRussianVoiceOnTheDeviceReadsTheQuestionAndItsAnswers() {
        fakeSpeech("[{ name: 'English', lang: 'en-US', localService: true },"
                + " { name: 'Милена', lang: 'ru-RU', localService: true }]");
        browser.get(server.getURL() + "/s/" + code("students-2-4", "3Б"));
        assertThat(shown()).isEqualTo(14);
        WebElement first = browser.findElement(By.cssSelector("#item-dem1 button.listen"));
        assertThat(first.getText()).contains("Послушать");
        first.click();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> spoken = (List<Map<String, Object>>) ((JavascriptExecutor) browser)
                .executeScript("return window.spoken;");
        assertThat(spoken).hasSize(1);
        String question = browser.findElement(By.cssSelector("#item-dem1 legend")).getText();
        assertThat((String) spoken.getFirst().get("text")).startsWith(question).contains("Да", "Иногда", "Нет")
                .doesNotContain("Послушать");
        assertThat(spoken.getFirst()).containsEntry("lang", "ru-RU").containsEntry("voice", "Милена");
        assertThat(browser.findElements(By.cssSelector("input:checked"))).as("listening answers nothing").isEmpty();
    }

    @Test
    void noButtonWithoutAVoiceOnTheDeviceForThePagesLanguageUntilOneArrives() {
        // an online voice would send the question away, and an English one cannot read Russian
        fakeSpeech("[{ name: 'Google русский', lang: 'ru-RU', localService: false },"
                + " { name: 'English', lang: 'en-GB', localService: true }]");
        browser.get(server.getURL() + "/s/" + code("students-2-4", "4А"));
        assertThat(listenButtons()).hasSize(14);
        assertThat(shown()).isZero();
        ((JavascriptExecutor) browser).executeScript("window.addVoices([{ name: 'Ирина', lang: 'ru_RU', localService: true }]);");
        assertThat(shown()).isEqualTo(14);

        browser.get(server.getURL() + "/s/" + code("students-2-4", "4Б") + "?lang=en");
        assertThat(shown()).as("the English page reads with the English voice").isEqualTo(14);
    }

    @Test
    void onlyTheYoungestPupilsFormHasTheButton() {
        fakeSpeech("[{ name: 'Милена', lang: 'ru-RU', localService: true }]");
        browser.get(server.getURL() + "/s/" + code("students-5-11", "7А"));
        assertThat(listenButtons()).isEmpty();
        browser.get(server.getURL() + "/s/" + code("parents", "3А"));
        assertThat(listenButtons()).isEmpty();
    }
}
