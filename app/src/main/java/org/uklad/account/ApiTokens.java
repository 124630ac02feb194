package org.uklad.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.uklad.account.AccountRepositories.StaffAccountRepository;
import org.uklad.account.AccountRepositories.StaffApiTokenRepository;
import org.uklad.audit.AuditLog;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldCode;
import org.uklad.system.FieldError;
import org.uklad.system.Hashes;
import org.uklad.system.ProblemException;
import org.uklad.system.ReportFormats;

/**
 * Personal staff API tokens: a script reads {@code /api/v1/staff/**} as the token's owner, with the
 * owner's role and schools as they are at each request (a changed scope or a deactivated account
 * takes effect at once). A token is {@code uk_<public id>_<256 random bits>}; only its SHA-256 is
 * kept, so it is shown once, when it is made. Creation and revocation are audited by public id and
 * name, never with the secret.
 */
@Singleton
public class ApiTokens {

    static final String PREFIX = "uk_";
    static final int NAME_MAX = 100;
    /** How long a new token may live, in days; "never" means until revoked. */
    static final List<String> VALIDITIES = List.of("30", "90", "365", "never");
    private static final Pattern SHAPE = Pattern.compile("uk_[0-9a-z]{8}_[A-Za-z0-9_-]{43}");
    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final StaffApiTokenRepository tokens;
    private final StaffAccountRepository accounts;
    private final Accounts accountService;
    private final AuditLog audit;
    private final ReportFormats formats;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(StaffApiTokenRepository tokens, StaffAccountRepository accounts, Accounts accountService, AuditLog audit,
              ReportFormats formats) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.accountService = accountService;
        this.audit = audit;
        this.formats = formats;
    }

    /** A token just made: the whole token (to show once, never to store or log) and its stored row. */
    record Issued(String token, StaffApiToken stored) {}

    /** Makes a token for the account; {@code validity} is one of {@link #VALIDITIES}. */
    @Transactional
    Issued create(long accountId, @Nullable String name, @Nullable String validity) {
        String label = name == null ? "" : name.strip();
        List<FieldError> errors = new ArrayList<>();
        if (label.isEmpty()) {
            errors.add(FieldError.of("name", FieldCode.REQUIRED));
        } else if (label.length() > NAME_MAX) {
            errors.add(FieldError.of("name", FieldCode.TOO_LONG, String.valueOf(NAME_MAX)));
        }
        if (validity == null || !VALIDITIES.contains(validity)) {
            errors.add(FieldError.of("validity", FieldCode.NOT_AN_OPTION));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant expires = validity.equals("never") ? null : now.plus(Duration.ofDays(Long.parseLong(validity)));
        String publicId = freshPublicId();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + publicId + "_" + B64.encodeToString(secret);
        StaffApiToken saved = tokens.save(new StaffApiToken(null, accountId, publicId, label, Hashes.sha256Hex(token),
                now, expires, null, null));
        audit.record(AuditLog.Action.API_TOKEN_CREATED, "account " + accountId,
                "token " + saved.shownAs() + " " + label + ", " + (expires == null ? "no expiry" : validity + " days"));
        return new Issued(token, saved);
    }

    private String freshPublicId() {
        while (true) {
            StringBuilder id = new StringBuilder(8);
            for (int i = 0; i < 8; i++) {
                id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            if (!tokens.existsByPublicId(id.toString())) {
                return id.toString();
            }
        }
    }

    /** The account's tokens, newest first, revoked and expired ones included (marked as such). */
    List<StaffApiToken> of(long accountId) {
        return tokens.findByAccountIdOrderByCreatedAtDesc(accountId);
    }

    /** Revokes one of the account's own tokens; another account's token is "not found". */
    @Transactional
    void revoke(long accountId, long tokenId) {
        StaffApiToken token = tokens.findById(tokenId).filter(t -> t.accountId() == accountId)
                .orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        if (tokens.revoke(token.id(), Instant.now().truncatedTo(ChronoUnit.MICROS)) > 0) {
            audit.record(AuditLog.Action.API_TOKEN_REVOKED, "account " + accountId,
                    "token " + token.shownAs() + " " + token.name());
        }
    }

    /**
     * The staff member a bearer token stands for, or empty for an unknown, revoked or expired token
     * or an inactive account. Notes the day of use.
     */
    Optional<Authentication> authenticate(@Nullable String token) {
        if (token == null || !SHAPE.matcher(token).matches()) {
            return Optional.empty();   // not even the shape of a token: no database lookup
        }
        Instant now = Instant.now();
        Optional<StaffApiToken> found = tokens.findBySecretHash(Hashes.sha256Hex(token)).filter(t -> t.validAt(now));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StaffApiToken t = found.get();
        Optional<StaffAccount> owner = accounts.findById(t.accountId()).filter(StaffAccount::active);
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        tokens.usedOn(t.id(), LocalDate.ofInstant(now, formats.zone()));
        return Optional.of(StaffAuthentication.ofToken(owner.get(), accountService.schoolsOf(t.accountId()), t.publicId()));
    }
}
