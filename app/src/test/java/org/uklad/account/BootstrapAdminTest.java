package org.uklad.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.uklad.support.Database;

/** First start without a configured password: one administrator, a one-time password, created once. */
@MicronautTest(transactional = false)
class BootstrapAdminTest {

    @Inject DataSource dataSource;
    @Inject BootstrapAdmin bootstrap;

    @Test
    void anAdministratorWithAOneTimePasswordIsCreatedOnceOnly() {
        Database db = new Database(dataSource);
        assertThat(db.count("SELECT count(*) FROM staff_account")).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM staff_account WHERE login = 'admin' AND role = 'ADMIN' "
                + "AND must_change_password AND active")).isEqualTo(1);
        assertThat(db.string("SELECT password_hash FROM staff_account WHERE login = 'admin'")).startsWith("$2b$04$");
        assertThat(bootstrap.ensureAdmin()).isFalse();
        assertThat(bootstrap.ensureAdmin()).isFalse();
        assertThat(db.count("SELECT count(*) FROM staff_account")).isEqualTo(1);
    }
}
