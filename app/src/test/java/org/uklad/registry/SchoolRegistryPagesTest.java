package org.uklad.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/** The registry pages as a browser without JavaScript uses them, for every role. */
@MicronautTest(transactional = false)
class SchoolRegistryPagesTest extends AppTest {

    static final AtomicInteger COUNTER = new AtomicInteger();

    @Inject Accounts accounts;

    long own;
    long other;
    String admin;
    String psychologist;
    String director;

    @BeforeEach
    void setUp() {
        own = fixture.school("SHNRO");
        other = fixture.school("SHUVRO");
        admin = account(Role.ADMIN, List.of());
        psychologist = account(Role.PSYCHOLOGIST, List.of(own));
        director = account(Role.DIRECTOR, List.of(own));
    }

    String account(Role role, List<Long> schools) {
        return StaffAgent.account(accounts, role, schools);
    }

    StaffAgent agent(String login) {
        return new StaffAgent(http).signedIn(login, StaffAgent.PASSWORD);
    }

    static String unique(String prefix) {
        return prefix + " " + COUNTER.incrementAndGet() + "-" + System.nanoTime() % 100000;
    }

    static void check(Http.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
    }

    long schools() {
        return db.count("SELECT count(*) FROM school");
    }

    long audited(String action) {
        return db.count("SELECT count(*) FROM audit_event WHERE action = ?", action);
    }

    @Test
    void aCoordinatorRegistersFiltersAndEditsSchools() {
        StaffAgent a = agent(admin);
        Http.Response list = a.get("/staff/schools");
        check(list, 200);
        assertThat(list.header("Cache-Control")).isEqualTo("no-store");
        assertThat(list.body()).contains("id=\"nav-registry\"", "id=\"new-school\"", "id=\"school-" + own + "\"",
                "id=\"school-" + other + "\"");

        String municipality = unique("Озёрский район");
        long before = audited("SCHOOL_REGISTERED");
        Http.Response created = a.postWithCsrf("/staff/schools", "name", "Школа <b>№ 7</b>", "municipality", municipality,
                "category", "SHRSSU");
        check(created, 303);
        assertThat(created.header("Location")).startsWith("/staff/schools?notice=created#school-");
        long id = db.count("SELECT id FROM school WHERE municipality = ?", municipality);
        assertThat(db.string("SELECT name || '|' || category FROM school WHERE id = ?", id)).isEqualTo("Школа <b>№ 7</b>|SHRSSU");
        assertThat(audited("SCHOOL_REGISTERED")).isEqualTo(before + 1);

        // the filter by municipality and category; the name is escaped, never markup
        Http.Response filtered = a.get("/staff/schools?municipality=" + StaffAgent.enc(municipality) + "&category=SHRSSU");
        check(filtered, 200);
        assertThat(filtered.body()).contains("id=\"school-" + id + "\"", "Школа &lt;b&gt;№ 7&lt;/b&gt;")
                .doesNotContain("id=\"school-" + own + "\"", "<b>№ 7</b>");
        assertThat(a.get("/staff/schools?municipality=" + StaffAgent.enc(municipality) + "&category=SHNRO").body())
                .doesNotContain("id=\"school-" + id + "\"").contains("id=\"no-schools\"");

        Http.Response edit = a.get("/staff/schools/" + id);
        check(edit, 200);
        assertThat(edit.body()).contains("id=\"edit-school\"", "id=\"category-SHRSSU\" checked", municipality);
        long updates = audited("SCHOOL_UPDATED");
        check(a.postWithCsrf("/staff/schools/" + id, "name", "Школа № 8", "municipality", municipality, "category", "SHUVRO"), 303);
        assertThat(db.string("SELECT name || '|' || category FROM school WHERE id = ?", id)).isEqualTo("Школа № 8|SHUVRO");
        assertThat(audited("SCHOOL_UPDATED")).isEqualTo(updates + 1);
        assertThat(a.get("/staff/schools?notice=updated").body()).contains("Школа сохранена.");
    }

    @Test
    void badSchoolFormsAreShownAgainWithFieldErrorsAndStoreNothing() {
        StaffAgent a = agent(admin);
        a.get("/staff/schools");
        long before = schools();

        Http.Response empty = a.postWithCsrf("/staff/schools", "name", "  ", "municipality", "", "category", "");
        check(empty, 422);
        assertThat(empty.body()).contains("id=\"error-name\"", "id=\"error-municipality\"", "id=\"error-category\"",
                "Длина должна быть от 1 до 300 знаков.", "Длина должна быть от 1 до 200 знаков.", "Заполните это поле.");

        Http.Response tooLong = a.postWithCsrf("/staff/schools", "name", "я".repeat(301), "municipality", "м".repeat(201),
                "category", "ELITE");
        check(tooLong, 422);
        assertThat(tooLong.body()).contains("id=\"error-name\"", "id=\"error-municipality\"", "Не найдено: ELITE.")
                .doesNotContain("я".repeat(301));

        String municipality = unique("Дубль-район");
        check(a.postWithCsrf("/staff/schools", "name", "Лицей", "municipality", municipality, "category", "OTHER"), 303);
        Http.Response duplicate = a.postWithCsrf("/staff/schools", "name", " Лицей ", "municipality", municipality,
                "category", "SHNRO");
        check(duplicate, 422);
        assertThat(duplicate.body()).contains("id=\"error-name\"", "Такая запись уже есть.", "value=\" Лицей \"");
        assertThat(schools()).isEqualTo(before + 1);

        // editing into a name taken in the municipality is refused too
        long id = db.count("SELECT id FROM school WHERE municipality = ?", municipality);
        check(a.postWithCsrf("/staff/schools", "name", "Гимназия", "municipality", municipality, "category", "OTHER"), 303);
        Http.Response clash = a.postWithCsrf("/staff/schools/" + id, "name", "Гимназия", "municipality", municipality,
                "category", "OTHER");
        check(clash, 422);
        assertThat(clash.body()).contains("Такая запись уже есть.");
        assertThat(db.string("SELECT name FROM school WHERE id = ?", id)).isEqualTo("Лицей");

        check(a.postWithCsrf("/staff/schools/999999999", "name", "X", "municipality", "Y", "category", "OTHER"), 404);
    }

