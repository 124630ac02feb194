package org.uklad.respondent;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.uklad.support.Browser;
import org.uklad.support.BrowserTest;

/** A respondent in a real headless Chromium at phone width: answer, reload mid-way, submit. */
@MicronautTest(transactional = false)
class SurveyBrowserTest extends BrowserTest {


    @BeforeEach
    void setUp() {
        browser = Browser.phone();
    }


    private void click(String inputId) {
        click(browser, inputId);
    }

    /** Clicks the label of an option, as a person taps it. */
    static void click(WebDriver browser, String inputId) {
        WebElement label = browser.findElement(By.cssSelector("label:has(> input[id='" + inputId + "'])"));
        // a person scrolls the option into view; keep it clear of the sticky progress bar
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", label);
        label.click();
    }

    /** Elements sticking out past the right edge of the screen, for a readable failure message. */
    static String overflowing(WebDriver browser) {
        return String.valueOf(((JavascriptExecutor) browser).executeScript("""
                const out = [];
                for (const el of document.querySelectorAll('body *')) {
                  const r = el.getBoundingClientRect();
                  if (r.right > document.documentElement.clientWidth + 1) {
                    out.push(el.tagName + '.' + el.className + ' right=' + Math.round(r.right));
                  }
                }
                return out.slice(0, 10).join('; ');"""));
    }

    /** A code of a wave of its own, so the test can count the responses to it. */
    private String ownCode(String questionnaire, String group) {
        long school = fixture.school("SHNRO");
        return fixture.codes(fixture.openWave(questionnaire), school, questionnaire, group, 1, 30).getFirst();
    }

