package org.uklad.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.utils.SecurityService;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log of staff actions. The actor is taken from the signed-in staff member of the
 * current request (login and account id, or the administration token), else "system" (start-up,
 * background work). Callers pass only what identifies the object touched (ids, counts, names of
 * files) — never passwords, session ids or access codes.
 */
@Singleton
public class AuditLog {

    /** What can happen. */
    public enum Action {
        SIGN_IN, SIGN_IN_FAILED, SIGN_OUT, PASSWORD_CHANGED, ACCOUNT_CREATED, ACCOUNT_ACTIVATED, ACCOUNT_DEACTIVATED,
        SCHOOL_REGISTERED, PARTNERSHIP_CREATED, QUESTIONNAIRE_IMPORTED, WAVE_CREATED, WAVE_RESCHEDULED, CODES_GENERATED,
        RESPONSES_EXPORTED, CODEBOOK_EXPORTED, RESPONSES_IMPORTED, PDF_DOWNLOADED,
        ACCOUNT_CHANGED, PASSWORD_RESET,
        EXTERNAL_RESULT_SAVED, EXTERNAL_SCORES_IMPORTED, EXTERNAL_SCORE_SAVED, EXTERNAL_SCORE_DELETED, WAVE_OUTCOME_CHOSEN,
        SCHOOL_UPDATED, MUNICIPALITY_RENAMED, PARTNERSHIP_REMOVED,
        FREE_TEXT_VIEWED, SUMMARY_BATCH_STARTED, SUMMARY_BATCH_CANCELLED,
        SCHOOL_PROFILE_SAVED, MENTOR_RESOURCES_SAVED, MENTOR_SCHOOL_MARKED,
        API_TOKEN_CREATED, API_TOKEN_REVOKED,
        // --- programme ---
        PROGRAMME_CREATED, PROGRAMME_UPDATED, MEASURE_ADDED, MEASURE_UPDATED, MEASURE_STATUS_CHANGED, MEASURE_NOTE_ADDED,
        IDENTIFICATION_DECIDED, MENTOR_CONFIRMED, // --- identify ---
        PLAN_INDICATOR_SAVED, PLAN_FACT_ENTERED,
    }

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final int MAX_FIELD = 500;

    private final AuditEventRepository events;
    private final Optional<SecurityService> security;

    AuditLog(AuditEventRepository events, Optional<SecurityService> security) {
        this.events = events;
        this.security = security;
    }

    public void record(Action action, String target, String detail) {
        record(actor(security.flatMap(SecurityService::getAuthentication).orElse(null)), action, target, detail);
    }

    /** For events whose actor is known but not signed in yet (e.g. a sign-in itself). */
    public void record(String actor, Action action, String target, String detail) {
        try {
            events.save(new AuditEvent(null, null, clip(actor), action.name(), clip(target), clip(detail)));
        } catch (RuntimeException e) {
            // the audit log must never turn a staff action into an error page; the action itself stands
            LOG.warn("Could not write audit event {}: {}", action, e.getClass().getSimpleName());
        }
    }

    public List<AuditEvent> latest(@Nullable Action action, int limit) {
        return events.latest(action == null ? null : action.name(), Math.max(1, Math.min(limit, 1000)));
    }

    public static String actor(@Nullable Authentication auth) {
        if (auth == null) {
            return "system";
        }
        Object id = auth.getAttributes().get("accountId");
        Object via = auth.getAttributes().get("via");
        if ("token".equals(via) || id == null) {
            return "api-token";
        }
        return auth.getName() + " (#" + id + ")";
    }

    private static String clip(@Nullable String s) {
        String v = s == null ? "" : s;
        return v.length() > MAX_FIELD ? v.substring(0, MAX_FIELD) : v;
    }
}
