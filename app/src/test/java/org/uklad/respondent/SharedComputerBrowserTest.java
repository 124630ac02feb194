package org.uklad.respondent;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.chromium.HasNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.uklad.support.Browser;
import org.uklad.support.BrowserTest;

/**
 * Respondents taking turns at one classroom computer (one Chromium profile): nobody sees anything of
 * the one before, one respondent still resumes after a reload, and answers sent offline still arrive.
 */
@MicronautTest(transactional = false)
class SharedComputerBrowserTest extends BrowserTest {

    @BeforeEach
    void setUp() {
        browser = Browser.desktop();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** Everything this page can read from the device's storage, as key=value lines. */
    private String storage(String which) {
        return String.valueOf(js("var s = window." + which + ", out = '';"
                + "for (var i = 0; i < s.length; i++) { out += s.key(i) + '=' + s.getItem(s.key(i)) + '\\n'; }"
                + "return out;"));
    }

    private String everythingStored() {
        return storage("localStorage") + storage("sessionStorage");
    }

    private String value(String name) {
        return browser.findElement(By.name(name)).getAttribute("value");
    }

    private String key() {
        return value("idempotencyKey");
    }

    private void type(String name, String text) {
        WebElement field = browser.findElement(By.name(name));
        js("arguments[0].scrollIntoView({block: 'center'});", field);
        field.sendKeys(text);
    }

    private void submit() {
        WebElement button = browser.findElement(By.cssSelector("button.submit"));
        js("arguments[0].scrollIntoView({block: 'center'});", button);
        button.click();
    }

    private WebDriverWait waiting(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    /** The respondent closes the tab; the next one opens a new tab of the same browser. */
    private void nextTab() {
        String old = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        String fresh = browser.getWindowHandle();
        browser.switchTo().window(old).close();
        browser.switchTo().window(fresh);
    }

    private void offline(boolean off) {
        var network = (HasNetworkConditions) browser;
        if (off) {
            var conditions = new ChromiumNetworkConditions();
            conditions.setOffline(true);
            network.setNetworkConditions(conditions);
        } else {
            network.deleteNetworkConditions();
        }
    }

    /** Sends the form, checks the thank-you page and takes its "next respondent" action. */
    private void sendAndLetTheNextRespondentIn(String thanks, Runnable onThankYouPage) {
        submit();
        waiting(15).until(ExpectedConditions.urlContains(thanks));
        onThankYouPage.run();
        browser.findElement(By.id("next-respondent")).click();
        waiting(10).until(ExpectedConditions.presenceOfElementLocated(By.id("survey")));
    }

    /** A shared code of a new school, so its responses can be counted. */
    private String codeOf(long school, String group) {
        return fixture.codes(fixture.openWave("example"), school, "example", group, 1, 30).getFirst();
    }

    /** Sends the form without a connection: the page says the answers wait on the device. */
    private void sendOffline() {
        offline(true);
        submit();
        WebElement notice = waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("offline-notice")));
        assertThat(notice.getText()).contains("Нет связи");
    }

    /**
     * The group's only response arrives, the one sent with {@code key}; once classmates bring the
     * group to k it is published with {@code comment}.
     */
    private void awaitDelivery(String code, String key, String comment) {
        waiting(30).until(d -> db.keyRegistered(key) == 1);
        assertThat(db.held(code)).isEqualTo(1);
        fixture.publish(code, 1);
        assertThat(db.string("SELECT value_text FROM response_answer WHERE response_id = ?::uuid AND item_id = 'comment'",
                db.responseWith(code, "comment"))).isEqualTo(comment);
    }

