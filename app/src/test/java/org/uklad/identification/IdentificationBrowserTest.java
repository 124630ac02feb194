package org.uklad.identification;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.questionnaire.QuestionnaireRegistry;
import org.uklad.support.Browser;
import org.uklad.support.BrowserTest;

/**
 * A coordinator in real headless Chromium imports three years of results on the results page, reviews the proposals from the registry's link, reads a
 * school's evidence, overrides a proposal (first without a reason: refused with the field's message,
 * then with one), confirms a ШНРО, confirms its nearest mentor, and finds the pair in the registry.
 */
@MicronautTest(transactional = false)
class IdentificationBrowserTest extends BrowserTest {

    @Inject Accounts accounts;
    @Inject QuestionnaireRegistry registry;

    @Test
    void aCoordinatorConfirmsCategoriesAndAMentorPair() {
        String m = "Браузер-район " + System.nanoTime();
        List<Long> ids = IdentificationSetup.create(http, fixture, db, registry.latest("parents").orElseThrow().questionnaire(),
                List.of(m)).getFirst();
        long low = ids.get(0);
        long social = ids.get(1);
        long mentor = ids.get(9);
        String login = StaffAgent.account(accounts, Role.ADMIN, List.of());
        browser = Browser.desktop();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        Browser.signIn(browser, server.getURL(), login, StaffAgent.PASSWORD);

        // the three years of results arrive as the monitoring centre's file, through the results page
        String where = " FROM external_score e JOIN school s ON s.id = e.school_id WHERE s.municipality = ?";
        long rows = db.count("SELECT count(*)" + where, m);
        String csv = "school_id,year,assessment,subject,mean_score,participants,below_pass_share\n" + db.string(
                "SELECT string_agg(concat_ws(',', e.school_id, e.year, e.assessment, e.subject, e.mean_score, e.participants, "
                + "coalesce(e.below_pass_share::text, '')), E'\\n' ORDER BY e.school_id, e.year, e.subject)" + where, m) + "\n";
        db.execute("DELETE FROM external_score e USING school s WHERE s.id = e.school_id AND s.municipality = ?", m);
        assertThat(rows).isGreaterThanOrEqualTo(3 * 10);
        browser.get(server.getURL() + "/staff/results");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-form")));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.getElementById('csv').value = arguments[0]", csv);
        browser.findElement(By.id("import-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "добавлено строк — " + rows));
        assertThat(db.count("SELECT count(*)" + where, m)).isEqualTo(rows);

        browser.get(server.getURL() + "/staff/schools");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("registry-identification"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("identification")));
        assertThat(browser.findElement(By.id("row-" + low)).getText()).contains("ШНРО").contains("решения ещё нет");
        // the evidence is folded: places per subject and year open on a click
        WebElement section = browser.findElement(By.id("school-" + low));
        section.findElement(By.cssSelector("details.evidence summary")).click();
        assertThat(section.findElement(By.cssSelector("details.evidence")).getText()).containsIgnoringCase("ОГЭ · Математика")
                .contains("2023").contains("2025");
        assertThat(browser.findElements(By.cssSelector("#chart svg path")).size()).isGreaterThanOrEqualTo(30);

        // an override needs a reason
        new Select(browser.findElement(By.id("category-" + social))).selectByValue("OTHER");
        browser.findElement(By.id("decide-button-" + social)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#school-" + social + " p.error")));
        WebElement reason = browser.findElement(By.id("reason-" + social));
        reason.sendKeys("Семьи района сменились, данные устарели");
        new Select(browser.findElement(By.id("category-" + social))).selectByValue("OTHER");
        browser.findElement(By.id("decide-button-" + social)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
        assertThat(browser.findElement(By.id("row-" + social)).getText()).contains("отличается");

        // confirm the ШНРО as proposed, then its nearest mentor
        browser.findElement(By.id("decide-button-" + low)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("confirm-mentor-" + low + "-" + mentor)));
        assertThat(browser.findElement(By.id("mentor-" + low + "-" + mentor)).getText()).contains("тот же муниципалитет");
        // the same ids are on the page before and after the post: wait for the old page to go first,
        // or the wait may read an element of the document being unloaded
        WebElement confirm = browser.findElement(By.id("confirm-mentor-" + low + "-" + mentor));
        confirm.click();
        wait.until(ExpectedConditions.stalenessOf(confirm));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("mentor-" + low + "-" + mentor), "уже в паре"));

        // the pair is in the registry
        WebElement partnerships = browser.findElement(By.id("registry-partnerships"));
        partnerships.click();
        wait.until(ExpectedConditions.stalenessOf(partnerships));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
        String mentorName = db.string("SELECT name FROM school WHERE id = ?", mentor);
        assertThat(browser.getPageSource()).contains(mentorName + " (" + m + ")").contains("Школа 1 (" + m + ")");
        assertThat(db.string("SELECT category FROM school WHERE id = ?", low)).isEqualTo("SHNRO");
        assertThat(db.string("SELECT reason FROM identification_decision WHERE school_id = ?", social))
                .isEqualTo("Семьи района сменились, данные устарели");
    }
}
