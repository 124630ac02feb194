package org.uklad.account;

import org.uklad.audit.AuditLog;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.uklad.account.AccountRepositories.StaffAccountRepository;
import org.uklad.account.AccountRepositories.StaffAccountSchoolRepository;
import org.uklad.account.AccountRepositories.StaffSessionRepository;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldError;
import org.uklad.system.FieldCode;
import org.uklad.system.Names;
import org.uklad.system.ProblemException;

/** Staff accounts: creation, sign-in check, password change, deactivation. */
@Singleton
public class Accounts {

    static final Pattern LOGIN = Pattern.compile("^[a-z0-9][a-z0-9._-]{2,63}$");

    private final StaffAccountRepository accounts;
    private final StaffAccountSchoolRepository accountSchools;
    private final StaffSessionRepository sessions;
    private final Passwords passwords;
    private final Schools schools;
    private final AuditLog audit;

    Accounts(StaffAccountRepository accounts, StaffAccountSchoolRepository accountSchools,
             StaffSessionRepository sessions, Passwords passwords, Schools schools, AuditLog audit) {
        this.audit = audit;
        this.accounts = accounts;
        this.accountSchools = accountSchools;
        this.sessions = sessions;
        this.passwords = passwords;
        this.schools = schools;
    }

    /** An account as shown in lists, with its schools (never the hash). */
    public record AccountView(long id, String login, String displayName, Role role, boolean active,
                              boolean mustChangePassword, List<Long> schoolIds) {}

    static String normalizeLogin(@Nullable String login) {
        return login == null ? "" : login.strip().toLowerCase(Locale.ROOT);
    }

    public long count() {
        return accounts.count();
    }

    public Optional<StaffAccount> find(long id) {
        return accounts.findById(id);
    }

    public List<Long> schoolsOf(long accountId) {
        return accountSchools.findByAccountId(accountId).stream().map(StaffAccountSchool::schoolId).sorted().toList();
    }

    public List<AccountView> list() {
        List<StaffAccount> all = accounts.findAllOrderByLogin();
        Map<Long, List<Long>> bySchool = all.isEmpty() ? Map.of()
                : accountSchools.findByAccountIdInList(all.stream().map(StaffAccount::id).toList()).stream()
                .collect(Collectors.groupingBy(StaffAccountSchool::accountId,
                        Collectors.mapping(StaffAccountSchool::schoolId, Collectors.toList())));
        return all.stream().map(a -> new AccountView(a.id(), a.login(), a.displayName(), a.role(), a.active(),
                a.mustChangePassword(), bySchool.getOrDefault(a.id(), List.of()).stream().sorted().toList())).toList();
    }

    /**
     * Checks a login and password. Takes the time of one bcrypt verification whether or not the
     * login exists or is active.
     */
    public Optional<StaffAccount> authenticate(@Nullable String login, @Nullable String password) {
        String normalized = normalizeLogin(login);
        Optional<StaffAccount> account = LOGIN.matcher(normalized).matches() ? accounts.findByLogin(normalized)
                : Optional.empty(); // a login no account can have (a NUL the database refuses) is not looked up
        if (account.isEmpty() || password == null || password.length() > Passwords.MAX_LENGTH) {
            passwords.verifyDummy(password == null || password.length() > Passwords.MAX_LENGTH ? "" : password);
            return Optional.empty();
        }
        boolean ok = passwords.verify(password, account.get().passwordHash());
        return ok && account.get().active() ? account : Optional.empty();
    }

