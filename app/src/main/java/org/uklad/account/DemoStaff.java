package org.uklad.account;

import io.micronaut.context.annotation.Requires;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The staff of the demo ({@code dev} environment only): a director and a psychologist who sign in
 * with the passwords the README gives and need not change them, so a newcomer sees the product as
 * each role does. The coordinator is the first administrator ({@link BootstrapAdmin}).
 */
@Singleton
@Requires(property = "uklad.demo.enabled", value = "true")
public class DemoStaff {

    public static final String DIRECTOR = "director";
    public static final String PSYCHOLOGIST = "psychologist";
    static final String DIRECTOR_PASSWORD = "demo-director";
    static final String PSYCHOLOGIST_PASSWORD = "demo-psychologist";

    private final Accounts accounts;
    private final BootstrapAdmin firstAdmin;

    DemoStaff(Accounts accounts, BootstrapAdmin firstAdmin) {
        this.accounts = accounts;
        this.firstAdmin = firstAdmin;
    }

    /**
     * Creates the director of {@code directorSchool} and the psychologist of {@code psychologistSchools},
     * after the first administrator (who is created only while there is no account at all).
     */
    public void create(long directorSchool, List<Long> psychologistSchools) {
        firstAdmin.ensureAdmin();
        accounts.create(DIRECTOR, "Директор (демо)", Role.DIRECTOR, List.of(directorSchool), DIRECTOR_PASSWORD, false);
        accounts.create(PSYCHOLOGIST, "Психолог (демо)", Role.PSYCHOLOGIST, psychologistSchools, PSYCHOLOGIST_PASSWORD, false);
    }

    /** The demo psychologist as a signed-in user, for recording the demo's focus group in their name. */
    public Authentication psychologist() {
        return signedIn(PSYCHOLOGIST);
    }

    /** The demo director as a signed-in user (the demo's progress notes of the supported school). */
    public Authentication director() {
        return signedIn(DIRECTOR);
    }

    /** The first administrator (the demo's coordinator) as a signed-in user, for the demo's support programme. */
    public Authentication coordinator() {
        StaffAccount account = accounts.list().stream().filter(a -> a.role() == Role.ADMIN).findFirst()
                .flatMap(a -> accounts.find(a.id())).orElseThrow();
        return StaffAuthentication.of(account, accounts.schoolsOf(account.id()));
    }

    private Authentication signedIn(String login) {
        StaffAccount account = accounts.list().stream().filter(a -> a.login().equals(login))
                .findFirst().flatMap(a -> accounts.find(a.id())).orElseThrow();
        return StaffAuthentication.of(account, accounts.schoolsOf(account.id()));
    }
}
