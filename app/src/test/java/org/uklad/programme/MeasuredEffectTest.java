package org.uklad.programme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.AppTest;
import org.uklad.support.Http;
import org.uklad.support.Pdfs;
import org.uklad.system.ReportFormat;

/**
 * The measured effect end to end on answers in two waves: the difference in differences of the API
 * against an independent computation from the raw answers, the comparison rule, suppression below
 * k, the read rule per role, the programme PDF's figures and the what-worked order.
 */
@MicronautTest(transactional = false)
class MeasuredEffectTest extends AppTest {

    @Inject Accounts accounts;

    long supported;
    long mentor;
    long same1;
    long same2;
    long other;
    long small;
    long before;
    long after;
    long programme;
    long otherProgramme;
    long smallProgramme;

    // comfort items com1, com2 on 1..4; dem1, dem2 kept at 2
    static final int[][] SUPPORTED_BEFORE = {{1, 2}, {2, 2}, {1, 1}, {2, 3}, {1, 2}, {2, 1}, {3, 2}, {1, 1}, {2, 2}, {1, 3}};
    static final int[][] SUPPORTED_AFTER = {{3, 3}, {4, 3}, {3, 2}, {4, 4}, {3, 4}, {2, 3}, {3, 3}, {4, 4}, {3, 2}, {4, 3}};
    static final int[][] SAME1_BEFORE = {{2, 3}, {3, 3}, {2, 2}, {3, 2}, {2, 3}};
    static final int[][] SAME1_AFTER = {{3, 3}, {2, 2}, {3, 2}, {2, 3}, {3, 3}};
    static final int[][] SAME2_BEFORE = {{3, 3}, {3, 4}, {2, 3}, {3, 3}, {4, 3}, {2, 2}, {3, 3}, {3, 2}, {4, 4}, {2, 3}};
    static final int[][] SAME2_AFTER = {{3, 3}, {3, 3}, {2, 3}, {4, 3}, {3, 4}, {2, 2}, {3, 3}, {3, 3}, {4, 3}, {3, 2}};
    static final int[][] OTHER_BEFORE = {{2, 2}, {3, 2}, {2, 3}, {2, 2}, {3, 3}};
    static final int[][] OTHER_AFTER = {{3, 2}, {2, 3}, {3, 3}, {2, 2}, {3, 2}};
    static final int[][] MENTOR = {{4, 4}, {3, 4}, {4, 3}, {4, 4}, {3, 3}};

    @BeforeEach
    void twoWaves() {
        supported = fixture.school("SHNRO");
        mentor = fixture.school("SHUVRO");
        same1 = fixture.school("SHNRO");
        same2 = fixture.school("SHNRO");
        other = fixture.school("OTHER");
        small = fixture.school("SHRSSU");
        Instant now = Instant.now();
        before = fixture.wave(now.minus(Duration.ofHours(3)), now.plus(Duration.ofDays(30)), "example");
        after = fixture.wave(now.minus(Duration.ofHours(2)), now.plus(Duration.ofDays(30)), "example");
        answer(before, supported, SUPPORTED_BEFORE);
        answer(after, supported, SUPPORTED_AFTER);
        answer(before, same1, SAME1_BEFORE);
        answer(after, same1, SAME1_AFTER);
        answer(before, same2, SAME2_BEFORE);
        answer(after, same2, SAME2_AFTER);
        answer(before, other, OTHER_BEFORE);
        answer(after, other, OTHER_AFTER);
        answer(before, mentor, MENTOR);
        answer(after, mentor, MENTOR);
        answer(before, small, SAME1_BEFORE);
        // three answers: held until the group reaches k, so never published
        answer(after, small, Arrays.copyOf(SAME1_AFTER, 3));
        programme = programme(supported, mentor, "Программа Школы А");
        measure(programme, "Классные часы о доверии", "comfort");
        otherProgramme = programme(other, null, "Программа Школы Б");
        measure(otherProgramme, "Медиация конфликтов", "comfort");
        smallProgramme = programme(small, null, "Программа Школы В");
        measure(smallProgramme, "Тьюторы", "comfort");
    }