    /**
     * Creates an account. Directors have exactly one school, psychologists at least one,
     * administrators none (they see everything). Throws VALIDATION_FAILED with each bad field.
     */
    @Transactional
    public StaffAccount create(@Nullable String login, @Nullable String displayName, @Nullable Role role,
                               List<Long> schoolIds, @Nullable String password, boolean mustChangePassword) {
        List<FieldError> errors = new ArrayList<>();
        String cleanLogin = normalizeLogin(login);
        String cleanName = Names.normalise("displayName", displayName, 200, errors);
        Set<Long> scope = new LinkedHashSet<>(schoolIds == null ? List.of() : schoolIds);
        if (!LOGIN.matcher(cleanLogin).matches()) {
            errors.add(FieldError.of("login", FieldCode.LOGIN_FORMAT));
        } else if (accounts.existsByLogin(cleanLogin)) {
            errors.add(FieldError.of("login", FieldCode.DUPLICATE));
        }
        if (role == null) {
            errors.add(FieldError.of("role", FieldCode.REQUIRED));
        }
        scopeErrors(role, scope, errors);
        passwordErrors("password", password, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        StaffAccount saved = accounts.save(new StaffAccount(null, cleanLogin, cleanName, passwords.hash(password), role,
                true, mustChangePassword, Instant.now().truncatedTo(ChronoUnit.MICROS)));
        if (role != Role.ADMIN) {
            for (Long school : new TreeSet<>(scope)) {
                accountSchools.save(new StaffAccountSchool(null, saved.id(), school));
            }
        }
        audit.record(AuditLog.Action.ACCOUNT_CREATED, "account " + saved.id(), cleanLogin + ", " + role + ", schools " + scope);
        return saved;
    }

    /** Directors have exactly one school, psychologists at least one; every school must exist. */
    private void scopeErrors(@Nullable Role role, Set<Long> scope, List<FieldError> errors) {
        for (Long id : scope) {
            if (id == null || schools.find(id).isEmpty()) {
                errors.add(FieldError.of("schools", FieldCode.UNKNOWN_REFERENCE, id));
            }
        }
        if (role == Role.DIRECTOR && scope.size() != 1) {
            errors.add(FieldError.of("schools", FieldCode.DIRECTOR_ONE_SCHOOL));
        } else if (role == Role.PSYCHOLOGIST && scope.isEmpty()) {
            errors.add(FieldError.of("schools", FieldCode.PSYCHOLOGIST_SCHOOLS));
        }
    }

    /**
     * Changes another account's name, role and schools and, when {@code newPassword} is not blank,
     * sets a new initial password the staff member must replace at the next sign-in (their
     * sessions end). The change applies to the account's open sessions at once: roles and schools
     * are read per request. An administrator cannot take the administrator role from themselves,
     * so the registry always keeps someone who can manage it.
     */
    @Transactional
    public void update(long accountId, @Nullable String displayName, @Nullable Role role, List<Long> schoolIds,
                       @Nullable String newPassword, @Nullable Long actingAccountId) {
        StaffAccount account = accounts.findById(accountId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        List<FieldError> errors = new ArrayList<>();
        String cleanName = Names.normalise("displayName", displayName, 200, errors);
        Set<Long> scope = new LinkedHashSet<>(schoolIds == null ? List.of() : schoolIds);
        if (role == null) {
            errors.add(FieldError.of("role", FieldCode.REQUIRED));
        } else if (actingAccountId != null && actingAccountId == accountId && account.role() == Role.ADMIN && role != Role.ADMIN) {
            errors.add(FieldError.of("role", FieldCode.OWN_ROLE));
        }
        scopeErrors(role, scope, errors);
        boolean reset = newPassword != null && !newPassword.isEmpty();
        if (reset) {
            passwordErrors("password", newPassword, errors);
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        List<Long> before = schoolsOf(accountId);
        List<Long> after = role == Role.ADMIN ? List.of() : new ArrayList<>(new TreeSet<>(scope));
        StaffAccount changed = account.withProfile(cleanName, role);
        if (reset) {
            changed = changed.withPassword(passwords.hash(newPassword), true);
        }
        accounts.update(changed);
        accountSchools.deleteByAccountId(accountId);
        for (Long school : after) {
            accountSchools.save(new StaffAccountSchool(null, accountId, school));
        }
        if (account.role() != role || !before.equals(after) || !account.displayName().equals(cleanName)) {
            audit.record(AuditLog.Action.ACCOUNT_CHANGED, "account " + accountId, account.login() + ": role "
                    + account.role() + " → " + role + ", schools " + before + " → " + after
                    + (account.displayName().equals(cleanName) ? "" : ", name changed"));
        }
        if (reset) {
            audit.record(AuditLog.Action.PASSWORD_RESET, "account " + accountId, account.login() + ": sessions ended");
            sessions.deleteByAccountId(accountId);
        }
    }

    static void passwordErrors(String field, @Nullable String password, List<FieldError> errors) {
        if (password == null || password.length() < Passwords.MIN_LENGTH || password.length() > Passwords.MAX_LENGTH) {
            errors.add(FieldError.of(field, FieldCode.LENGTH, Passwords.MIN_LENGTH, Passwords.MAX_LENGTH));
        } else if (password.isBlank()) {
            errors.add(FieldError.of(field, FieldCode.REQUIRED));
        }
    }

    /**
     * Changes one's own password: the current one must be right, the new one given twice. Every
     * other session of the account ends; {@code keepSessionHash} (the current one) stays.
     */
    @Transactional
    public void changePassword(long accountId, @Nullable String current, @Nullable String fresh,
                               @Nullable String repeat, @Nullable String keepSessionHash) {
        StaffAccount account = accounts.findById(accountId).orElseThrow(() -> new ProblemException(ErrorCode.UNAUTHORIZED));
        List<FieldError> errors = new ArrayList<>();
        if (current == null || current.length() > Passwords.MAX_LENGTH || !passwords.verify(current, account.passwordHash())) {
            errors.add(FieldError.of("current", FieldCode.WRONG_PASSWORD));
        }
        passwordErrors("password", fresh, errors);
        if (fresh != null && !fresh.equals(repeat)) {
            errors.add(FieldError.of("repeat", FieldCode.PASSWORD_MISMATCH));
        }
        if (errors.isEmpty() && fresh.equals(current)) {
            errors.add(FieldError.of("password", FieldCode.PASSWORD_UNCHANGED));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        accounts.update(account.withPassword(passwords.hash(fresh), false));
        audit.record(AuditLog.Action.PASSWORD_CHANGED, "account " + accountId, "other sessions ended");
        if (keepSessionHash == null) {
            sessions.deleteByAccountId(accountId);
        } else {
            sessions.deleteOthers(accountId, keepSessionHash);
        }
    }

    /** Turns an account off (or on again); a deactivated account's sessions end at once. */
    @Transactional
    public void setActive(long accountId, boolean active) {
        StaffAccount account = accounts.findById(accountId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        accounts.update(account.withActive(active));
        audit.record(active ? AuditLog.Action.ACCOUNT_ACTIVATED : AuditLog.Action.ACCOUNT_DEACTIVATED,
                "account " + accountId, account.login());
        if (!active) {
            sessions.deleteByAccountId(accountId);
        }
    }

    Passwords passwords() {
        return passwords;
    }

    /**
     * Counts a wrong password for the account with this login, for its owner to hear of at the next
     * sign-in; whether the login names an account is for the audit log only (sign-in answers never tell).
     */
    boolean countFailedSignIn(@Nullable String login) {
        String normalized = normalizeLogin(login);
        return LOGIN.matcher(normalized).matches() && accounts.countFailedSignIn(normalized) > 0;
    }

    /** The wrong passwords given since the account's last sign-in; the count starts again. */
    @Transactional
    int takeFailedSignIns(long accountId) {
        int failed = accounts.lockFailedSignIns(accountId);
        accounts.resetFailedSignIns(accountId);
        return failed;
    }
}