    @Test
    void renamingAMunicipalityRenamesItOnAllItsSchools() {
        StaffAgent a = agent(admin);
        a.get("/staff/schools");
        String from = unique("Старый район");
        String to = unique("Новый округ");
        for (String name : List.of("Школа 1", "Школа 2")) {
            check(a.postWithCsrf("/staff/schools", "name", name, "municipality", from, "category", "OTHER"), 303);
        }
        Http.Response page = a.get("/staff/municipalities");
        check(page, 200);
        assertThat(page.body()).containsPattern(java.util.regex.Pattern.quote(from) + "</a></td>\\s*<td class=\"num count\">2</td>");

        long before = audited("MUNICIPALITY_RENAMED");
        check(a.postWithCsrf("/staff/municipalities/rename", "from", from, "to", to), 303);
        assertThat(db.count("SELECT count(*) FROM school WHERE municipality = ?", to)).isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM school WHERE municipality = ?", from)).isZero();
        assertThat(audited("MUNICIPALITY_RENAMED")).isEqualTo(before + 1);

        // a clash of school names, an empty name, an unknown municipality: field errors, nothing renamed
        String third = unique("Третий район");
        check(a.postWithCsrf("/staff/schools", "name", "Школа 1", "municipality", third, "category", "OTHER"), 303);
        Http.Response clash = a.postWithCsrf("/staff/municipalities/rename", "from", third, "to", to);
        check(clash, 422);
        assertThat(clash.body()).contains("id=\"error-to\"", "Такая запись уже есть.");
        Http.Response blank = a.postWithCsrf("/staff/municipalities/rename", "from", third, "to", " ");
        check(blank, 422);
        assertThat(blank.body()).contains("id=\"error-to\"", "Длина должна быть от 1 до 200 знаков.");
        Http.Response unknown = a.postWithCsrf("/staff/municipalities/rename", "from", unique("Нет такого"), "to", "Где-то");
        check(unknown, 422);
        assertThat(unknown.body()).contains("id=\"error-from\"");
        assertThat(db.count("SELECT count(*) FROM school WHERE municipality = ?", third)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM school WHERE municipality = ?", to)).isEqualTo(2);
    }

    @Test
    void categoriesShowTheirMeaningAndCounts() {
        StaffAgent a = agent(admin);
        Http.Response page = a.get("/staff/categories");
        check(page, 200);
        long shnro = db.count("SELECT count(*) FROM school WHERE category = 'SHNRO'");
        assertThat(page.body()).contains("ШНРО (низкие результаты)", "ШРССУ (сложные социальные условия)",
                "ШУВРО (стабильно высокие результаты)", "устойчиво низкими образовательными результатами",
                "href=\"/staff/schools?category=SHNRO\">" + shnro + "</a>");
        assertThat(a.get("/staff/categories?lang=en").body()).contains("SHNRO (low results)", "able to mentor");
    }

    @Test
    void partnershipsAreCreatedRefusedAndRemoved() {
        StaffAgent a = agent(admin);
        Http.Response page = a.get("/staff/partnerships");
        check(page, 200);
        long before = db.count("SELECT count(*) FROM partnership");

        check(a.postWithCsrf("/staff/partnerships", "mentorSchoolId", String.valueOf(other),
                "supportedSchoolId", String.valueOf(own)), 303);
        long id = db.count("SELECT id FROM partnership WHERE mentor_school_id = ? AND supported_school_id = ?", other, own);
        assertThat(a.get("/staff/partnerships").body()).contains("id=\"partnership-" + id + "\"");

        Http.Response self = a.postWithCsrf("/staff/partnerships", "mentorSchoolId", String.valueOf(own),
                "supportedSchoolId", String.valueOf(own));
        check(self, 422);
        assertThat(self.body()).contains("id=\"error-supportedSchoolId\"", "Школа не может быть наставником самой себе.");
        Http.Response duplicate = a.postWithCsrf("/staff/partnerships", "mentorSchoolId", String.valueOf(other),
                "supportedSchoolId", String.valueOf(own));
        check(duplicate, 422);
        assertThat(duplicate.body()).contains("id=\"error-supportedSchoolId\"", "Такая запись уже есть.");
        Http.Response missing = a.postWithCsrf("/staff/partnerships", "mentorSchoolId", "", "supportedSchoolId", "999999999");
        check(missing, 422);
        assertThat(missing.body()).contains("id=\"error-mentorSchoolId\"", "Заполните это поле.");
        assertThat(db.count("SELECT count(*) FROM partnership")).isEqualTo(before + 1);

        long removals = audited("PARTNERSHIP_REMOVED");
        check(a.postWithCsrf("/staff/partnerships/" + id + "/remove"), 303);
        assertThat(db.count("SELECT count(*) FROM partnership WHERE id = ?", id)).isZero();
        assertThat(audited("PARTNERSHIP_REMOVED")).isEqualTo(removals + 1);
        check(a.postWithCsrf("/staff/partnerships/" + id + "/remove"), 404);
    }

    @Test
    void aPsychologistSeesTheAssignedSchoolsReadOnlyAndChangesNothing() {
        StaffAgent p = agent(psychologist);
        Http.Response list = p.get("/staff/schools");
        check(list, 200);
        assertThat(list.body()).contains("id=\"nav-schools\"", "id=\"school-" + own + "\"", "Реестр ведёт координатор")
                .doesNotContain("id=\"school-" + other + "\"", "id=\"new-school\"", "/staff/schools/" + own, "nav-registry");
        // a filter never widens the scope
        assertThat(p.get("/staff/schools?category=SHUVRO").body()).doesNotContain("id=\"school-" + other + "\"");

        long before = schools();
        for (String path : List.of("/staff/schools/" + own, "/staff/municipalities", "/staff/categories", "/staff/partnerships")) {
            check(p.get(path), 403);
        }
        check(p.postWithCsrf("/staff/schools", "name", "Чужая", "municipality", "Где-то", "category", "OTHER"), 403);
        check(p.postWithCsrf("/staff/schools/" + own, "name", "Переименована", "municipality", "Где-то", "category", "OTHER"), 403);
        check(p.postWithCsrf("/staff/municipalities/rename", "from", "Тестовый район", "to", "Захвачен"), 403);
        check(p.postWithCsrf("/staff/partnerships", "mentorSchoolId", String.valueOf(other),
                "supportedSchoolId", String.valueOf(own)), 403);
        assertThat(schools()).isEqualTo(before);
        assertThat(db.string("SELECT name FROM school WHERE id = ?", own)).startsWith("Школа № ");
    }

    @Test
    void aDirectorHasNoRegistryPages() {
        StaffAgent d = agent(director);
        assertThat(d.get("/staff").body()).doesNotContain("nav-registry", "nav-schools");
        for (String path : List.of("/staff/schools", "/staff/schools/" + own, "/staff/municipalities", "/staff/categories",
                "/staff/partnerships")) {
            check(d.get(path), 403);
        }
        long before = schools();
        check(d.postWithCsrf("/staff/schools", "name", "Директорская", "municipality", "Где-то", "category", "OTHER"), 403);
        check(d.postWithCsrf("/staff/partnerships", "mentorSchoolId", String.valueOf(other),
                "supportedSchoolId", String.valueOf(own)), 403);
        assertThat(schools()).isEqualTo(before);
    }

    @Test
    void withoutTheCsrfTokenNothingChanges() {
        StaffAgent a = agent(admin);
        long before = schools();
        String municipality = unique("Без токена");
        check(a.post("/staff/schools", StaffAgent.form("name", "Школа", "municipality", municipality, "category", "OTHER")), 403);
        check(a.post("/staff/schools", StaffAgent.form("csrfToken", "forged", "name", "Школа", "municipality", municipality,
                "category", "OTHER")), 403);
        check(a.post("/staff/schools/" + own, StaffAgent.form("name", "Угнана", "municipality", "X", "category", "OTHER")), 403);
        check(a.post("/staff/municipalities/rename", StaffAgent.form("from", "Тестовый район", "to", "X")), 403);
        check(a.post("/staff/partnerships", StaffAgent.form("mentorSchoolId", String.valueOf(other),
                "supportedSchoolId", String.valueOf(own))), 403);
        assertThat(schools()).isEqualTo(before);
        assertThat(db.count("SELECT count(*) FROM school WHERE municipality = 'X'")).isZero();
    }

    @Test
    void signedOutVisitorsAreSentToTheSignInForm() {
        Http.Response r = new StaffAgent(http).get("/staff/schools");
        check(r, 303);
        assertThat(r.header("Location")).isEqualTo("/staff/login?next=%2Fstaff%2Fschools");
    }

    @Test
    void thePagesAreInEnglishToo() {
        StaffAgent a = agent(admin);
        assertThat(a.get("/staff/schools?lang=en").body()).contains("Register a school", "Registry");
        assertThat(a.get("/staff/municipalities?lang=en").body()).contains("Municipalities", "New name");
        assertThat(a.get("/staff/partnerships?lang=en").body()).contains("Mentor school", "Supported school");
    }
}
