package org.uklad.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * Every staff answer is {@code Cache-Control: no-store}, set once by {@link StaffNoStoreFilter}: the
 * pages, the form re-shown with its field errors (422), the error pages and the staff API, each
 * exactly once.
 */
@MicronautTest(transactional = false)
class StaffNoStoreTest extends AppTest {

    @Inject Accounts accounts;

    static void noStore(Http.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.raw().headers().allValues("Cache-Control")).as("status " + status).containsExactly("no-store");
    }

    @Test
    void staffPagesFormsErrorsAndApiAreNeverStored() {
        String admin = StaffAgent.account(accounts, Role.ADMIN, List.of());
        StaffAgent a = new StaffAgent(http).signedIn(admin, StaffAgent.PASSWORD);
        noStore(a.get("/staff/schools"), 200);
        noStore(a.postWithCsrf("/staff/schools", "name", " ", "municipality", "", "category", ""), 422);
        noStore(a.postWithCsrf("/staff/municipalities/rename", "from", "", "to", ""), 422);
        noStore(a.postWithCsrf("/staff/waves", "name", "", "kind", "", "opensAt", "x", "closesAt", ""), 422);
        noStore(a.get("/staff/schools/999999999"), 404);
        noStore(a.get("/staff/no-such-page"), 404);
        noStore(a.post("/staff/schools", "name=x"), 403);   // no CSRF token: cut short by a filter
        noStore(a.getJson("/api/v1/staff/waves/999999999/monitoring"), 404);
        noStore(http.get("/staff/login"), 200);
    }
}
