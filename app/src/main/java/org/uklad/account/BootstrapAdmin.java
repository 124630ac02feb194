package org.uklad.account;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uklad.system.ProblemException;

/**
 * First start: with no staff account at all, an administrator is created, with the password from
 * {@code uklad.bootstrap-admin.password} or else a random 20-character one printed once to the log
 * (and to be changed at first sign-in). Two replicas starting together cannot both create it: the
 * login is unique, and the loser logs nothing.
 */
@Singleton
class BootstrapAdmin implements ApplicationEventListener<ServerStartupEvent> {

    /** The stored name of the first administrator; pages show it in their language ({@link StaffPageSupport#displayName}). */
    static final String DISPLAY_NAME = "Administrator";

    private static final Logger LOG = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final Accounts accounts;
    private final AccountConfiguration.BootstrapAdmin configuration;

    BootstrapAdmin(Accounts accounts, AccountConfiguration.BootstrapAdmin configuration) {
        this.accounts = accounts;
        this.configuration = configuration;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        ensureAdmin();
    }

    /** Creates the administrator if there is no account; true when it did. */
    boolean ensureAdmin() {
        if (accounts.count() > 0) {
            return false;
        }
        String login = configuration.loginOrDefault();
        String configured = configuration.password();
        boolean generated = configured == null || configured.isEmpty();
        String password = generated ? accounts.passwords().random(20) : configured;
        try {
            accounts.create(login, DISPLAY_NAME, Role.ADMIN, List.of(), password, generated);
        } catch (ProblemException e) {
            if (accounts.count() > 0) {
                return false; // another replica was first
            }
            LOG.error("Cannot create the first administrator '{}': {} (check uklad.bootstrap-admin.*)", login,
                    e.fieldErrors());
            return false;
        } catch (RuntimeException e) {
            if (accounts.count() > 0) {
                return false;
            }
            throw e;
        }
        if (generated) {
            LOG.warn("""

                    ==========================================================================
                    No staff account existed: created administrator '{}' with the one-time
                    password  {}
                    Sign in at /staff/login; you will be asked to change it. It is not shown again.
                    ==========================================================================""",
                    login, password);
        } else {
            LOG.info("No staff account existed: created administrator '{}' with the configured password", login);
        }
        return true;
    }
}
