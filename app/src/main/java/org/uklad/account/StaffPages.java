package org.uklad.account;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;

/** View models of the staff pages, one record per page. */
public final class StaffPages {

    private StaffPages() {
    }

    /**
     * What every signed-in page shows around its content: who is signed in, the sign-out form and,
     * on the first page after a sign-in, the wrong passwords given for the account since the last one;
     * {@code managesWaves} when the header offers the waves ({@link SchoolScope#mayManageWaves}).
     */
    @Introspected
    public record Chrome(String lang, String otherLang, String displayName, String login, String role,
                         boolean admin, boolean managesWaves, String csrfToken, int failedSignIns) {}

    /**
     * One choice of a staff form (a select option, a radio button or a checkbox): its value, its
     * label, and whether it is the one chosen.
     */
    public record Option(String value, String label, boolean selected) {

        /** The same as {@link #selected()}, as a checkbox or radio button reads it. */
        public boolean checked() {
            return selected;
        }
    }

    /** The sign-in form; {@code csrfToken} is the pre-session token also set as a cookie. */
    @Introspected
    public record LoginPage(String lang, String otherLang, String login, @Nullable String error,
                            String csrfToken, String next) {}

    /** Change of one's own password; {@code forced} when it must be changed before anything else. */
    @Introspected
    public record PasswordPage(Chrome chrome, boolean forced, boolean changed, Map<String, String> errors) {}

    /**
     * The staff member's own account: who they are and their personal API tokens; {@code issuedToken}
     * is a token just made, shown this once ({@code issuedName} its name), {@code revoked} after a revocation.
     */
    @Introspected
    public record AccountPage(Chrome chrome, String login, String displayName, String role, List<TokenRow> tokens,
                              List<Option> validities, String name, Map<String, String> errors,
                              @Nullable String issuedToken, @Nullable String issuedName, boolean revoked) {}

    /** One personal API token as listed: never its secret, only the visible start. */
    public record TokenRow(long id, String shownAs, String name, String created, String expires, String lastUsed,
                           String state, boolean active) {}

    public record AccountRow(long id, String login, String displayName, String role, boolean active,
                             boolean mustChangePassword, String schools, boolean self) {}

    public record SchoolOption(long id, String label, boolean checked) {}

    /** The audit log (ADMIN). */
    @Introspected
    public record AuditPage(Chrome chrome, List<AuditRow> events, List<String> actions, String action) {}

    /** One audit entry as shown: the time in the configured zone and every part in the page's language. */
    public record AuditRow(String when, String actor, String action, String target, String detail) {}

    /** The administrator's list of accounts with the form to create one. */
    @Introspected
    public record AccountsPage(Chrome chrome, List<AccountRow> accounts, List<SchoolOption> schools,
                               List<String> roles, String login, String displayName, String role,
                               Map<String, String> errors, boolean created) {}

    /** One account's edit form (ADMIN): name, role, schools, and an optional new initial password. */
    @Introspected
    public record AccountEditPage(Chrome chrome, long id, String login, String displayName, String role,
                                 List<String> roles, List<SchoolOption> schools, boolean self,
                                 Map<String, String> errors, boolean saved) {}
}
