package org.uklad.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.AppTest;
import org.uklad.support.Http;
import org.uklad.support.Pdfs;

/**
 * The computed facts against counts made directly in the database, in a municipality of the test's
 * own (schools, pairs, programmes, measures and published responses inserted by SQL); entered facts
 * by place with the "reached everywhere" rule; access (coordinators only); the PDF prints the page's
 * figures.
 */
@MicronautTest(transactional = false)
class PlanFactsTest extends AppTest {

    private static final AtomicInteger ROUND = new AtomicInteger();
    private static final String IDENTIFIED = "s.category IN ('SHNRO', 'SHRSSU')";

    @Inject Plans plans;
    @Inject Accounts accounts;

    String municipality;
    StaffAgent admin;

    @BeforeEach
    void setUp() {
        municipality = "Плановый район " + ROUND.incrementAndGet() + "-" + System.nanoTime();
        admin = StaffAgent.signedIn(http, accounts, Role.ADMIN, List.of());
    }

    long school(String name, String category) {
        return db.count("INSERT INTO school (name, municipality, category) VALUES (?, ?, ?) RETURNING id", name, municipality,
                category);
    }

    long wave(String name, LocalDate opens) {
        return db.count("INSERT INTO wave (name, kind, opens_at, closes_at) VALUES (?, 'ENTRY', ?, ?) RETURNING id", name,
                opens.atTime(12, 0).atOffset(ZoneOffset.UTC), opens.plusDays(30).atTime(12, 0).atOffset(ZoneOffset.UTC));
    }

    void published(long wave, long school) {
        long version = db.count("SELECT min(id) FROM questionnaire_version");
        db.execute("INSERT INTO response (id, wave_id, school_id, questionnaire_version_id, group_label, submitted_on) "
                + "VALUES (gen_random_uuid(), ?, ?, ?, '7А', CURRENT_DATE)", wave, school, version);
    }

    long programme(long supported, long mentor, String title, String... measureStatuses) {
        long id = db.count("INSERT INTO programme (supported_school_id, mentor_school_id, title) VALUES (?, ?, ?) RETURNING id",
                supported, mentor, title);
        for (String status : measureStatuses) {
            db.execute("INSERT INTO programme_measure (programme_id, title, owner, indicator_kind, assessment, subject, "
                    + "starts_on, due_on, status) VALUES (?, 'Мера', 'MENTOR_SCHOOL', 'EXTERNAL', 'ОГЭ', 'математика', "
                    + "DATE '2026-01-01', DATE '2026-06-01', ?)", id, status);
        }
        return id;
    }

    /** A school profile of the year with its staff trained and the four specialist posts' staff. */
    void profile(long school, int year, int trained, int psychologists, int speech, int specialNeeds, int social) {
        db.execute("INSERT INTO school_profile (school_id, school_year, students, sen_students, other_language_students, teachers, "
                + "teacher_vacancies, psychologists, speech_therapists, special_needs_teachers, social_pedagogues, tutors, "
                + "staff_trained) VALUES (?, ?, 300, 3, 0, 20, 1, ?, ?, ?, ?, 0, ?)",
                school, year, psychologists, speech, specialNeeds, social, trained);
    }

    Http.Response json(StaffAgent who, String method, String path, String body) {
        return who.send(method, path, body == null ? null : "application/json", body, "Accept", "application/json",
                "X-CSRF-Token", who.csrf);
    }

