package org.uklad.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/** A coordinator changes another account's name, role and schools, or resets its password. */
@MicronautTest(transactional = false)
class AccountEditingTest extends AppTest {

    static final String PASSWORD = "editing password 1";
    static final AtomicInteger COUNTER = new AtomicInteger();

    @Inject Accounts accounts;

    StaffAgent admin;
    long adminId;
    long first;
    long second;

    @BeforeEach
    void setUp() {
        first = fixture.school("SHNRO");
        second = fixture.school("OTHER");
        String login = "coord-x" + COUNTER.incrementAndGet();
        adminId = accounts.create(login, "Координатор", Role.ADMIN, List.of(), PASSWORD, false).id();
        admin = new StaffAgent(http).signedIn(login, PASSWORD);
    }

    StaffAccount psychologist(StaffAgent[] agent) {
        String login = "psy-x" + COUNTER.incrementAndGet();
        StaffAccount a = accounts.create(login, "Психолог", Role.PSYCHOLOGIST, List.of(first), PASSWORD, false);
        agent[0] = new StaffAgent(http).signedIn(login, PASSWORD);
        return a;
    }

    @Test
    void aRoleAndSchoolChangeAppliesToTheOpenSessionAtOnceAndIsAudited() {
        StaffAgent[] psy = new StaffAgent[1];
        StaffAccount account = psychologist(psy);
        long wave = fixture.openWave("example");
        String firstDashboard = "/staff/waves/" + wave + "/schools/" + first + "/dashboard";
        String secondDashboard = "/staff/waves/" + wave + "/schools/" + second + "/dashboard";
        assertThat(psy[0].get(firstDashboard).status()).isEqualTo(200);
        assertThat(psy[0].get(secondDashboard).status()).isEqualTo(403);

        Http.Response page = admin.get("/staff/accounts/" + account.id());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(account.login(), "name=\"role\" value=\"PSYCHOLOGIST\"");
        Http.Response saved = admin.postWithCsrf("/staff/accounts/" + account.id(), "displayName", "Директор школы",
                "role", "DIRECTOR", "schools", String.valueOf(second), "password", "");
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(admin.get(saved.header("Location")).body()).contains("Изменения сохранены", "Директор школы");

        // the same session, no new sign-in: the new scope holds on the next request
        assertThat(psy[0].get(firstDashboard).status()).isEqualTo(403);
        assertThat(psy[0].get(secondDashboard).status()).isEqualTo(200);
        assertThat(psy[0].get("/staff/waves").status()).isEqualTo(200);
        assertThat(accounts.schoolsOf(account.id())).containsExactly(second);
        assertThat(db.string("SELECT detail FROM audit_event WHERE action = 'ACCOUNT_CHANGED' AND target = ?",
                "account " + account.id())).isEqualTo(account.login() + ": role PSYCHOLOGIST → DIRECTOR, schools ["
                + first + "] → [" + second + "], name changed");
    }

    @Test
    void aBadChangeIsShownWithItsFieldsAndChangesNothing() {
        StaffAgent[] psy = new StaffAgent[1];
        StaffAccount account = psychologist(psy);
        Http.Response twoSchools = admin.postWithCsrf("/staff/accounts/" + account.id(), "displayName", "Директор",
                "role", "DIRECTOR", "schools", String.valueOf(first), "schools", String.valueOf(second));
        assertThat(twoSchools.status()).isEqualTo(422);
        assertThat(twoSchools.body()).contains("Директору нужна ровно одна школа").doesNotContain("Exception");
        Http.Response shortPassword = admin.postWithCsrf("/staff/accounts/" + account.id(), "displayName", "",
                "role", "PSYCHOLOGIST", "schools", String.valueOf(first), "password", "short");
        assertThat(shortPassword.status()).isEqualTo(422);
        Http.Response unknownSchool = admin.postWithCsrf("/staff/accounts/" + account.id(), "displayName", "П",
                "role", "PSYCHOLOGIST", "schools", "987654321");
        assertThat(unknownSchool.status()).isEqualTo(422);
        StaffAccount after = accounts.find(account.id()).orElseThrow();
        assertThat(after.role()).isEqualTo(Role.PSYCHOLOGIST);
        assertThat(after.displayName()).isEqualTo("Психолог");
        assertThat(accounts.schoolsOf(account.id())).containsExactly(first);
        assertThat(db.count("SELECT count(*) FROM audit_event WHERE target = ? AND action IN ('ACCOUNT_CHANGED', 'PASSWORD_RESET')",
                "account " + account.id())).isZero();
        assertThat(admin.get("/staff/accounts/987654321").status()).isEqualTo(404);
    }

    @Test
    void aCoordinatorCannotTakeTheCoordinatorRoleFromThemselves() {
        Http.Response r = admin.postWithCsrf("/staff/accounts/" + adminId, "displayName", "Координатор",
                "role", "PSYCHOLOGIST", "schools", String.valueOf(first));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).contains("Нельзя снять роль координатора с самого себя");
        assertThat(accounts.find(adminId).orElseThrow().role()).isEqualTo(Role.ADMIN);
        // renaming oneself is fine
        assertThat(admin.postWithCsrf("/staff/accounts/" + adminId, "displayName", "Главный координатор",
                "role", "ADMIN").status()).isEqualTo(303);
    }

    @Test
    void aPasswordResetEndsTheSessionsAndMustBeReplacedAtSignIn() {
        StaffAgent[] psy = new StaffAgent[1];
        StaffAccount account = psychologist(psy);
        Http.Response reset = admin.postWithCsrf("/staff/accounts/" + account.id(), "displayName", "Психолог",
                "role", "PSYCHOLOGIST", "schools", String.valueOf(first), "password", "brand new password");
        assertThat(reset.status()).isEqualTo(303);
        Http.Response old = psy[0].get("/staff");
        assertThat(old.status()).isEqualTo(303);
        assertThat(old.header("Location")).startsWith("/staff/login");
        assertThat(new StaffAgent(http).signIn(account.login(), PASSWORD).status()).isNotEqualTo(303);
        StaffAgent again = new StaffAgent(http);
        Http.Response signIn = again.signIn(account.login(), "brand new password");
        assertThat(signIn.status()).isEqualTo(303);
        assertThat(accounts.find(account.id()).orElseThrow().mustChangePassword()).isTrue();
        String audit = db.string("SELECT string_agg(action || ' ' || detail, E'\\n') FROM audit_event WHERE target = ?",
                "account " + account.id());
        assertThat(audit).contains("PASSWORD_RESET").doesNotContain("brand new password");
    }

    /** An account form left without a role speaks to staff ("fill in this field"), not as a questionnaire does. */
    @Test
    void aMissingRoleReadsFillInThisField() {
        Http.Response created = admin.postWithCsrf("/staff/accounts", "login", "no-role-" + COUNTER.incrementAndGet(),
                "displayName", "Без роли", "password", "a long enough password");
        assertThat(created.status()).isEqualTo(422);
        assertThat(created.body()).contains("<p class=\"error\">Заполните это поле.</p>").doesNotContain("Ответьте на этот вопрос");
        StaffAgent[] psy = new StaffAgent[1];
        StaffAccount account = psychologist(psy);
        Http.Response edited = admin.postWithCsrf("/staff/accounts/" + account.id(), "displayName", "Психолог", "password", "");
        assertThat(edited.status()).isEqualTo(422);
        assertThat(edited.body()).contains("Заполните это поле.").doesNotContain("Ответьте на этот вопрос");
    }
}
