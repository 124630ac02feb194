package org.uklad.respondent;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.uklad.support.Browser;
import org.uklad.support.BrowserTest;

/**
 * The teachers' 51 questions a section at a time on a 360 × 740 phone, in a real Chromium: with
 * JavaScript (the steps switch on the page) and without it (the server answers each step), answers
 * kept across Back and Next, the submission stored once.
 */
@MicronautTest(transactional = false)
class PagedFormBrowserTest extends BrowserTest {

    private static final int STEPS = 8;

    private String teachersCode() {
        long school = fixture.school("SHNRO");
        return fixture.codes(fixture.openWave("teachers"), school, "teachers", "педагоги", 1, 30).getFirst();
    }

    private WebElement section(int step) {
        return browser.findElement(By.cssSelector("section[data-step='" + step + "']"));
    }

    private String stepLabel() {
        return browser.findElement(By.id("step-progress")).getText();
    }

    private void press(String buttonClass) {
        WebElement button = browser.findElement(By.cssSelector(".steps-nav button." + buttonClass));
        assertThat(button.isDisplayed()).as(buttonClass + " offered").isTrue();
        button.click();
    }

    /** Next or Back without JavaScript: the server answers with a new page, which the test waits for. */
    private void pressAndLoad(String buttonClass) {
        WebElement old = browser.findElement(By.id("step-progress"));
        press(buttonClass);
        // while the page is replaced Chromium may answer "node does not belong to the document": asked again
        new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(org.openqa.selenium.WebDriverException.class)
                .until(ExpectedConditions.stalenessOf(old));
    }

    private long pageWidth() {
        return ((Number) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth;")).longValue();
    }

    @Test
    void withJavaScriptTheStepsSwitchOnThePageAndKeepEveryAnswer() {
        browser = Browser.phone(360, 740);
        String code = teachersCode();
        long before = db.responses();
        browser.get(server.getURL() + "/s/" + code);
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("window.samePage = true;");   // lost if the browser loaded another page

        assertThat(stepLabel()).isEqualTo("Раздел 1 из 8");
        assertThat(section(1).isDisplayed()).isTrue();
        assertThat(section(2).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector(".stem")).stream().filter(WebElement::isDisplayed).map(WebElement::getText))
                .containsExactly("Насколько это важно для вас в работе?");
        assertThat(browser.findElement(By.cssSelector(".steps-nav button.back")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.cssSelector(".steps-nav button.submit")).isDisplayed()).isFalse();
        SurveyBrowserTest.click(browser, "a.val1.5");
        SurveyBrowserTest.click(browser, "a.val10.3");
        assertThat(pageWidth()).as("nothing overflows: " + SurveyBrowserTest.overflowing(browser)).isLessThanOrEqualTo(360);

        press("next");
        assertThat(stepLabel()).isEqualTo("Раздел 2 из 8");
        assertThat(section(1).isDisplayed()).isFalse();
        assertThat(section(2).isDisplayed()).isTrue();
        assertThat(js.executeScript("return document.activeElement.tagName + ' ' + document.activeElement.textContent;"))
                .as("the new section's heading has the focus").isEqualTo("H2 Наша школа сейчас");
        SurveyBrowserTest.click(browser, "a.rvi1_now.4");
        press("back");
        assertThat(stepLabel()).isEqualTo("Раздел 1 из 8");
        assertThat(browser.findElement(By.id("a.val1.5")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("a.val10.3")).isSelected()).isTrue();
        press("next");
        assertThat(browser.findElement(By.id("a.rvi1_now.4")).isSelected()).isTrue();
        assertThat(js.executeScript("return window.samePage === true;")).as("no page was loaded").isEqualTo(true);

        browser.navigate().refresh();   // the tab's draft brings back the step and the answers
        assertThat(stepLabel()).isEqualTo("Раздел 2 из 8");
        assertThat(browser.findElement(By.id("a.rvi1_now.4")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("a.val1.5")).isSelected()).isTrue();

        for (int step = 3; step <= STEPS; step++) {
            press("next");
        }
        assertThat(stepLabel()).isEqualTo("Раздел 8 из 8");
        assertThat(browser.findElement(By.cssSelector(".steps-nav button.next")).isDisplayed()).isFalse();
        browser.findElement(By.name("a.comment")).sendKeys("Больше времени на совместные уроки");
        press("submit");
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/done"));
        assertThat(db.responses()).isEqualTo(before + 1);
        assertThat(db.held(code)).isEqualTo(1);
    }

    @Test
    void withoutJavaScriptTheServerShowsEachStepWithTheAnswersCarried() {
        browser = Browser.phoneWithoutJavaScript(360, 740);
        String code = teachersCode();
        long before = db.responses();
        browser.get(server.getURL() + "/s/" + code);
        assertThat(browser.findElement(By.cssSelector(".progress")).isDisplayed())
                .as("the script does not run: its progress bar stays hidden").isFalse();
        assertThat(((Number) ((JavascriptExecutor) browser).executeScript("return window.innerWidth;")).intValue())
                .isEqualTo(360);
        assertThat(stepLabel()).isEqualTo("Раздел 1 из 8");
        assertThat(section(2).isDisplayed()).isFalse();
        browser.findElement(By.cssSelector("label:has(> input[id='a.val1.5'])")).click();
        browser.findElement(By.cssSelector("label:has(> input[id='a.val2.4'])")).click();

        pressAndLoad("next");
        assertThat(stepLabel()).isEqualTo("Раздел 2 из 8");
        assertThat(section(2).isDisplayed()).isTrue();
        assertThat(section(1).isDisplayed()).isFalse();
        assertThat(db.responses()).as("a step stores nothing").isEqualTo(before);
        browser.findElement(By.cssSelector("label:has(> input[id='a.rvi1_now.4'])")).click();

        pressAndLoad("back");
        assertThat(stepLabel()).isEqualTo("Раздел 1 из 8");
        assertThat(browser.findElement(By.id("a.val1.5")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("a.val2.4")).isSelected()).isTrue();
        assertThat(pageWidth()).isLessThanOrEqualTo(360);

        for (int step = 2; step <= STEPS; step++) {
            pressAndLoad("next");
        }
        assertThat(stepLabel()).isEqualTo("Раздел 8 из 8");
        browser.findElement(By.name("a.comment")).sendKeys("Без скриптов тоже работает");
        press("submit");
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/done"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Спасибо!");
        assertThat(db.responses()).isEqualTo(before + 1);
        assertThat(db.held(code)).isEqualTo(1);
    }

    @Test
    void aSharedClassroomComputerKeepsNothingOfThePagedFormOnTheDevice() {
        browser = Browser.phone(360, 740);
        String code = teachersCode();
        browser.get(server.getURL() + "/s/" + code + "?kiosk=1");
        SurveyBrowserTest.click(browser, "a.val1.5");
        press("next");
        assertThat(stepLabel()).isEqualTo("Раздел 2 из 8");
        Object drafts = ((JavascriptExecutor) browser).executeScript(
                "return Object.keys(sessionStorage).filter(k => k.indexOf('uklad:draft:') === 0).length"
                        + " + Object.keys(localStorage).length;");
        assertThat(((Number) drafts).intValue()).isZero();
    }
}