    @Test
    void theDifferenceInDifferencesIsTheRawAnswersAgainstSchoolsOfTheSameCategory() {
        JsonNode effects = http.json(asAdmin().getJson("/api/v1/staff/programmes/" + programme + "/effects"));
        JsonNode step = effects.get("measures").get(0).get("steps").get(0);
        assertThat(effects.get("measures").get(0).get("steps").size()).isEqualTo(1);
        assertThat(step.get("waveId").getLongValue()).isEqualTo(after);
        // same category (SHNRO), not the school itself: the two comparison schools
        assertThat(step.get("comparison").getStringValue()).isEqualTo("SAME_CATEGORY");
        assertThat(step.get("comparisonSchools").getIntValue()).isEqualTo(2);

        double[] t0 = scores(SUPPORTED_BEFORE);
        double[] t1 = scores(SUPPORTED_AFTER);
        double[] c0 = concat(scores(SAME1_BEFORE), scores(SAME2_BEFORE));
        double[] c1 = concat(scores(SAME1_AFTER), scores(SAME2_AFTER));
        double delta = (mean(t1) - mean(t0)) - (mean(c1) - mean(c0));
        double[] terms = {var(t1) / t1.length, var(t0) / t0.length, var(c1) / c1.length, var(c0) / c0.length};
        int[] n = {t1.length, t0.length, c1.length, c0.length};
        double se = Math.sqrt(DoubleStream.of(terms).sum());
        double df = Math.pow(se, 4) / IntStream.range(0, 4).mapToDouble(i -> terms[i] * terms[i] / (n[i] - 1)).sum();
        double q = new TDistribution(df).inverseCumulativeProbability(0.975);
        assertThat(step.get("difference").getDoubleValue()).isCloseTo(delta, within(1e-9));
        assertThat(step.get("ciLower").getDoubleValue()).isCloseTo(delta - q * se, within(1e-6));
        assertThat(step.get("ciUpper").getDoubleValue()).isCloseTo(delta + q * se, within(1e-6));
        assertThat(step.get("school").get("change").getDoubleValue()).isCloseTo(mean(t1) - mean(t0), within(1e-9));
        assertThat(step.get("reference").get("change").getDoubleValue()).isCloseTo(mean(c1) - mean(c0), within(1e-9));
        assertThat(step.get("reference").get("nBaseline").getLongValue()).isEqualTo(c0.length);
        assertThat(step.get("verdict").getStringValue()).isEqualTo("CLEAR_IMPROVEMENT");

        // a school of a category with no other school: every other school shown in both waves
        JsonNode b = http.json(asAdmin().getJson("/api/v1/staff/programmes/" + otherProgramme + "/effects"))
                .get("measures").get(0).get("steps").get(0);
        assertThat(b.get("comparison").getStringValue()).isEqualTo("ALL_OTHER_SCHOOLS");
        assertThat(b.get("comparisonSchools").getIntValue()).isEqualTo(4); // supported, mentor, same1, same2
    }

    @Test
    void aSchoolBelowKInTheLaterWaveGetsTooFewAnswersAndNoNumber() {
        Http.Response r = asAdmin().getJson("/api/v1/staff/programmes/" + smallProgramme + "/effects");
        JsonNode step = http.json(r).get("measures").get(0).get("steps").get(0);
        assertThat(step.get("verdict").getStringValue()).isEqualTo("TOO_FEW_ANSWERS");
        assertThat(r.body()).doesNotContain("\"difference\"", "\"school\"", "\"nLater\"", "\"comparisonSchools\"");
        assertThat(asAdmin().get("/staff/programmes/what-worked").body()).doesNotContain("Тьюторы");
    }

    @Test
    void theProgrammeIsReadByTheCoordinatorAndTheStaffOfEitherSchoolOfThePair() {
        String path = "/api/v1/staff/programmes/" + programme + "/effects";
        assertThat(agent(Role.PSYCHOLOGIST, supported).getJson(path).status()).isEqualTo(200);
        assertThat(agent(Role.DIRECTOR, supported).getJson(path).status()).isEqualTo(200);
        assertThat(agent(Role.DIRECTOR, mentor).getJson(path).status()).isEqualTo(200);
        assertThat(agent(Role.PSYCHOLOGIST, same1).getJson(path).status()).isEqualTo(403);
        assertThat(agent(Role.DIRECTOR, other).getJson(path).status()).isEqualTo(403);
        assertThat(new StaffAgent(http).getJson(path).status()).isIn(401, 303);
        assertThat(asAdmin().getJson("/api/v1/staff/programmes/999999999/effects").status()).isEqualTo(404);
        StaffAgent director = agent(Role.DIRECTOR, supported);
        assertThat(download(director, "/staff/programmes/" + programme + ".pdf").status()).isEqualTo(200);
        assertThat(download(agent(Role.DIRECTOR, same1), "/staff/programmes/" + programme + ".pdf").status()).isEqualTo(403);
        assertThat(director.get("/staff/programmes/what-worked").status()).isEqualTo(403);
    }

