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
}
