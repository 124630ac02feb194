package org.uklad.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.uklad.support.Database;
import org.uklad.support.Http;

/** First start with a configured login and password: usable at once, no forced change. */
@MicronautTest(transactional = false)
@Property(name = "uklad.bootstrap-admin.login", value = "Coordinator")
@Property(name = "uklad.bootstrap-admin.password", value = "configured secret 42")
class BootstrapAdminConfiguredTest {

    @Inject EmbeddedServer server;
    @Inject JsonMapper jsonMapper;
    @Inject DataSource dataSource;

    @Test
    void theConfiguredAdministratorCanSignIn() {
        Database db = new Database(dataSource);
        assertThat(db.count("SELECT count(*) FROM staff_account WHERE login = 'coordinator' "
                + "AND NOT must_change_password")).isEqualTo(1);
        StaffAgent a = new StaffAgent(new Http(server.getURI(), jsonMapper));
        Http.Response r = a.signIn("coordinator", "configured secret 42");
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.header("Location")).isEqualTo("/staff");
        assertThat(a.get("/staff/accounts").status()).isEqualTo(200);
    }
}
