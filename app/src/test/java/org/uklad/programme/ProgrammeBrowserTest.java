package org.uklad.programme;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.support.Browser;
import org.uklad.support.BrowserTest;

/**
 * In headless Chromium: the coordinator creates a programme for a pair from the risk page's link, the
 * psychologist adds a measure on a construct (its baseline is the school's published score) and a
 * progress note, and the director adds a note to the measure his school carries out and is offered
 * nothing to change.
 */
@MicronautTest(transactional = false)
class ProgrammeBrowserTest extends BrowserTest {

    static final String PASSWORD = "programme browser pass";

    @Inject Accounts accounts;

    @BeforeEach
    void setUp() {
        browser = Browser.desktop();
    }

    void signInAs(String login) {
        browser.manage().deleteAllCookies();
        Browser.signIn(browser, server.getURL(), login, PASSWORD);
    }

    @Test
    void coordinatorPsychologistAndDirectorWorkOnOneProgramme() {
        long supported = fixture.school("SHNRO");
        long mentor = fixture.school("SHUVRO");
        assertThat(http.admin("POST", "/api/v1/admin/partnerships", http.toJson(Map.of(
                "mentorSchoolId", mentor, "supportedSchoolId", supported))).status()).isEqualTo(201);
        long wave = fixture.openWave("example");
        fixture.exampleAnswers(wave, supported, new Integer[][] {{4, 1, 4, 4}, {3, 2, 1, 2}, {4, 1, 3, 3}, {2, 3, 2, 2}, {3, 1, 4, 3}});
        accounts.create("coord.programme", "Координатор", Role.ADMIN, List.of(), PASSWORD, false);
        accounts.create("psy.programme", "Психолог", Role.PSYCHOLOGIST, List.of(mentor), PASSWORD, false);
        accounts.create("dir.programme", "Директор", Role.DIRECTOR, List.of(supported), PASSWORD, false);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));

        // the coordinator, from the risk page's link
        signInAs("coord.programme");
        browser.get(server.getURL() + "/staff/programmes/new?school=" + supported + "&risk=low_learning_motivation");
        assertThat(new Select(browser.findElement(By.id("pair"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo(supported + ":" + mentor);
        // the risk from the profile's link comes ticked among the catalogue's factors
        assertThat(browser.findElement(By.id("risk-low_learning_motivation")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("risk-low_school_wellbeing")).isSelected()).isFalse();
        browser.findElement(By.id("title")).sendKeys("Программа поддержки пары");
        browser.findElement(By.id("goals")).sendKeys("Ясные требования");
        new Select(browser.findElement(By.id("baselineWave"))).selectByValue(String.valueOf(wave));
        browser.findElement(By.id("create-programme")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("programme-title")));
        String programmeUrl = browser.getCurrentUrl().replaceAll("[?#].*", "");
        assertThat(browser.findElement(By.id("programme-title")).getText()).isEqualTo("Программа поддержки пары");
        // shown by its name in the risk catalogue, not its id
        assertThat(browser.findElement(By.id("risks")).getText()).isEqualTo("Низкая учебная мотивация обучающихся");

        // the psychologist of the mentor school adds a measure and a note
        signInAs("psy.programme");
        browser.get(programmeUrl);
        browser.findElement(By.id("new-title")).sendKeys("Единые критерии оценивания");
        new Select(browser.findElement(By.id("new-owner"))).selectByValue("SUPPORTED_SCHOOL");
        new Select(browser.findElement(By.id("new-indicator"))).selectByValue("example/comfort");
        browser.findElement(By.id("new-targetValue")).sendKeys("70");
        browser.findElement(By.id("add-measure")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.measure")));
        String measureId = browser.findElement(By.cssSelector("section.measure")).getAttribute("id").substring("measure-".length());
        // comfort = mean of com1, com2 on 1..4 as 0..100: (100 + 16.7 + 66.7 + 33.3 + 83.3) / 5 = 60
        assertThat(browser.findElement(By.id("baseline-" + measureId)).getText()).startsWith("60");
        assertThat(browser.findElement(By.id("indicator-" + measureId)).getText()).contains("Комфортность условий");
        browser.findElement(By.id("body-" + measureId)).sendKeys("Критерии обсуждены на педсовете");
        browser.findElement(By.id("add-note-" + measureId)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notes-" + measureId)));
        assertThat(browser.findElement(By.id("notes-" + measureId)).getText())
                .contains("Критерии обсуждены на педсовете", "педагог-психолог");

        // the director of the supported school: a note on his school's measure, nothing to change
        signInAs("dir.programme");
        browser.get(programmeUrl);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("note-form-" + measureId)));
        assertThat(browser.findElements(By.id("measure-form"))).isEmpty();
        assertThat(browser.findElements(By.id("status-form-" + measureId))).isEmpty();
        assertThat(browser.findElements(By.id("edit-form-" + measureId))).isEmpty();
        assertThat(browser.findElements(By.id("programme-form"))).isEmpty();
        browser.findElement(By.id("body-" + measureId)).sendKeys("Родители ознакомлены");
        browser.findElement(By.id("add-note-" + measureId)).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notes-" + measureId), "Родители ознакомлены"));
        assertThat(browser.findElement(By.id("notes-" + measureId)).getText()).contains("директор");

        // the next wave's answers arrive, for the school and for two schools of its category in both waves
        Instant now = Instant.now();
        long next = fixture.wave(now.minus(Duration.ofMinutes(30)), now.plus(Duration.ofDays(30)), "example");
        fixture.exampleAnswers(next, supported, new Integer[][] {{4, 1, 4, 4}, {3, 2, 4, 3}, {4, 1, 4, 4}, {2, 3, 3, 4}, {3, 1, 4, 4}});
        for (int i = 0; i < 2; i++) {
            long same = fixture.school("SHNRO");
            Integer[][] steady = {{2, 2, 2, 3}, {2, 2, 3, 2}, {2, 2, 2, 2}, {2, 2, 3, 3}, {2, 2, 2, 3}};
            fixture.exampleAnswers(wave, same, steady);
            fixture.exampleAnswers(next, same, steady);
        }
        browser.navigate().refresh();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("measure-effect-" + measureId)));
        String effect = browser.findElement(By.id("measure-effect-" + measureId)).getText();
        // in words first, against the schools of the same category; the figures folded beneath
        // (whether +33 points over five answers is clear is MeasuredEffectTest's; here: it is shown, in words)
        assertThat(effect).containsAnyOf("явное улучшение", "нет явного изменения", "явное ухудшение")
                .contains(db.string("SELECT name FROM wave WHERE id = ?", next)).doesNotContain("слишком мало ответов");
        assertThat(browser.findElements(By.cssSelector("#measure-effect-" + measureId + " details.effect-figures"))).hasSize(1);
    }
}
