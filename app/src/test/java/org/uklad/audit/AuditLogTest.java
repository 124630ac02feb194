package org.uklad.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.AppTest;

/** Staff actions land in the audit log with who and what; passwords and access codes never do. */
@MicronautTest(transactional = false)
class AuditLogTest extends AppTest {

    static final String PASSWORD = "correct horse battery";

    @Inject Accounts accounts;

    @Test
    void signInsExportsAndChangesAreLoggedWithoutSecrets() {
        long school = fixture.school("SHNRO");
        accounts.create("coordinator", "Мария Ким", Role.ADMIN, List.of(), PASSWORD, false);
        accounts.create("psychologist", "Ирина Лис", Role.PSYCHOLOGIST, List.of(school), PASSWORD, false);
        long wave = fixture.openWave("example");
        List<String> codes = fixture.codes(wave, school, "example", "7Б", 3, 1);
        http.admin("GET", "/api/v1/admin/waves/" + wave + "/responses.csv?questionnaire=example", null);

        StaffAgent mistyped = new StaffAgent(http);
        mistyped.signIn("MySecretPassw0rd", "whatever");                 // a password typed into the login field
        mistyped.signIn("coordinator", "wrong password");
        StaffAgent admin = new StaffAgent(http).signedIn("coordinator", PASSWORD);

        String page = admin.get("/staff/audit").body();
        // table cells, not the filter's option list (which names every action anyway)
        assertThat(page).contains("<td>Вход</td>", "<td>Неудачный вход</td>", "<td>Создана волна</td>",
                "<td>Созданы коды доступа</td>", "<td>Выгрузка ответов</td>", "<td>Добавлена школа</td>",
                "<td>Создана учётная запись</td>", "<td>coordinator (#", "<td>токен API администрирования</td>", "<td>неизвестный логин</td>");
        http.admin("GET", "/api/v1/admin/waves/" + wave + "/schools/" + school + "/summary.pdf", null);
        assertThat(db.count("SELECT count(*) FROM audit_event WHERE action = 'PDF_DOWNLOADED' AND actor = 'api-token'")).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM audit_event WHERE action = 'SIGN_IN_FAILED' AND actor = 'coordinator'")).isEqualTo(1);
        String everything = db.string("SELECT string_agg(actor || ' ' || action || ' ' || target || ' ' || detail, E'\\n') FROM audit_event");
        assertThat(everything).doesNotContain("MySecretPassw0rd").doesNotContain(PASSWORD).doesNotContain("wrong password");
        for (String code : codes) {
            assertThat(everything).doesNotContain(code);
        }
        assertThat(admin.get("/staff/audit?action=SIGN_IN_FAILED&lang=en").body()).contains("<td>unknown login</td>")
                .doesNotContain("<td>Wave created</td>");

        StaffAgent psychologist = new StaffAgent(http).signedIn("psychologist", PASSWORD);
        assertThat(psychologist.get("/staff/audit").status()).isEqualTo(403);
        assertThat(http.admin("GET", "/api/v1/admin/audit?action=CODES_GENERATED", null).body()).contains("3 × 1 uses");
    }

    @Inject AuditText text;

    @Test
    void theAuditPageSaysEachStoredLineInThePagesLanguage() {
        java.util.Locale ru = java.util.Locale.forLanguageTag("ru");
        java.util.Locale en = java.util.Locale.ENGLISH;
        assertThat(text.target("wave 5, school 3", ru)).isEqualTo("волна 5, школа 3");
        assertThat(text.target("wave 5, school 3", en)).isEqualTo("wave 5, school 3");
        assertThat(text.detail("CODES_GENERATED", "3 × 1 uses, example, group 7Б", ru))
                .isEqualTo("3 × 1 использований, example, группа 7Б");
        assertThat(text.detail("ACCOUNT_CHANGED", "anna: role PSYCHOLOGIST → DIRECTOR, schools [1] → [2], name changed", ru))
                .isEqualTo("anna: роль педагог-психолог → директор, школы [1] → [2], имя изменено");
        assertThat(text.detail("PDF_DOWNLOADED", "invitation sheets, 12 codes, en", ru))
                .isEqualTo("листы приглашений, кодов: 12, на английском");
        // a stored instant becomes the pages' one format, in the configured zone (Moscow)
        assertThat(text.detail("WAVE_RESCHEDULED", "closes at 2026-05-10T06:00:00Z", ru)).isEqualTo("закрывается 10.05.2026 09:00");
        assertThat(text.detail("WAVE_RESCHEDULED", "closes at 2026-05-10T06:00:00Z", en)).isEqualTo("closes at 2026-05-10 09:00");
        assertThat(text.detail("FREE_TEXT_VIEWED", "page: example (shown), parents (hidden: under 5)", ru))
                .isEqualTo("страница: example (показаны), parents (скрыты: меньше 5)");
        // the programme's own PDFs read in the page's language too
        assertThat(text.detail("PDF_DOWNLOADED", "programme report, en", ru)).isEqualTo("отчёт программы поддержки, на английском");
        assertThat(text.detail("PDF_DOWNLOADED", "plan and fact, ru", en)).isEqualTo("plan and fact of the indicators, in Russian");
        assertThat(text.actor("system", ru)).isEqualTo("сам сервис");
        // what no rule knows, a name a person typed, stays as it was stored
        assertThat(text.detail("SCHOOL_REGISTERED", "Район: Школа № 1", en)).isEqualTo("Район: Школа № 1");
        assertThat(text.detail("WAVE_CREATED", "Весна (INTERIM)", ru)).isEqualTo("Весна (вид: промежуточный)");
    }
}