    @Test
    void answersSurviveAReloadAndTheSubmissionIsStoredExactlyOnce() {
        String code = ownCode("example", "6В");

        browser.get(server.getURL() + "/s/" + code);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Пример анкеты для учащихся");
        WebElement where = browser.findElement(By.id("item-bullied_where"));
        assertThat(where.isDisplayed()).as("conditional question hidden until its condition holds").isFalse();

        browser.findElement(By.name("a.grade")).sendKeys("7");
        click("a.dem1.4");
        click("a.dem2.1");
        click("a.bullied.once");
        assertThat(where.isDisplayed()).isTrue();
        click("a.bullied_where.online");
        assertThat(browser.findElement(By.id("progress-count")).getText()).isEqualTo("5");

        browser.navigate().refresh();

        assertThat(browser.findElement(By.name("a.grade")).getAttribute("value")).isEqualTo("7");
        assertThat(browser.findElement(By.id("a.dem1.4")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("a.dem2.1")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("a.bullied_where.online")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("item-bullied_where")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("восстановили");

        click("a.com1.3");
        browser.findElement(By.name("a.comment")).sendKeys("Хочу больше экскурсий");
        browser.findElement(By.cssSelector("button.submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/done"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Спасибо!");
        Object left = ((JavascriptExecutor) browser).executeScript("return window.localStorage.length;");
        assertThat(((Number) left).intValue()).as("nothing of the answers stays on the device").isZero();

        assertThat(db.held(code)).isEqualTo(1);
        fixture.publish(code, 1); // four classmates answer: the group reaches k and is published
        String id = db.responseWith(code, "comment");
        assertThat(db.string("SELECT value_int::text FROM response_answer WHERE response_id = ?::uuid AND item_id = 'grade'", id)).isEqualTo("7");
        assertThat(db.string("SELECT value_int::text FROM response_answer WHERE response_id = ?::uuid AND item_id = 'dem1'", id)).isEqualTo("4");
        assertThat(db.string("SELECT value_int::text FROM response_answer WHERE response_id = ?::uuid AND item_id = 'dem2'", id)).isEqualTo("1");
        assertThat(db.string("SELECT value_int::text FROM response_answer WHERE response_id = ?::uuid AND item_id = 'com1'", id)).isEqualTo("3");
        assertThat(db.string("SELECT value_text FROM response_answer WHERE response_id = ?::uuid AND item_id = 'bullied'", id)).isEqualTo("once");
        assertThat(db.string("SELECT array_to_string(value_choices, ',') FROM response_answer WHERE response_id = ?::uuid AND item_id = 'bullied_where'", id))
                .isEqualTo("online");
        assertThat(db.string("SELECT value_text FROM response_answer WHERE response_id = ?::uuid AND item_id = 'comment'", id))
                .isEqualTo("Хочу больше экскурсий");
        assertThat(db.count("SELECT count(*) FROM response_answer WHERE response_id = ?::uuid", id)).isEqualTo(7);
    }

    @Test
    void theFormWorksInEnglishAndShowsErrorsNextToTheQuestions() {
        String code = fixture.sharedExampleCode();
        browser.get(server.getURL() + "/s/" + code + "?lang=en");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Example student questionnaire");
        browser.findElement(By.cssSelector("button.submit")).click();   // grade is required
        WebElement error = new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#item-grade .error")));
        assertThat(error.getText()).isEqualTo("Please answer this question.");
        long viewport = ((Number) ((JavascriptExecutor) browser).executeScript("return window.innerWidth;")).longValue();
        assertThat(viewport).isEqualTo(360);
        long width = ((Number) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth;")).longValue();
        assertThat(width).as("nothing overflows a 360 px screen: " + overflowing(browser)).isLessThanOrEqualTo(360);
    }

    @Test
    void aPupilWhoSaysTheyAreHurtSeesTheHelplineAndAnotherAnswerHidesIt() {
        String code = ownCode("students-2-4", "3А");
        browser.get(server.getURL() + "/s/" + code);
        WebElement region = browser.findElement(By.id("support-com5"));
        WebElement message = region.findElement(By.tagName("p"));
        assertThat(region.getAttribute("role")).isEqualTo("status");
        assertThat(message.isDisplayed()).as("nothing is shown before the answer").isFalse();

        click("a.com5.2");   // «Иногда»
        assertThat(message.isDisplayed()).isTrue();
        assertThat(message.getText()).contains("8-800-2000-122", "взрослому, которому доверяешь");
        click("a.com5.1");   // «Нет»
        assertThat(message.isDisplayed()).isFalse();
        click("a.com5.3");   // «Да»
        assertThat(message.isDisplayed()).isTrue();
        click("a.com1.3");   // another item's answer leaves it as it is
        assertThat(message.isDisplayed()).isTrue();
        long width = ((Number) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth;")).longValue();
        assertThat(width).as("nothing overflows a 360 px screen: " + overflowing(browser)).isLessThanOrEqualTo(360);
    }

    @Test
    void aDisabledSubmitButtonLooksDisabled() {
        browser.get(server.getURL() + "/s/" + fixture.sharedExampleCode());
        JavascriptExecutor js = (JavascriptExecutor) browser;
        String enabled = (String) js.executeScript(
                "return getComputedStyle(document.querySelector('button.submit')).backgroundColor;");
        String disabled = (String) js.executeScript("""
                const b = document.querySelector('button.submit');
                b.disabled = true;
                return getComputedStyle(b).backgroundColor + ' ' + getComputedStyle(b).cursor;""");
        assertThat(disabled).doesNotStartWith(enabled + " ").endsWith("not-allowed");
    }

    @Test
    void answersSentWhileOfflineAreKeptAndSentOnceTheConnectionReturns() {
        String code = ownCode("example", "9Г");
        browser.get(server.getURL() + "/s/" + code);
        browser.findElement(By.name("a.grade")).sendKeys("9");
        click("a.dem1.2");

        var network = (org.openqa.selenium.chromium.HasNetworkConditions) browser;
        var offline = new org.openqa.selenium.chromium.ChromiumNetworkConditions();
        offline.setOffline(true);
        network.setNetworkConditions(offline);
        browser.findElement(By.cssSelector("button.submit")).click();
        WebElement notice = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("offline-notice")));
        assertThat(notice.getText()).contains("Нет связи", "отправятся сами");
        Object aboveTheForm = ((JavascriptExecutor) browser).executeScript("""
                return (arguments[0].compareDocumentPosition(document.getElementById('survey'))
                        & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;""", notice);
        assertThat(aboveTheForm).as("the notice is at the top, not under the submit button").isEqualTo(true);
        assertThat(browser.getCurrentUrl()).endsWith("/s/" + code);
        assertThat(db.held(code)).isZero();

        network.deleteNetworkConditions();   // the connection returns
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/done"));
        assertThat(db.held(code)).isEqualTo(1);
        fixture.publish(code, 1);
        String id = db.responseWith(code, "dem1");
        assertThat(db.string("SELECT value_int::text FROM response_answer WHERE response_id = ?::uuid AND item_id = 'dem1'", id)).isEqualTo("2");
    }
}