    @Test
    void theProgrammePdfCarriesTheFiguresOfTheApi() {
        JsonNode step = http.json(asAdmin().getJson("/api/v1/staff/programmes/" + programme + "/effects"))
                .get("measures").get(0).get("steps").get(0);
        StaffAgent admin = asAdmin();
        Http.Download ru = download(admin, "/staff/programmes/" + programme + ".pdf?lang=ru");
        assertThat(ru.contentType()).startsWith("application/pdf");
        String text = Pdfs.text(ru.body()).replaceAll("\\s+", " ");
        ReportFormat f = new ReportFormat(Locale.forLanguageTag("ru"), ZoneId.of("Europe/Moscow"));
        assertThat(text).contains("Программа поддержки: Программа Школы А", "Классные часы о доверии",
                "явное улучшение", "школа-наставник".isEmpty() ? "" : "Поддерживаемая школа",
                f.signedScore(step.get("difference").getDoubleValue()),
                f.signedScore(step.get("ciLower").getDoubleValue()), f.signedScore(step.get("ciUpper").getDoubleValue()),
                f.signedScore(step.get("school").get("change").getDoubleValue()),
                f.score(step.get("school").get("later").getDoubleValue()), "Исходное", "Цель", "Факт", "выполняется");
        String en = Pdfs.text(download(admin, "/staff/programmes/" + programme + ".pdf?lang=en").body()).replaceAll("\\s+", " ");
        ReportFormat fe = new ReportFormat(Locale.ENGLISH, ZoneId.of("Europe/Moscow"));
        assertThat(en).contains("Support programme", "clear improvement", fe.signedScore(step.get("difference").getDoubleValue()));
    }

    @Test
    void whatWorkedRanksMeasuresByTheirMeasuredEffect() {
        double a = difference(programme);
        double b = difference(otherProgramme);
        assertThat(a).isGreaterThan(b);
        String page = asAdmin().get("/staff/programmes/what-worked").body();
        assertThat(page).contains("Классные часы о доверии", "Медиация конфликтов");
        assertThat(page.indexOf("Классные часы о доверии")).isLessThan(page.indexOf("Медиация конфликтов"));
        assertThat(page).contains("▲", "явное улучшение");
    }

    private double difference(long id) {
        return http.json(asAdmin().getJson("/api/v1/staff/programmes/" + id + "/effects")).get("measures").get(0)
                .get("steps").get(0).get("difference").getDoubleValue();
    }

    private StaffAgent asAdmin() {
        return StaffAgent.signedIn(http, accounts, Role.ADMIN, List.of());
    }

    private StaffAgent agent(Role role, long school) {
        return StaffAgent.signedIn(http, accounts, role, List.of(school));
    }

    private Http.Download download(StaffAgent agent, String path) {
        String cookies = String.join("; ", agent.cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        return http.download(path, "Cookie", cookies);
    }

    private void answer(long wave, long school, int[][] comfort) {
        Integer[][] rows = new Integer[comfort.length][];
        for (int i = 0; i < comfort.length; i++) {
            rows[i] = new Integer[] {2, 2, comfort[i][0], comfort[i][1]};
        }
        fixture.exampleAnswers(wave, school, rows);
    }

    private long programme(long school, Long mentorSchool, String title) {
        return db.count("""
                INSERT INTO programme (supported_school_id, mentor_school_id, title, goals, risks, baseline_wave_id)
                VALUES (?, ?, ?, 'Повысить доверие', '{low_school_wellbeing}', ?) RETURNING id""", school, mentorSchool, title, before);
    }

    private void measure(long programmeId, String title, String construct) {
        db.count("""
                INSERT INTO programme_measure (programme_id, title, owner, risk_factor, indicator_kind, questionnaire_key,
                    construct_id, target_value, starts_on, due_on, status)
                VALUES (?, ?, 'MENTOR_SCHOOL', 'low_school_wellbeing', 'CONSTRUCT', 'example', ?, 70, ?, ?, 'IN_PROGRESS')
                RETURNING id""", programmeId, title, construct, LocalDate.now().minusDays(1), LocalDate.now().plusDays(90));
    }

    /** The comfort person scores on 0–100: the mean of the two items on 1..4, rescaled. */
    static double[] scores(int[][] rows) {
        return Arrays.stream(rows).mapToDouble(r -> ((r[0] + r[1]) / 2.0 - 1) / 3 * 100).toArray();
    }

    static double[] concat(double[] a, double[] b) {
        return DoubleStream.concat(Arrays.stream(a), Arrays.stream(b)).toArray();
    }

    static double mean(double[] x) {
        return Arrays.stream(x).average().orElseThrow();
    }

    static double var(double[] x) {
        double m = mean(x);
        return Arrays.stream(x).map(v -> (v - m) * (v - m)).sum() / (x.length - 1);
    }
}