    long indicator(String name, String unit, String level, String source, double plan, String due) {
        Http.Response r = json(admin, "POST", "/api/v1/staff/plan/indicators", http.toJson(Map.of("name", name, "unit", unit,
                "level", level, "source", source, "planValue", plan, "dueOn", due)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return http.json(r).get("id").getLongValue();
    }

    Plan.Line line(Plan.Table table, long id) {
        return table.lines().stream().filter(l -> l.indicator().id() == id).findFirst().orElseThrow();
    }

    /** The part of this test's municipality. */
    Plan.Part mine(Plan.Line line) {
        return line.parts().stream().filter(p -> municipality.equals(p.municipality())).findFirst().orElseThrow();
    }

    @Test
    void computedFactsMatchCountsMadeInTheDatabase() {
        long a = school("Школа А", "SHNRO");
        long b = school("Школа Б", "SHNRO");
        long c = school("Школа В", "SHRSSU");
        long d = school("Школа Г", "SHRSSU");
        long mentor = school("Лицей", "SHUVRO");
        school("Гимназия", "OTHER");
        db.execute("INSERT INTO partnership (mentor_school_id, supported_school_id) VALUES (?, ?), (?, ?)", mentor, a, mentor, b);
        programme(a, mentor, "Программа А", "DONE", "DROPPED", "PLANNED");
        programme(a, mentor, "Программа А-2", "DONE");
        programme(c, mentor, "Программа В");
        LocalDate today = plans.today();
        long recent = wave("Весна", today.minusMonths(2));
        long old = wave("Давняя", today.minusMonths(13));
        published(recent, a);
        published(recent, a);
        published(recent, mentor);   // not identified: counts for nothing
        published(old, b);

        String m = "MUNICIPALITY";
        long waves = indicator("Волны", "COUNT", m, "WAVES_RUN", 3, "2040-08-31");
        long withProgramme = indicator("Программы", "SHARE_OF_SCHOOLS", m, "IDENTIFIED_WITH_PROGRAMME", 11, "2040-08-31");
        long pairs = indicator("Пары", "COUNT", m, "PARTNERSHIP_PAIRS", 8, "2040-08-31");
        long monitored = indicator("Мониторинг", "SHARE_OF_SCHOOLS", m, "SCHOOLS_MONITORED", 100, "2040-08-31");
        long measures = indicator("Мероприятия", "PERCENT", m, "MEASURES_DONE", 50, "2040-08-31");
        long trained = indicator("Обучены", "COUNT", m, "STAFF_TRAINED", 5, "2040-08-31");
        long specialists = indicator("Специалисты", "SHARE_OF_SCHOOLS", m, "SPECIALIST_POSTS", 100, "2040-08-31");
        int year = MetricStore.schoolYear(today);
        profile(a, year, 6, 1, 1, 1, 1);      // every post staffed
        profile(c, year, 2, 1, 0, 1, 1);      // no speech therapist
        profile(b, year - 1, 9, 1, 1, 1, 1);  // last year's: not this year's figure
        profile(mentor, year, 7, 1, 1, 1, 1); // not identified

        Plan.Table table = plans.table(today);
        String inM = " AND s.municipality = ?";
        long identified = db.count("SELECT count(*) FROM school s WHERE " + IDENTIFIED + inM, municipality);
        long supportedIdentified = db.count("SELECT count(DISTINCT p.supported_school_id) FROM programme p JOIN school s "
                + "ON s.id = p.supported_school_id WHERE " + IDENTIFIED + inM, municipality);
        long pairCount = db.count("SELECT count(*) FROM partnership p JOIN school s ON s.id = p.supported_school_id "
                + "WHERE true" + inM, municipality);
        long waveCount = db.count("SELECT count(DISTINCT r.wave_id) FROM response r JOIN school s ON s.id = r.school_id "
                + "WHERE " + IDENTIFIED + inM, municipality);
        long monitoredCount = db.count("SELECT count(DISTINCT r.school_id) FROM response r JOIN school s ON s.id = r.school_id "
                + "JOIN wave w ON w.id = r.wave_id WHERE w.opens_at > now() - INTERVAL '12 months' AND " + IDENTIFIED + inM,
                municipality);
        long done = db.count("SELECT count(*) FROM programme_measure m JOIN programme p ON p.id = m.programme_id JOIN school s "
                + "ON s.id = p.supported_school_id WHERE m.status = 'DONE'" + inM, municipality);
        long allMeasures = db.count("SELECT count(*) FROM programme_measure m JOIN programme p ON p.id = m.programme_id "
                + "JOIN school s ON s.id = p.supported_school_id WHERE true" + inM, municipality);

        // the database says what the figures are; the literals say the test's data is what it means to be
        assertThat(List.of(identified, supportedIdentified, pairCount, waveCount, monitoredCount, done, allMeasures))
                .containsExactly(4L, 2L, 2L, 2L, 1L, 2L, 4L);
        assertThat(mine(line(table, waves)).fact().value()).isEqualTo((double) waveCount);
        assertThat(mine(line(table, waves)).fact().behind()).containsExactly("Давняя", "Весна");
        Plan.Figure share = mine(line(table, withProgramme)).fact();
        assertThat(share.value()).isEqualTo(100.0 * supportedIdentified / identified);
        assertThat(share.part()).isEqualTo((int) supportedIdentified);
        assertThat(share.whole()).isEqualTo((int) identified);
        assertThat(share.behind()).containsExactly("Школа А (" + municipality + ")", "Школа В (" + municipality + ")");
        assertThat(mine(line(table, pairs)).fact().value()).isEqualTo((double) pairCount);
        assertThat(mine(line(table, pairs)).fact().behind()).containsExactly("Лицей → Школа А", "Лицей → Школа Б");
        assertThat(mine(line(table, monitored)).fact().value()).isEqualTo(100.0 * monitoredCount / identified);
        assertThat(mine(line(table, monitored)).fact().behind()).containsExactly("Школа А (" + municipality + ")");
        assertThat(mine(line(table, measures)).fact().value()).isEqualTo(100.0 * done / allMeasures);
        assertThat(mine(line(table, measures)).fact().behind())
                .containsExactly("Программа А (Школа А): 1/3", "Программа А-2 (Школа А): 1/1", "Программа В (Школа В): 0/0");
        String thisYear = " AND sp.school_year = " + year;
        long trainedSum = db.count("SELECT coalesce(sum(sp.staff_trained), 0) FROM school_profile sp JOIN school s ON s.id = sp.school_id "
                + "WHERE " + IDENTIFIED + thisYear + inM, municipality);
        long allPosts = db.count("SELECT count(*) FROM school_profile sp JOIN school s ON s.id = sp.school_id WHERE " + IDENTIFIED
                + thisYear + " AND sp.psychologists > 0 AND sp.speech_therapists > 0 AND sp.special_needs_teachers > 0"
                + " AND sp.social_pedagogues > 0" + inM, municipality);
        assertThat(List.of(trainedSum, allPosts)).containsExactly(8L, 1L);
        assertThat(mine(line(table, trained)).fact().value()).isEqualTo((double) trainedSum);
        assertThat(mine(line(table, trained)).fact().behind())
                .containsExactly("Школа А (" + municipality + "): 6", "Школа В (" + municipality + "): 2");
        assertThat(mine(line(table, specialists)).fact().value()).isEqualTo(100.0 * allPosts / identified);
        assertThat(mine(line(table, specialists)).fact().behind()).containsExactly("Школа А (" + municipality + ")");

        // statuses: 50 % ≥ 11 % reached; 2 pairs < 8 not yet (due 2040); measures 50 % ≥ 50 % reached at the boundary
        assertThat(mine(line(table, withProgramme)).status()).isEqualTo(Plan.Status.REACHED);
        assertThat(mine(line(table, pairs)).status()).isEqualTo(Plan.Status.NOT_YET);
        assertThat(mine(line(table, measures)).status()).isEqualTo(Plan.Status.REACHED);
        assertThat(mine(line(table, trained)).status()).isEqualTo(Plan.Status.REACHED);   // 8 ≥ 5
        assertThat(mine(line(table, specialists)).status()).isEqualTo(Plan.Status.NOT_YET);
        // a municipality level is reached only where every municipality reached it: other tests' ones have no programmes
        assertThat(line(table, pairs).status()).isEqualTo(Plan.Status.NOT_YET);
    }

    @Test
    void monitoringCountsAWaveThatOpenedTwelveMonthsAgoToTheDay() {
        long a = school("Школа А", "SHNRO");
        LocalDate opened = LocalDate.of(2025, 3, 10);
        published(wave("Входная", opened), a);
        long id = indicator("Мониторинг", "SHARE_OF_SCHOOLS", "MUNICIPALITY", "SCHOOLS_MONITORED", 100, "2026-03-10");
        Plan.Part onTheDay = mine(line(plans.table(LocalDate.of(2026, 3, 10)), id));
        assertThat(onTheDay.fact().value()).isEqualTo(100.0);
        assertThat(onTheDay.status()).isEqualTo(Plan.Status.REACHED);
        Plan.Part dayAfter = mine(line(plans.table(LocalDate.of(2026, 3, 11)), id));
        assertThat(dayAfter.fact().value()).isEqualTo(0.0);
        assertThat(dayAfter.status()).as("not reached the day after its date").isEqualTo(Plan.Status.OVERDUE);
        Plan.Part before = mine(line(plans.table(LocalDate.of(2025, 3, 9)), id));
        assertThat(before.fact().value()).as("a wave not opened yet").isEqualTo(0.0);
    }

    @Test
    void enteredFactsByPlaceTheLatestCountsAndASchoolLevelIsReachedWhenEverySchoolIs() {
        long a = school("Школа А", "SHNRO");
        long b = school("Школа Б", "SHRSSU");
        long id = indicator("Объединения педагогов", "COUNT", "SCHOOL", "ENTERED", 1, "2040-08-31");
        Http.Response entered = json(admin, "POST", "/api/v1/staff/plan/facts", http.toJson(Map.of("indicatorId", id,
                "schoolId", a, "value", 1, "notedOn", "2026-10-01", "note", "создано")));
        assertThat(entered.status()).as(entered.body()).isEqualTo(201);
        Plan.Line line = line(plans.table(LocalDate.of(2026, 11, 1)), id);
        Plan.Part partA = line.parts().stream().filter(p -> Long.valueOf(a).equals(p.schoolId())).findFirst().orElseThrow();
        Plan.Part partB = line.parts().stream().filter(p -> Long.valueOf(b).equals(p.schoolId())).findFirst().orElseThrow();
        assertThat(partA.status()).isEqualTo(Plan.Status.REACHED);
        assertThat(partA.fact().entries()).extracting(Plan.Fact::note).containsExactly("создано");
        assertThat(partB.status()).isEqualTo(Plan.Status.NOT_YET);
        assertThat(line.status()).isEqualTo(Plan.Status.NOT_YET);
        assertThat(line.fact().part()).isLessThan(line.fact().whole());

        // a later entry replaces the fact; the earlier stays behind it
        json(admin, "POST", "/api/v1/staff/plan/facts", http.toJson(Map.of("indicatorId", id, "schoolId", a, "value", 0,
                "notedOn", "2026-10-20")));
        Plan.Part later = line(plans.table(LocalDate.of(2026, 11, 1)), id).parts().stream()
                .filter(p -> Long.valueOf(a).equals(p.schoolId())).findFirst().orElseThrow();
        assertThat(later.fact().value()).isEqualTo(0.0);
        assertThat(later.fact().entries()).hasSize(2);
        assertThat(db.count("SELECT count(*) FROM audit_event WHERE action = 'PLAN_FACT_ENTERED' AND target = ?",
                "indicator " + id)).isEqualTo(2);

        // a school-level fact without its school, a computed indicator, a word for a number: refused, each named
        Http.Response refused = json(admin, "POST", "/api/v1/staff/plan/facts", http.toJson(Map.of("indicatorId", id,
                "value", 1, "notedOn", "завтра")));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("schoolId", "notedOn");
        long computed = indicator("Пары", "COUNT", "REGION", "PARTNERSHIP_PAIRS", 8, "2040-08-31");
        Http.Response notEntered = json(admin, "POST", "/api/v1/staff/plan/facts", http.toJson(Map.of("indicatorId", computed,
                "value", 1, "notedOn", "2026-10-01")));
        assertThat(notEntered.status()).isEqualTo(422);
        assertThat(notEntered.body()).contains("\"indicatorId\"").doesNotContain("\"value\"");
        Http.Response word = json(admin, "POST", "/api/v1/staff/plan/facts", http.toJson(Map.of("indicatorId", id,
                "schoolId", a, "value", "много", "notedOn", "2026-10-01")));
        assertThat(word.status()).isEqualTo(422);
        assertThat(word.body()).contains("\"value\"", "wrong-type");
    }

    @Test
    void onlyTheCoordinatorReachesThePlan() {
        long a = school("Школа А", "SHNRO");
        for (Role role : List.of(Role.DIRECTOR, Role.PSYCHOLOGIST)) {
            StaffAgent who = StaffAgent.signedIn(http, accounts, role, List.of(a));
            assertThat(who.get("/staff/plan").status()).as(role + " page").isEqualTo(403);
            assertThat(who.get("/staff/plan.pdf").status()).as(role + " PDF").isEqualTo(403);
            assertThat(json(who, "GET", "/api/v1/staff/plan", null).status()).as(role + " API").isEqualTo(403);
            assertThat(json(who, "POST", "/api/v1/staff/plan/indicators", "{}").status()).as(role + " API").isEqualTo(403);
            assertThat(who.postWithCsrf("/staff/plan/standard").status()).as(role + " standard set").isEqualTo(403);
        }
        assertThat(admin.get("/staff/plan").status()).isEqualTo(200);
    }

    @Test
    void theStandardSetIsSeedThreesTableOnceAndThePdfPrintsThePageFigures() {
        admin.get("/staff/plan");
        assertThat(admin.postWithCsrf("/staff/plan/standard").status()).isEqualTo(303);
        assertThat(admin.postWithCsrf("/staff/plan/standard").status()).isEqualTo(303);
        assertThat(db.count("SELECT count(*) FROM programme_indicator WHERE standard_row IS NOT NULL")).isEqualTo(12);
        assertThat(db.count("SELECT count(DISTINCT standard_row) FROM programme_indicator")).isEqualTo(12);
        long events = db.count("SELECT id FROM programme_indicator WHERE standard_row = 6");
        assertThat(json(admin, "POST", "/api/v1/staff/plan/facts", http.toJson(Map.of("indicatorId", events, "value", 4,
                "notedOn", "2026-10-01"))).status()).isEqualTo(201);

        for (String lang : List.of("ru", "en")) {
            String page = admin.get("/staff/plan?lang=" + lang).body();
            String row = page.substring(page.indexOf("id=\"indicator-" + events + "\""));
            row = row.substring(0, row.indexOf("</tr>", row.indexOf("class=\"fact\"")));
            String name = lang.equals("ru") ? "Региональные мероприятия по обмену опытом между школами за год"
                    : "Regional events for schools to exchange experience, per year";
            assertThat(row).contains(name, "<td class=\"fact\">4</td>");
            Http.Download pdf = http.download("/staff/plan.pdf?lang=" + lang, "Cookie", String.join("; ",
                    admin.cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
            assertThat(pdf.status()).isEqualTo(200);
            assertThat(pdf.contentType()).startsWith("application/pdf");
            String text = Pdfs.text(pdf.body()).replaceAll("\\s+", " ");
            String status = lang.equals("ru") ? "ещё нет" : "not yet";
            assertThat(text).contains(name.substring(0, 30), lang.equals("ru") ? "Целевые индикаторы программы" : "Programme indicators",
                    status);
            assertThat(text).as("the plan and the fact of the events, as the page shows them").containsPattern(" 6 .* 4 ");
        }
    }
}