    private void assertCleanForm(String previousKey, String... previousAnswers) {
        assertThat(value("a.grade")).isEmpty();
        assertThat(value("a.comment")).isEmpty();
        assertThat(browser.findElements(By.cssSelector("input[type=radio]:checked, input[type=checkbox]:checked"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector(".notice:not(#offline-notice)"))).as("no 'we restored your answers'").isEmpty();
        assertThat(key()).as("a new idempotency key").isNotEqualTo(previousKey).hasSizeGreaterThanOrEqualTo(8);
        for (String answer : previousAnswers) {
            assertThat(browser.getPageSource()).doesNotContain(answer);
            assertThat(everythingStored()).doesNotContain(answer);
        }
    }

    @Test
    void twoRespondentsInSequenceOnOneBrowserSeeNothingOfEachOther() {
        String code = fixture.sharedExampleCode();
        String form = server.getURL() + "/s/" + code;

        // a draft left on this computer by the earlier version of the page
        browser.get(server.getURL() + "/");
        js("localStorage.setItem('uklad:survey:" + code + "', JSON.stringify({idempotencyKey: 'earlier-key-1234', "
                + "answers: {'a.comment': ['Черновик прежней версии'], 'a.grade': ['6']}}));");
        browser.get(form);
        assertCleanForm("earlier-key-1234", "Черновик прежней версии");

        // the first pupil answers and reloads: the answers come back, with the same key
        type("a.grade", "7");
        SurveyBrowserTest.click(browser, "a.dem1.4");
        type("a.comment", "Секрет первого ученика");
        String first = key();
        browser.navigate().refresh();
        assertThat(value("a.grade")).isEqualTo("7");
        assertThat(value("a.comment")).isEqualTo("Секрет первого ученика");
        assertThat(browser.findElement(By.id("a.dem1.4")).isSelected()).isTrue();
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("восстановили");
        assertThat(key()).isEqualTo(first);

        // ... and leaves without sending; the second pupil opens the same link in a new tab
        nextTab();
        browser.get(form);
        assertCleanForm(first, "Секрет первого ученика");

        // the second pupil types, goes back to the start page and enters the code there
        type("a.comment", "Набросок второго");
        String abandoned = key();
        browser.findElement(By.cssSelector("a.brand")).click();
        waiting(10).until(ExpectedConditions.presenceOfElementLocated(By.id("code"))).sendKeys(code);
        browser.findElement(By.cssSelector(".code-form button")).click();
        waiting(10).until(ExpectedConditions.presenceOfElementLocated(By.id("survey")));
        assertCleanForm(abandoned, "Набросок второго");

        // the second pupil sends; "next respondent" on the thank-you page starts a clean form
        type("a.grade", "8");
        type("a.comment", "Итог второго ученика");
        String second = key();
        sendAndLetTheNextRespondentIn("/done", () -> {
            assertThat(everythingStored()).isEmpty();
            assertThat(browser.findElement(By.id("next-respondent")).getText()).isEqualTo("Следующий участник");
        });
        assertCleanForm(second, "Итог второго ученика");

        assertThat(db.keyRegistered(second)).isEqualTo(1);
        fixture.publish(code, 1);
        assertThat(db.count("SELECT count(*) FROM response_answer WHERE item_id = 'comment' AND value_text = 'Итог второго ученика'"))
                .isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM response_answer WHERE value_text IN ('Секрет первого ученика', 'Набросок второго')"))
                .isZero();
    }

    @Test
    void theClassroomModeKeepsNothingOnTheComputerAndStartsCleanAfterEachSubmission() {
        String code = fixture.sharedExampleCode();
        browser.get(server.getURL() + "/");
        browser.findElement(By.id("kiosk")).click();
        browser.findElement(By.id("code")).sendKeys(code);
        browser.findElement(By.cssSelector(".code-form button")).click();
        waiting(10).until(ExpectedConditions.urlContains("kiosk=1"));

        type("a.grade", "7");
        type("a.comment", "Ответ в классе");
        assertThat(everythingStored()).doesNotContain("Ответ в классе");
        String first = key();
        browser.navigate().refresh();
        assertCleanForm(first, "Ответ в классе");

        type("a.grade", "7");
        type("a.comment", "Ответ в классе");
        String sent = key();
        sendAndLetTheNextRespondentIn("/done?kiosk=1", () -> { });
        assertThat(browser.getCurrentUrl()).endsWith("/s/" + code + "?kiosk=1");
        assertCleanForm(sent, "Ответ в классе");

        // the tab remembers the mode even for a link without the flag
        browser.get(server.getURL() + "/s/" + code);
        type("a.comment", "Без флага в ссылке");
        assertThat(everythingStored()).doesNotContain("Без флага в ссылке");
        assertThat(browser.findElements(By.cssSelector("#survey input[name=kiosk]"))).hasSize(1);
        assertThat(db.keyRegistered(sent)).isEqualTo(1);
    }

    @Test
    void answersSentOfflineArriveAfterTheFormWasClearedForTheNextRespondentAndTheTabClosed() {
        long school = fixture.school("SHNRO");
        String code = codeOf(school, "8А");
        browser.get(server.getURL() + "/s/" + code);
        type("a.grade", "9");
        SurveyBrowserTest.click(browser, "a.dem1.2");
        type("a.comment", "Ответ без связи");
        String sent = key();

        sendOffline();
        browser.findElement(By.id("next-respondent")).click();
        assertCleanForm(sent);
        assertThat(value("a.comment")).isEmpty();
        assertThat(storage("sessionStorage")).doesNotContain("Ответ без связи");
        assertThat(db.keyRegistered(sent)).isZero();

        // the tab is closed while still offline; the next page opened on this computer sends the answers
        nextTab();
        offline(false);   // ChromeDriver's emulation covers every tab: the connection returns after the tab is gone
        browser.get(server.getURL() + "/");
        awaitDelivery(code, sent, "Ответ без связи");
        waiting(10).until(d -> everythingStored().isEmpty());
    }

    @Test
    void inTheClassroomModeAnOfflineSubmissionClearsTheFormAtOnceAndIsSentLater() {
        long school = fixture.school("SHNRO");
        String code = codeOf(school, "8Б");
        browser.get(server.getURL() + "/s/" + code + "?kiosk=1");
        type("a.grade", "9");
        type("a.comment", "Ответ ученика А");
        String sent = key();

        sendOffline();
        assertCleanForm(sent);
        assertThat(storage("sessionStorage")).doesNotContain("Ответ ученика А");

        type("a.comment", "Ученик Б начал");
        offline(false);
        awaitDelivery(code, sent, "Ответ ученика А");
        assertThat(browser.getCurrentUrl()).as("the next respondent stays on the form").endsWith("?kiosk=1");
        assertThat(value("a.comment")).isEqualTo("Ученик Б начал");
    }
}
