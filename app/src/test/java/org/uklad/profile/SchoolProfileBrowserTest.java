package org.uklad.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.Browser;
import org.uklad.support.BrowserTest;

/**
 * In real headless Chromium a director finds their school among the missing profiles, fills the
 * profile in (a mistake first, mended), and the coordinator then sees it on the year's list, with
 * the school still missing one.
 */
@MicronautTest(transactional = false)
class SchoolProfileBrowserTest extends BrowserTest {

    @Inject Accounts accounts;
    @Inject SchoolProfiles profiles;

    void type(String id, String value) {
        var field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    @Test
    void aDirectorFillsTheProfileAndTheCoordinatorSeesItOnTheList() {
        long own = fixture.school("SHNRO");
        long missing = fixture.school("SHRSSU");
        int year = profiles.currentYear();
        String director = StaffAgent.account(accounts, Role.DIRECTOR, List.of(own));
        browser = Browser.desktop();
        // while a page is replaced Chromium may answer "node does not belong to the document": retried
        WebDriverWait wait = (WebDriverWait) new WebDriverWait(browser, Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.WebDriverException.class);
        Browser.signIn(browser, server.getURL(), director, StaffAgent.PASSWORD);
        browser.get(server.getURL() + "/staff");
        browser.findElement(By.id("nav-profiles")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("missing-" + own)));
        assertThat(browser.findElements(By.id("missing-" + missing))).as("another school is not the director's").isEmpty();
        browser.findElement(By.cssSelector("#missing-" + own + " a")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("profile-form")));
        Map<String, String> values = Map.ofEntries(Map.entry("students", "412"), Map.entry("senStudents", "500"),
                Map.entry("otherLanguageStudents", "30"), Map.entry("teachers", "28"), Map.entry("teacherVacancies", "4"),
                Map.entry("psychologists", "1"), Map.entry("speechTherapists", "0"), Map.entry("specialNeedsTeachers", "0"),
                Map.entry("socialPedagogues", "1"), Map.entry("tutors", "0"), Map.entry("staffTrained", "7"));
        values.forEach(this::type);
        browser.findElement(By.id("equipment-LIBRARY")).click();
        browser.findElement(By.id("equipment-BROADBAND")).click();
        var save = browser.findElement(By.id("save-profile"));
        save.click();
        wait.until(ExpectedConditions.stalenessOf(save));
        // more students with special needs than students: refused at the field, the rest kept
        assertThat(browser.findElement(By.id("error-senStudents")).getText()).contains("412");
        assertThat(browser.findElement(By.id("students")).getDomProperty("value")).isEqualTo("412");
        assertThat(browser.findElement(By.id("equipment-LIBRARY")).isSelected()).isTrue();
        type("senStudents", "21");
        save = browser.findElement(By.id("save-profile"));
        save.click();
        wait.until(ExpectedConditions.stalenessOf(save));
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("Сохранено.");
        assertThat(browser.findElement(By.id("senStudents")).getDomProperty("value")).isEqualTo("21");
        assertThat(db.count("SELECT students FROM school_profile WHERE school_id = ? AND school_year = ?", own, year))
                .isEqualTo(412);

        browser.quit();
        browser = Browser.desktop();
        String coordinator = StaffAgent.account(accounts, Role.ADMIN, List.of());
        Browser.signIn(browser, server.getURL(), coordinator, StaffAgent.PASSWORD);
        browser.get(server.getURL() + "/staff/profiles?year=" + year + "&municipality="
                + StaffAgent.enc("Тестовый район"));
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        var row = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("profile-" + own)));
        // 21 of 412 with special needs: 5 %; 4 vacancies of 32 posts: 13 %; 3 of 5 posts without staff; 2 of 7 items
        assertThat(row.getText()).contains("412", "5 %", "13 %", "2 / 7");
        assertThat(browser.findElements(By.id("missing-" + missing))).hasSize(1);
        assertThat(browser.findElements(By.id("missing-" + own))).isEmpty();
    }
}
