package org.uklad.home;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * The staff home by role: a director's own school in the current wave (dashboard and PDF one click
 * away, earlier waves below, no wave management offered), a psychologist's schools with their
 * response rates, the coordinator's way to the current wave's overview.
 */
@MicronautTest(transactional = false)
class StaffHomeTest extends AppTest {

    @Inject Accounts accounts;

    /** An earlier wave and the current one (opened a minute ago, so it is the latest open wave). */
    long[] twoWaves() {
        Instant now = Instant.now();
        long earlier = fixture.wave(now.minus(Duration.ofDays(60)), now.plus(Duration.ofDays(1)), "example");
        long current = fixture.wave(now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(14)), "example");
        return new long[] {earlier, current};
    }

    @Test
    void aDirectorFindsTheOwnSchoolsDashboardAndPdfOfTheCurrentWaveAndTheEarlierOnes() {
        long own = fixture.school("SHNRO");
        long partner = fixture.school("SHNRO");
        long[] waves = twoWaves();
        fixture.codes(waves[0], own, "example", "7А", 1, 30);
        fixture.exampleAnswers(waves[1], own, new Integer[][] {{1, 2, 3, 4}, {2, 2, 3, 3}, {4, 4, 4, 4}, {3, 2, 1, 2}, {2, 3, 2, 3}});
        fixture.codes(waves[1], partner, "example", "7А", 1, 30);
        StaffAgent dir = StaffAgent.signedIn(http, accounts, Role.DIRECTOR, List.of(own));

        String home = dir.get("/staff").body();
        String dashboard = "/staff/waves/" + waves[1] + "/schools/" + own + "/dashboard";
        assertThat(home).contains("id=\"home-dashboard-" + own + "\" href=\"" + dashboard + "\"",
                "id=\"home-pdf-" + own + "\" href=\"/staff/waves/" + waves[1] + "/schools/" + own + "/summary.pdf\"",
                "id=\"home-dashboard-" + waves[0] + "-" + own + "\"");
        // five answers against 25 expected: 20 %, under half, said plainly
        assertThat(home).containsPattern("(?s)id=\"home-school-" + own + "\".*?20 %.*?меньше 50 %");
        // the partner is for comparing on the dashboard, not the director's home; waves are not theirs to run
        assertThat(home).doesNotContain("home-school-" + partner, "id=\"waves-link\"", "id=\"nav-waves\"",
                "Волны и коды доступа", "id=\"home-monitoring\"");
        assertThat(dir.get(dashboard).status()).isEqualTo(200);
        assertThat(dir.get("/staff?lang=en").body()).contains("Dashboard", "PDF summary", "Earlier waves");
    }

    @Test
    void aPsychologistSeesEachAssignedSchoolWithItsRateAndStatus() {
        long first = fixture.school("SHNRO");
        long second = fixture.school("SHNRO");
        long elsewhere = fixture.school("SHNRO");
        long wave = twoWaves()[1];
        fixture.exampleAnswers(wave, first, new Integer[][] {{1, 2, 3, 4}, {2, 2, 3, 3}});
        StaffAgent psy = StaffAgent.signedIn(http, accounts, Role.PSYCHOLOGIST, List.of(first, second));
        fixture.codes(wave, elsewhere, "example", "7А", 1, 30);

        String home = psy.get("/staff").body();
        assertThat(home).containsPattern("(?s)id=\"home-school-" + first + "\" data-status=\"low\".*?>2<.*?>25<.*?8 %")
                .contains("id=\"home-school-" + second + "\" data-status=\"none\"", "нет кодов доступа в этой волне",
                        "id=\"home-dashboard-" + second + "\"", "id=\"home-pdf-" + first + "\"",
                        "id=\"nav-waves\"", "id=\"waves-link\"", "href=\"/staff/waves/" + wave + "/monitoring\"")
                .doesNotContain("home-school-" + elsewhere, "id=\"home-overview\"");
    }

    @Test
    void theCoordinatorIsOneClickFromTheCurrentWavesOverview() {
        long school = fixture.school("SHNRO");
        long wave = twoWaves()[1];
        fixture.codes(wave, school, "example", "7А", 1, 30);
        StaffAgent admin = StaffAgent.signedIn(http, accounts, Role.ADMIN, List.of());
        Http.Response home = admin.get("/staff");
        assertThat(home.body()).contains("id=\"home-overview\" class=\"button-link\" href=\"/staff/waves/" + wave + "/overview\"",
                "id=\"home-school-" + school + "\"", "id=\"home-registry\"", "id=\"nav-waves\"");
        assertThat(admin.get("/staff/waves/" + wave + "/overview").status()).isEqualTo(200);
    }

    @Test
    void theCoordinatorsHomeLeadsThroughTheProgrammesCycleInItsOrderAndEveryStepOpens() {
        long school = fixture.school("SHNRO");
        long wave = twoWaves()[1];
        fixture.codes(wave, school, "example", "7А", 1, 30);
        StaffAgent admin = StaffAgent.signedIn(http, accounts, Role.ADMIN, List.of());
        String body = admin.get("/staff?lang=en").body();
        String[] steps = {"identify", "diagnose", "plan", "monitor", "measure", "pass-on"};
        int last = -1;
        for (String step : steps) {
            int at = body.indexOf("id=\"cycle-step-" + step + "\"");
            assertThat(at).as(step).isGreaterThan(last);
            last = at;
        }
        java.util.regex.Matcher links = java.util.regex.Pattern
                .compile("id=\"cycle-[a-z-]+\" href=\"([^\"]+)\"").matcher(body);
        int count = 0;
        while (links.find()) {
            count++;
            assertThat(admin.get(links.group(1)).status()).as(links.group(1)).isEqualTo(200);
        }
        assertThat(count).isGreaterThanOrEqualTo(9);
        assertThat(body).contains("href=\"/staff/waves/" + wave + "/risks\"", "What worked", "Plan and fact");

        StaffAgent director = StaffAgent.signedIn(http, accounts, Role.DIRECTOR, List.of(school));
        assertThat(director.get("/staff").body()).doesNotContain("id=\"cycle\"");
    }

    @Test
    void theFirstAdministratorsNameIsShownInThePagesLanguage() {
        String login = "first-admin-" + System.nanoTime() % 1_000_000;
        accounts.create(login, "Administrator", Role.ADMIN, List.of(), StaffAgent.PASSWORD, false);
        StaffAgent admin = new StaffAgent(http).signedIn(login, StaffAgent.PASSWORD);
        // the name in the header, leading to one's account
        assertThat(admin.get("/staff").body()).containsPattern("<a class=\"who\" href=\"/staff/account\"[^>]*>Администратор</a>");
        assertThat(admin.get("/staff?lang=en").body()).containsPattern("<a class=\"who\" href=\"/staff/account\"[^>]*>Administrator</a>");
        assertThat(admin.get("/staff/accounts?lang=ru").body()).contains("Администратор").doesNotContain(">Administrator<");
    }
}
