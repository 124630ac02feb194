package org.uklad.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.uklad.system.ReportFormat;
import org.uklad.system.ReportFormats;

/** Builds the staff member's own account page: who they are, and their personal API tokens. */
@Singleton
class StaffAccountPresenter {

    private final StaffPageSupport pages;
    private final ApiTokens tokens;
    private final ReportFormats formats;

    StaffAccountPresenter(StaffPageSupport pages, ApiTokens tokens, ReportFormats formats) {
        this.pages = pages;
        this.tokens = tokens;
        this.formats = formats;
    }

    /**
     * The page; {@code issued} is a token just made (shown this once), {@code name} and
     * {@code validity} what the form holds, {@code errors} its field errors.
     */
    StaffPages.AccountPage page(HttpRequest<?> request, Authentication auth, @Nullable ApiTokens.Issued issued,
                                boolean revoked, String name, String validity, Map<String, String> errors) {
        Locale locale = pages.locale(request);
        ReportFormat format = formats.of(locale);
        long accountId = StaffAuthentication.accountId(auth).orElseThrow();
        Instant now = Instant.now();
        List<StaffPages.TokenRow> rows = tokens.of(accountId).stream().map(t -> new StaffPages.TokenRow(t.id(), t.shownAs(),
                t.name(), format.date(t.createdAt()),
                t.expiresAt() == null ? pages.text("account.tokens.noExpiry", locale) : format.date(t.expiresAt()),
                t.lastUsedOn() == null ? pages.text("account.tokens.neverUsed", locale) : format.date(t.lastUsedOn()),
                pages.text("account.tokens.state." + state(t, now), locale), t.validAt(now))).toList();
        List<StaffPages.Option> validities = ApiTokens.VALIDITIES.stream().map(v -> new StaffPages.Option(v,
                pages.text("account.tokens.validity." + v, locale), v.equals(validity))).toList();
        StaffPages.Chrome chrome = pages.chrome(request, auth);
        String role = pages.text("role." + chrome.role(), locale);
        return new StaffPages.AccountPage(chrome, chrome.login(), chrome.displayName(), role, rows, validities,
                StaffForms.echo(name, ApiTokens.NAME_MAX), errors, issued == null ? null : issued.token(),
                issued == null ? null : issued.stored().name(), revoked);
    }

    private static String state(StaffApiToken t, Instant now) {
        if (t.revokedAt() != null) {
            return "revoked";
        }
        return t.validAt(now) ? "active" : "expired";
    }
}
