package org.uklad.questionnaire;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/** The coordinator imports a questionnaire in the browser: a new version, no second copy, problems by line. */
@MicronautTest(transactional = false)
class QuestionnairePagesTest extends AppTest {

    @Inject Accounts accounts;

    @Test
    void aCoordinatorImportsAQuestionnaireAndSeesEachProblemOfABadFile() throws Exception {
        StaffAgent admin = StaffAgent.signedIn(http, accounts, Role.ADMIN, List.of());
        Http.Response page = admin.get("/staff/questionnaires");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"version-example-1\"", "id=\"nav-questionnaires\"");

        long before = db.count("SELECT count(*) FROM questionnaire_version");
        Http.Response bad = admin.postWithCsrf("/staff/questionnaires", "name", "broken.yaml", "text", "key: [unclosed");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("Файл не загружен", "broken.yaml:").contains("key: [unclosed")
                .doesNotContain("Exception");
        Http.Response empty = admin.postWithCsrf("/staff/questionnaires", "name", "", "text", " ");
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.body()).contains("Вставьте текст анкеты");
        assertThat(db.count("SELECT count(*) FROM questionnaire_version")).isEqualTo(before);

        String source = Files.readString(Path.of("../questionnaires/instruments/example.yaml"))
                .replaceFirst("(?m)^key: example$", "key: example-page");
        Http.Response created = admin.postWithCsrf("/staff/questionnaires", "name", "example-page.yaml", "text", source);
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        assertThat(admin.get(created.header("Location")).body()).contains("Сохранена анкета example-page, версия 1",
                "id=\"version-example-page-1\"");
        Http.Response again = admin.postWithCsrf("/staff/questionnaires", "name", "example-page.yaml", "text", source);
        assertThat(admin.get(again.header("Location")).body()).contains("Анкета example-page не изменилась: версия 1 уже есть");
        assertThat(db.count("SELECT count(*) FROM questionnaire_version")).isEqualTo(before + 1);
        assertThat(db.count("SELECT count(*) FROM audit_event WHERE action = 'QUESTIONNAIRE_IMPORTED' "
                + "AND target = 'questionnaire example-page'")).isEqualTo(1);

        // a psychologist and a director have no such page
        assertThat(StaffAgent.signedIn(http, accounts, Role.DIRECTOR, List.of(fixture.school("OTHER")))
                .get("/staff/questionnaires").status()).isEqualTo(403);
    }
}
