package org.uklad.account;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uklad.audit.AuditLog;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;

/**
 * One staff sign-in attempt, from the throttle to a new session: the attempt's failure is counted
 * before the password is checked ({@link LoginThrottle}), a wrong password is counted for the
 * account's owner and audited, and a right one starts a new session (ending the browser's old
 * one) and renews the browser's device cookie ({@link DeviceCookies}).
 */
@Singleton
final class SignIns {

    private static final Logger LOG = LoggerFactory.getLogger(SignIns.class);

    /** How an attempt ended. */
    sealed interface Outcome permits SignedIn, Failed, Throttled, Busy {}

    /** Signed in: the new session's cookie value (to send once, never to log) and the renewed device cookie. */
    record SignedIn(StaffAccount account, String sessionToken, Cookie device) implements Outcome {}

    /** Wrong login or password (an unknown login and an inactive account alike). */
    record Failed() implements Outcome {}

    /** Too many failures: nothing was checked; try again in this many seconds. */
    record Throttled(long retryAfterSeconds) implements Outcome {}

    /** No hashing slot free: nothing was checked and nothing counted; try again in a few seconds. */
    record Busy() implements Outcome {}

    private final Accounts accounts;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final DeviceCookies devices;
    private final AuditLog audit;

    SignIns(Accounts accounts, Sessions sessions, LoginThrottle throttle, DeviceCookies devices, AuditLog audit) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
        this.devices = devices;
        this.audit = audit;
    }

    Outcome attempt(HttpRequest<?> request, String login, String password) {
        LoginThrottle.Admission admission = throttle.admit(request, login, devices.read(request, login));
        if (admission instanceof LoginThrottle.Wait wait) {
            return new Throttled(wait.retryAfterSeconds());
        }
        LoginThrottle.Attempt attempt = (LoginThrottle.Attempt) admission;
        try {
            return check(request, login, password, attempt);
        } catch (ProblemException e) {
            if (e.code() == ErrorCode.SERVICE_UNAVAILABLE) {
                return new Busy();
            }
            throw e;
        } finally {
            attempt.unchecked();   // no-op when the check settled it
        }
    }

    private Outcome check(HttpRequest<?> request, String login, String password, LoginThrottle.Attempt attempt) {
        Optional<StaffAccount> account = accounts.authenticate(login, password);
        if (account.isEmpty()) {
            attempt.failed();
            LOG.info("Failed staff sign-in");
            // what was typed as a login may be a mistyped password: name it only if it is a real login
            audit.record(accounts.countFailedSignIn(login) ? Accounts.normalizeLogin(login) : "unknown login",
                    AuditLog.Action.SIGN_IN_FAILED, "", "");
            return new Failed();
        }
        attempt.succeeded();
        StaffAccount signedIn = account.get();
        request.getCookies().findCookie(Sessions.COOKIE).map(Cookie::getValue).ifPresent(sessions::end);
        Sessions.Started started = sessions.start(signedIn.id(), accounts.takeFailedSignIns(signedIn.id()));
        LOG.info("Staff sign-in: account {}", signedIn.id());
        audit.record(signedIn.login() + " (#" + signedIn.id() + ")", AuditLog.Action.SIGN_IN, "", "");
        return new SignedIn(signedIn, started.token(), devices.issue(signedIn.login()));
    }
}
