package org.uklad.indices;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.report.SchoolSummaryService;
import org.uklad.support.AppTest;
import org.uklad.support.Http;
import org.uklad.support.Pdfs;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * One snapshot per page (issue #21): the school PDF, the dashboard and its API ask
 * {@link IndicesService#snapshot} once for each wave they show (the current one and the earlier one
 * they compare with), however many parts read it; and a PDF rendered from a snapshot taken before
 * a block of answers was published shows the old state everywhere the indices appear, never half
 * of each.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OneSnapshotPerPageTest extends AppTest {

    static final String PASSWORD = "correct horse battery";
    /** dem1, dem2 (reverse), com1, com2 */
    static final Integer[][] SEVEN = {
            {4, 1, 4, 4}, {4, 1, 3, 4}, {3, 2, 4, 3}, {4, 1, 4, 4}, {3, 1, 3, 4}, {4, 2, 4, 4}, {4, 1, 3, 3}};
    static final Integer[][] LOW = {
            {1, 4, 1, 2}, {2, 3, 1, 1}, {1, 4, 2, 1}, {2, 4, 1, 2}, {1, 3, 2, 2}, {2, 4, 1, 1}};

    @Inject IndicesService indices;
    @Inject SchoolSummaryService summaries;
    @Inject Waves waves;
    @Inject Accounts accounts;

    long earlier;
    long wave;
    long school;
    long partner;
    long third;
    String director;

    @BeforeAll
    void answer() {
        school = fixture.school("SHNRO");
        partner = fixture.school("OTHER");
        third = fixture.school("SHUVRO");
        Http.Response p = http.admin("POST", "/api/v1/admin/partnerships", http.toJson(Map.of(
                "mentorSchoolId", partner, "supportedSchoolId", school)));
        assertThat(p.status()).as(p.body()).isEqualTo(201);
        Instant now = Instant.now();
        earlier = fixture.wave(now.minus(Duration.ofDays(60)), now.plus(Duration.ofDays(30)), "example");
        wave = fixture.wave(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)), "example");
        fixture.exampleAnswers(earlier, school, LOW);
        fixture.exampleAnswers(wave, school, SEVEN);
        fixture.exampleAnswers(wave, partner, LOW);
        fixture.exampleAnswers(wave, third, SEVEN);
        director = "snap" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(director, "Анна Петрова", Role.DIRECTOR, List.of(school), PASSWORD, false);
    }

    /** How often each wave's snapshot was asked for while {@code page} ran. */
    Map<Long, Long> asked(Runnable page) {
        Map<Long, Long> before = counts();
        page.run();
        Map<Long, Long> out = new HashMap<>();
        counts().forEach((w, n) -> {
            long d = n - before.getOrDefault(w, 0L);
            if (d > 0 && (w == wave || w == earlier)) {
                out.put(w, d);
            }
        });
        return out;
    }

    Map<Long, Long> counts() {
        Map<Long, Long> out = new HashMap<>();
        indices.snapshotsAsked.forEach((w, n) -> out.put(w, n.get()));
        return out;
    }

    @Test
    void theSchoolPdfAndTheDashboardTakeOneSnapshotOfEachWave() {
        Locale ru = Locale.forLanguageTag("ru");
        Map<Long, Long> once = Map.of(wave, 1L, earlier, 1L);
        assertThat(asked(() -> summaries.render(wave, school, ru))).as("school PDF with its partner").isEqualTo(once);
        assertThat(asked(() -> summaries.render(wave, third, ru))).as("school PDF against the rest of the wave")
                .isEqualTo(Map.of(wave, 1L));
        StaffAgent agent = new StaffAgent(http).signedIn(director, PASSWORD);
        assertThat(asked(() -> {
            Http.Response r = agent.get("/staff/waves/" + wave + "/schools/" + school + "/dashboard");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        })).as("dashboard").isEqualTo(once);
        assertThat(asked(() -> {
            Http.Response r = agent.getJson("/api/v1/staff/waves/" + wave + "/schools/" + school + "/comparisons");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        })).as("dashboard API: comparisons").isEqualTo(once);
        assertThat(asked(() -> {
            Http.Response r = pdf(agent, "/staff/waves/" + wave + "/schools/" + school + "/summary.pdf");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
        })).as("school PDF as staff download it").isEqualTo(once);
    }

    /**
     * The PDF's text without what is not read from the indices: the time it was made, and the
     * response counts by group, which come from the stored responses at the moment of printing
     * ({@code report/ResponseCountStore}), not from the snapshot.
     */
    static String fixed(String pdfText) {
        return pdfText.lines().filter(l -> !l.contains("ормировано") && !l.startsWith("Учащиеся Пример анкеты"))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    @Test
    void theCoordinatorsPagesAndTheProgrammeTakeOneSnapshotOfEachWave() {
        StaffAgent admin = StaffAgent.signedIn(http, accounts, Role.ADMIN, List.of());
        Map<Long, Long> current = Map.of(wave, 1L);
        for (String path : List.of("/staff/waves/" + wave + "/overview", "/staff/waves/" + wave + "/risks")) {
            assertThat(asked(() -> assertThat(admin.get(path).status()).isEqualTo(200))).as(path).isEqualTo(current);
        }
        for (String path : List.of("/api/v1/staff/waves/" + wave + "/overview",
                "/api/v1/staff/waves/" + wave + "/risk-profiles")) {
            assertThat(asked(() -> assertThat(admin.getJson(path).status()).isEqualTo(200))).as(path).isEqualTo(current);
        }
        assertThat(asked(() -> assertThat(pdf(admin, "/staff/waves/" + wave + "/overview.pdf").status()).isEqualTo(200)))
                .as("municipal PDF").isEqualTo(current);

        long programme = db.count("""
                INSERT INTO programme (supported_school_id, mentor_school_id, title, goals, risks, baseline_wave_id)
                VALUES (?, ?, 'Программа', 'Повысить доверие', '{low_school_wellbeing}', ?) RETURNING id""", school, partner,
                earlier);
        for (String construct : List.of("comfort", "teacher_demandingness")) {
            db.count("""
                    INSERT INTO programme_measure (programme_id, title, owner, risk_factor, indicator_kind, questionnaire_key,
                        construct_id, target_value, starts_on, due_on, status)
                    VALUES (?, ?, 'MENTOR_SCHOOL', 'low_school_wellbeing', 'CONSTRUCT', 'example', ?, 70, ?, ?, 'IN_PROGRESS')
                    RETURNING id""", programme, "Мера " + construct, construct, LocalDate.now().minusDays(1),
                    LocalDate.now().plusDays(90));
        }
        Map<Long, Long> both = Map.of(wave, 1L, earlier, 1L);
        assertThat(asked(() -> assertThat(admin.get("/staff/programmes/" + programme).status()).isEqualTo(200)))
                .as("programme page, two measures").isEqualTo(both);
        assertThat(asked(() -> assertThat(admin.getJson("/api/v1/staff/programmes/" + programme + "/effects").status())
                .isEqualTo(200))).as("programme effects API").isEqualTo(both);
        assertThat(asked(() -> assertThat(pdf(admin, "/staff/programmes/" + programme + ".pdf").status()).isEqualTo(200)))
                .as("programme PDF").isEqualTo(both);
    }

    static Http.Response pdf(StaffAgent agent, String path) {
        return agent.send("GET", path, null, null, "Accept", "application/pdf");
    }

    @Test
    void aPdfRenderedFromASnapshotShowsThatStateEvenWhenAnswersArePublishedMeanwhile() throws Exception {
        Locale ru = Locale.forLanguageTag("ru");
        Wave w = waves.find(wave).orElseThrow();
        WaveSnapshots taken = new WaveSnapshots(indices);
        WaveSnapshot old = taken.of(wave);
        String before = Pdfs.text(summaries.render(new WaveSnapshots(indices), w, school, ru, true));
        fixture.exampleAnswers(wave, school, LOW);      // a block of k published meanwhile: the school's figures move
        fixture.exampleAnswers(wave, school, LOW);
        WaveSnapshot fresh = indices.snapshot(wave);
        assertThat(fresh.revision()).isNotEqualTo(old.revision());
        String fromOld = Pdfs.text(summaries.render(taken, w, school, ru, true));
        String now = Pdfs.text(summaries.render(new WaveSnapshots(indices), w, school, ru, true));
        assertThat(fixed(fromOld)).isEqualTo(fixed(before));
        assertThat(fixed(now)).isNotEqualTo(fixed(before)); // the new state shows in a PDF made from a new snapshot
    }
}
