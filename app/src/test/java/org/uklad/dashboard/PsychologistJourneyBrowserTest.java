package org.uklad.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.AppTest;
import org.uklad.support.Browser;
import org.uklad.support.Fixture;
import org.uklad.support.Http;

/**
 * The whole journey of issue 5 in real headless Chromium: a psychologist signs in, finds the
 * assigned school, creates a wave and generates a code for a class; a student answers through the
 * code on a phone; the psychologist's monitoring counts the response at once, while the school's
 * dashboard and free-text page show nothing of it: a group's responses are held until it has k (5)
 * of them and then published together (response/ResponseRelease). When four classmates have
 * answered, the dashboard shows the class's figures, the student's among them, and the free-text
 * page the student's text.
 */
@MicronautTest(transactional = false)
class PsychologistJourneyBrowserTest extends AppTest {

    @Inject Accounts accounts;

    WebDriver psychologist;
    WebDriver student;

    @AfterEach
    void tearDown() {
        if (psychologist != null) {
            psychologist.quit();
        }
        if (student != null) {
            student.quit();
        }
    }

    private static void tap(WebDriver browser, String inputId) {
        WebElement label = browser.findElement(By.cssSelector("label:has(> input[id='" + inputId + "'])"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", label);
        label.click();
    }

    /** Opens the statistics folded under "details for the psychologist". */
    private static void openDetails(WebDriver browser) {
        WebElement summary = browser.findElement(By.cssSelector("#psychologist-details > summary"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", summary);
        summary.click();
    }

    @Test
    void fromSignInToTheNewResponseOnTheSchoolsPages() {
        long school = fixture.school("SHNRO");
        String schoolName = db.string("SELECT name FROM school WHERE id = ?", school);
        String login = StaffAgent.account(accounts, Role.PSYCHOLOGIST, List.of(school));

        psychologist = Browser.desktop();
        WebDriverWait wait = new WebDriverWait(psychologist, Duration.ofSeconds(15));
        Browser.signIn(psychologist, server.getURL(), login, StaffAgent.PASSWORD);

        // the assigned school, read-only
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nav-schools"))).click();
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("school-" + school)));
        assertThat(row.getText()).contains(schoolName, "ШНРО");
        assertThat(psychologist.findElements(By.id("new-school"))).isEmpty();

        // a wave of the example questionnaire
        psychologist.get(server.getURL() + "/staff");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("waves-link"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-wave")));
        psychologist.findElement(By.id("name")).sendKeys("Входной мониторинг, сквозной тест");
        psychologist.findElement(By.id("kind-ENTRY")).click();
        psychologist.findElement(By.id("q-example")).click();
        psychologist.findElement(By.id("create-wave")).click();

        // a shared code for class 6А
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("codes-form")));
        new Select(psychologist.findElement(By.id("schoolId"))).selectByValue(String.valueOf(school));
        new Select(psychologist.findElement(By.id("questionnaire"))).selectByValue("example");
        psychologist.findElement(By.id("groupLabel")).sendKeys("6А");
        psychologist.findElement(By.id("mode-shared")).click();
        psychologist.findElement(By.id("maxUses")).sendKeys("30");
        psychologist.findElement(By.id("expectedSize")).sendKeys("25");
        psychologist.findElement(By.id("generate")).click();
        String code = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".code-row")))
                .getDomAttribute("data-code");
        long wave = db.count("SELECT wave_id FROM access_code WHERE code = ?", code);

        psychologist.findElement(By.id("monitoring-link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("monitoring-table")));
        assertThat(psychologist.findElement(By.id("total")).getText()).isEqualTo("0");
        String monitoring = psychologist.getCurrentUrl();

        // a student answers through the code on a phone
        student = Browser.phone();
        WebDriverWait studentWait = new WebDriverWait(student, Duration.ofSeconds(15));
        student.get(server.getURL() + "/s/" + code);
        studentWait.until(ExpectedConditions.presenceOfElementLocated(By.name("a.grade"))).sendKeys("6");
        tap(student, "a.dem1.4");
        tap(student, "a.dem2.2");
        tap(student, "a.com1.3");
        tap(student, "a.bullied.never");
        student.findElement(By.name("a.comment")).sendKeys("Побольше кружков по робототехнике");
        student.findElement(By.cssSelector("button.submit")).click();
        studentWait.until(ExpectedConditions.urlContains("/done"));
        assertThat(student.findElement(By.tagName("h1")).getText()).isEqualTo("Спасибо!");
        Object width = ((JavascriptExecutor) student).executeScript("return document.documentElement.clientWidth;");
        assertThat(((Number) width).intValue()).as("a phone-sized screen").isLessThanOrEqualTo(412);

        // the psychologist's monitoring counts it without a reload
        new WebDriverWait(psychologist, Duration.ofSeconds(30)).until(ExpectedConditions.textToBe(By.id("total"), "1"));
        assertThat(psychologist.findElement(By.cssSelector("tr.school-total .responses")).getText()).isEqualTo("1");
        assertThat(psychologist.findElement(By.cssSelector(".group-row .rate")).getText()).isEqualTo("4 %");

        // the school's dashboard: the one response is held, not published, so no figure
        psychologist.findElement(By.cssSelector("a.dashboard-link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dashboard")));
        assertThat(psychologist.findElement(By.tagName("h1")).getText()).contains(schoolName);
        // the director's part first: nothing to compare yet, every card "fewer than 5 answers"
        assertThat(psychologist.findElement(By.id("top-nothing")).getText()).startsWith("Сравнивать пока нечего");
        assertThat(psychologist.findElements(By.cssSelector(".construct-card .suppressed")))
                .isNotEmpty().extracting(WebElement::getText).containsOnly("меньше 5 ответов");
        openDetails(psychologist);
        assertThat(psychologist.findElement(By.cssSelector(".level-row .suppressed")).getText()).isEqualTo("меньше 5 ответов");

        // the free-text page counts only published responses and shows no text
        psychologist.findElement(By.id("free-text-link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("free-text")));
        assertThat(psychologist.findElement(By.cssSelector("#q-example .respondents")).getText()).isEqualTo("Ответов: 0");
        assertThat(psychologist.findElement(By.cssSelector("#q-example .suppressed")).getText())
                .isEqualTo("Меньше 5 ответов: тексты не показываются.");
        assertThat(psychologist.getPageSource()).doesNotContain("робототехнике");
        assertThat(db.held(code)).isEqualTo(1);
        assertThat(db.published(code)).isZero();

        // four classmates answer (demandingness 66.7 each, the student's 83.3): the group reaches k and is published
        for (int i = 0; i < Fixture.K - 1; i++) {
            Http.Response r = http.postJson("/api/v1/surveys/" + code + "/responses",
                    "{\"answers\": {\"grade\": 6, \"dem1\": 3, \"dem2\": 2, \"com1\": 3, \"com2\": 3, \"bullied\": \"never\"}}",
                    "Idempotency-Key", UUID.randomUUID().toString());
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
        assertThat(db.published(code)).isEqualTo(Fixture.K);
        assertThat(db.held(code)).isZero();

        psychologist.get(monitoring);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("monitoring-table")));
        assertThat(psychologist.findElement(By.id("total")).getText()).isEqualTo("5");
        assertThat(psychologist.findElement(By.cssSelector(".group-row .rate")).getText()).isEqualTo("20 %");

        // the dashboard now shows the class's demandingness: (83.3 + 4 × 66.7) / 5
        psychologist.findElement(By.cssSelector("a.dashboard-link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dashboard")));
        // the card: percent favourable of the class, counted by hand: dem1 4 and 4 × 3, dem2 (reverse) 2 → 3: all favourable
        WebElement card = psychologist.findElements(By.cssSelector(".construct-card")).stream()
                .filter(e -> e.getText().contains("Требовательность педагогов к учащимся")).findFirst().orElseThrow();
        assertThat(card.findElement(By.cssSelector(".favourable")).getText()).isEqualTo("100 %");
        assertThat(card.findElement(By.cssSelector(".band")).getText()).isEqualTo("▲ высокий уровень");
        openDetails(psychologist);
        WebElement demandingness = psychologist.findElements(By.cssSelector(".level-row")).stream()
                .filter(e -> e.getText().contains("Требовательность педагогов к учащимся")).findFirst().orElseThrow();
        assertThat(demandingness.findElement(By.cssSelector(".score")).getText()).isEqualTo("70,0");

        // and the free-text page the student's text
        psychologist.findElement(By.id("free-text-link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("free-text")));
        assertThat(psychologist.findElement(By.cssSelector("#q-example .respondents")).getText()).isEqualTo("Ответов: 5");
        assertThat(psychologist.findElements(By.cssSelector("#q-example .suppressed"))).isEmpty();
        assertThat(psychologist.findElements(By.cssSelector("#q-example .free-text-answer")))
                .extracting(WebElement::getText).containsExactly("Побольше кружков по робототехнике");

        assertThat(db.count("SELECT count(*) FROM response WHERE wave_id = ? AND school_id = ?", wave, school)).isEqualTo(5);
        assertThat(db.string("SELECT value_text FROM response_answer a JOIN response r ON r.id = a.response_id "
                + "WHERE r.wave_id = ? AND a.item_id = 'comment'", wave)).isEqualTo("Побольше кружков по робототехнике");
    }
}
