package org.uklad.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.questionnaires.RiskLevel;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.support.AppTest;
import org.uklad.support.Browser;
import org.uklad.support.Http;
import org.uklad.support.Pdfs;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * Risk profiles on the demo (two waves, eight schools): every school has a filled profile of several
 * levels; the API gives each caller their readable schools only; the coordinator's matrix page
 * filters and links each cell to the school's section; the school PDF carries the section.
 */
@MicronautTest(transactional = false)
@Property(name = "uklad.demo.enabled", value = "true")
class RiskProfilesTest extends AppTest {

    @Inject RiskProfiles profiles;
    @Inject org.uklad.profile.SchoolProfiles schoolProfiles;
    @Inject Waves waves;
    @Inject Schools schools;
    @Inject Accounts accounts;

    private long interim() {
        return waves.all().getFirst().id();
    }

    private School school(String name) {
        return schools.all().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyDemoSchoolHasAFilledProfileAndEachWaveShowsEveryLevel() {
        boolean profiled = false;
        for (Wave wave : waves.all()) {
            List<RiskProfile> all = profiles.ofWave(wave.id(), schools.all().stream().map(School::id).toList());
            assertThat(all).hasSize(8);
            Set<RiskLevel> seen = EnumSet.noneOf(RiskLevel.class);
            for (RiskProfile p : all) {
                Set<RiskLevel> levels = EnumSet.noneOf(RiskLevel.class);
                for (RiskProfile.Factor f : p.factors()) {
                    if (f.measured()) {
                        levels.add(f.level());
                    }
                }
                seen.addAll(levels);
                // every factor the survey can speak to has a level: nothing is suppressed in the demo
                for (String id : List.of("low_learning_motivation", "low_school_wellbeing", "low_parental_involvement",
                        "low_classroom_discipline", "poor_staff_climate", "students_at_risk_of_failure",
                        "difficult_social_context")) {
                    assertThat(p.factor(id).orElseThrow().level()).as(p.schoolName() + " " + id)
                            .isNotEqualTo(RiskLevel.NOT_ENOUGH_DATA);
                }
                // a factor on school facts has a level exactly when the school has a profile that year
                boolean hasProfile = !schoolProfiles.facts(p.schoolId(), profiles.schoolYear(wave)).isEmpty();
                assertThat(p.factor("poor_equipment").orElseThrow().level() != RiskLevel.NOT_ENOUGH_DATA)
                        .as(p.schoolName() + " poor_equipment").isEqualTo(hasProfile);
                profiled |= hasProfile;
            }
            assertThat(seen).as(wave.name()).contains(RiskLevel.HIGH, RiskLevel.MEDIUM, RiskLevel.LOW);
        }
        assertThat(profiled).as("the demo's profiles reach the risk profile").isTrue();
    }

    @Test
    void theApiGivesEachCallerTheirReadableSchoolsOnly() {
        long wave = interim();
        School supported = school("Школа № 1 (демо)");
        School mentor = school("Школа № 2 (демо)");
        School other = school("Школа № 3 (демо)");
        StaffAgent director = new StaffAgent(http).signedIn("director", "demo-director");
        String base = "/api/v1/staff/waves/" + wave;
        assertThat(ids(director.getJson(base + "/risk-profiles"))).containsExactlyInAnyOrder(supported.id(), mentor.id());
        assertThat(director.getJson(base + "/schools/" + other.id() + "/risk-profile").status()).isEqualTo(403);
        Http.Response own = director.getJson(base + "/schools/" + supported.id() + "/risk-profile");
        assertThat(own.status()).isEqualTo(200);
        JsonNode profile = http.json(own);
        assertThat(profile.get("schoolId").getLongValue()).isEqualTo(supported.id());
        JsonNode first = profile.get("factors").get(0);
        assertThat(first.get("id").getStringValue()).isEqualTo("low_learning_motivation");
        JsonNode evidence = first.get("evidence").get(0);
        assertThat(evidence.get("value").getDoubleValue()).isBetween(0.0, 100.0);
        assertThat(evidence.get("n").getLongValue()).isGreaterThanOrEqualTo(5);
        assertThat(evidence.get("lower").getDoubleValue()).isLessThan(evidence.get("upper").getDoubleValue());
        assertThat(evidence.get("rule").get("ru").getStringValue()).contains("ниже 50 %");
        StaffAgent psychologist = new StaffAgent(http).signedIn("psychologist", "demo-psychologist");
        assertThat(ids(psychologist.getJson(base + "/risk-profiles"))).containsExactlyInAnyOrder(supported.id(), other.id());
        String coordinator = StaffAgent.account(accounts, Role.ADMIN, List.of());
        StaffAgent admin = new StaffAgent(http).signedIn(coordinator, StaffAgent.PASSWORD);
        assertThat(ids(admin.getJson(base + "/risk-profiles"))).hasSize(8);
        assertThat(admin.getJson("/api/v1/staff/waves/999999/risk-profiles").status()).isEqualTo(404);
        // documented in the OpenAPI description like the other staff APIs
        assertThat(http.get("/openapi/uklad-0.1.yml").body()).contains(
                "/api/v1/staff/waves/{waveId}/schools/{schoolId}/risk-profile:", "/api/v1/staff/waves/{waveId}/risk-profiles:");
    }

    private Set<Long> ids(Http.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Set<Long> out = new TreeSet<>();
        JsonNode list = http.json(r);
        for (int i = 0; i < list.size(); i++) {
            out.add(list.get(i).get("schoolId").getLongValue());
        }
        return out;
    }

    @Test
    void theDashboardShowsTheSectionAndOnlyACoordinatorTheProgrammeLink() {
        long wave = interim();
        School supported = school("Школа № 1 (демо)");
        String page = "/staff/waves/" + wave + "/schools/" + supported.id() + "/dashboard";
        String asDirector = new StaffAgent(http).signedIn("director", "demo-director").get(page).body();
        assertThat(asDirector).contains("id=\"risk-profile\"", "Профиль рисков", "id=\"risk-low_learning_motivation\"",
                "Что инструменты Уклада измерить не могут").doesNotContain("/staff/programmes/new");
        String coordinator = StaffAgent.account(accounts, Role.ADMIN, List.of());
        String asAdmin = new StaffAgent(http).signedIn(coordinator, StaffAgent.PASSWORD).get(page).body();
        assertThat(asAdmin).contains("/staff/programmes/new?school=" + supported.id() + "&amp;risk=low_learning_motivation");
    }

    @Test
    void theSchoolPdfCarriesTheSection() throws Exception {
        long wave = interim();
        School supported = school("Школа № 1 (демо)");
        RiskProfile p = profiles.of(wave, supported.id());
        for (String lang : List.of("ru", "en")) {
            Http.Download d = http.download("/api/v1/admin/waves/" + wave + "/schools/" + supported.id() + "/summary.pdf?lang="
                    + lang, "Authorization", "Bearer " + Http.ADMIN_TOKEN);
            assertThat(d.status()).isEqualTo(200);
            String text = Pdfs.text(d.body()).replaceAll("\\s+", " ");
            boolean ru = lang.equals("ru");
            RiskProfile.Factor f = p.factor("low_school_wellbeing").orElseThrow();
            assertThat(text).contains(ru ? "Профиль рисков" : "Risk profile")
                    .contains(ru ? f.name().ru() : f.name().en())
                    .contains(ru ? "Что инструменты Уклада измерить не могут" : "What Uklad’s instruments cannot measure");
            String word = switch (f.level()) {
                case HIGH -> ru ? "высокий риск" : "high risk";
                case MEDIUM -> ru ? "средний риск" : "medium risk";
                case LOW -> ru ? "низкий риск" : "low risk";
                case NOT_ENOUGH_DATA -> ru ? "недостаточно данных" : "not enough data";
            };
            assertThat(text).contains((ru ? f.name().ru() : f.name().en()) + ": " + word);
            // every rule's thresholds filled in (an apostrophe in a message would swallow them)
            assertThat(text).doesNotContain("{0}", "{1}", "{2}").contains(ru ? "медианной школы волны" : "wave’s median school");
        }
    }

    @Test
    void theCoordinatorFiltersTheMatrixAndACellLeadsToTheSchoolsSection() {
        long wave = interim();
        String coordinator = StaffAgent.account(accounts, Role.ADMIN, List.of());
        WebDriver browser = Browser.desktop();
        try {
            Browser.signIn(browser, server.getURL(), coordinator, StaffAgent.PASSWORD);
            browser.get(server.getURL() + "/staff/waves/" + wave + "/overview");
            browser.findElement(By.cssSelector("#risk-matrix-link a")).click();
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().endsWith("/risks"));
            assertThat(browser.findElements(By.cssSelector("#risk-table tbody tr"))).hasSize(8);
            // symbols and words, never colour alone
            List<String> cells = new ArrayList<>();
            for (WebElement td : browser.findElements(By.cssSelector("#risk-table tbody td a"))) {
                cells.add(td.getText());
            }
            assertThat(cells).allMatch(t -> t.matches("[‼!○…] (высокий риск|средний риск|низкий риск|недостаточно данных)"));
            new Select(browser.findElement(By.id("category"))).selectByValue("SHNRO");
            browser.findElement(By.cssSelector("#risk-filter button")).click();
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().contains("category=SHNRO"));
            List<WebElement> rows = browser.findElements(By.cssSelector("#risk-table tbody tr"));
            long shnro = schools.all().stream().filter(s -> s.category().name().equals("SHNRO")).count();
            assertThat(rows).hasSize((int) shnro);
            WebElement cell = rows.getFirst().findElements(By.cssSelector("td a")).getFirst();
            String school = rows.getFirst().findElement(By.cssSelector("th")).getText();
            cell.click();
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().contains("/dashboard#risk-"));
            assertThat(browser.getCurrentUrl()).endsWith("#risk-low_learning_motivation");
            assertThat(browser.findElement(By.tagName("h1")).getText()).contains(school);
            assertThat(browser.findElement(By.id("risk-low_learning_motivation")).isDisplayed()).isTrue();
        } finally {
            browser.quit();
        }
    }
}
