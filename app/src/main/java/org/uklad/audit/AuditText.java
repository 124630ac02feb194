package org.uklad.audit;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.uklad.system.Messages;
import org.uklad.system.ReportFormats;

/**
 * The audit log's targets and details in the page's language. They are stored as the plain English
 * lines the features write ({@code "wave 5, school 3"}, {@code "invitation sheets, 12 codes, ru"}),
 * which the API returns as they are; here each known line is matched and re-said through the
 * messages ({@code audit.detail.*}, {@code audit.target.*}), roles, wave kinds, languages and times
 * included. A line no rule knows (names typed by people, file names) is shown as stored.
 */
@Singleton
public class AuditText {

    /** One way a detail is written: the action, the whole line, and the message re-saying it. */
    private record Rule(AuditLog.Action action, Pattern line, String key) {}

    private static final List<Rule> RULES = new ArrayList<>();

    private static void rule(AuditLog.Action action, String line, String key) {
        RULES.add(new Rule(action, Pattern.compile(line), "audit.detail." + key));
    }

    // groups named role…, kind…, lang… and at… are themselves translated or formatted; the others are data
    static {
        rule(AuditLog.Action.PDF_DOWNLOADED, "municipal summary, (?<lang>\\w+)", "municipalSummary");
        rule(AuditLog.Action.PDF_DOWNLOADED, "school summary, (?<lang>\\w+)", "schoolSummary");
        rule(AuditLog.Action.PDF_DOWNLOADED, "invitation sheets, (\\d+) codes, (?<lang>\\w+)", "invitations");
        rule(AuditLog.Action.PDF_DOWNLOADED, "programme report, (?<lang>\\w+)", "programmeReport");
        rule(AuditLog.Action.PDF_DOWNLOADED, "plan and fact, (?<lang>\\w+)", "planAndFact");
        rule(AuditLog.Action.PDF_DOWNLOADED, "school summaries as ZIP: (\\d+) of (\\d+), (?<lang>\\w+)", "summaryZip");
        rule(AuditLog.Action.QUESTIONNAIRE_IMPORTED, "version (\\d+) from (.*)", "questionnaireImported");
        rule(AuditLog.Action.MUNICIPALITY_RENAMED, "(.*) \\((\\d+) schools\\)", "municipalityRenamed");
        rule(AuditLog.Action.PARTNERSHIP_CREATED, "mentor school (\\d+)", "mentor");
        rule(AuditLog.Action.PARTNERSHIP_REMOVED, "mentor school (\\d+)", "mentor");
        rule(AuditLog.Action.SUMMARY_BATCH_STARTED, "batch (\\d+): (\\d+) schools, (?<lang>\\w+)", "batchStarted");
        rule(AuditLog.Action.SUMMARY_BATCH_CANCELLED, "batch (\\d+) of account #(\\d+): (\\d+) of (\\d+) schools made",
                "batchCancelled");
        rule(AuditLog.Action.ACCOUNT_CREATED, "(.*), (?<role>[A-Z]+), schools (.*)", "accountCreated");
        rule(AuditLog.Action.ACCOUNT_CHANGED, "(.*): role (?<role>[A-Z]+) → (?<role2>[A-Z]+), schools (.*) → (.*), name changed",
                "accountChangedNamed");
        rule(AuditLog.Action.ACCOUNT_CHANGED, "(.*): role (?<role>[A-Z]+) → (?<role2>[A-Z]+), schools (.*) → (.*)",
                "accountChanged");
        rule(AuditLog.Action.PASSWORD_RESET, "(.*): sessions ended", "passwordReset");
        rule(AuditLog.Action.PASSWORD_CHANGED, "other sessions ended", "passwordChanged");
        rule(AuditLog.Action.RESPONSES_IMPORTED, "(.*): (\\d+) stored, (\\d+) already present", "responsesImported");
        rule(AuditLog.Action.WAVE_CREATED, "(.*) \\((?<kind>[A-Z]+)\\)", "waveCreated");
        rule(AuditLog.Action.WAVE_RESCHEDULED, "closes at (?<at>\\S+)", "waveRescheduled");
        rule(AuditLog.Action.API_TOKEN_CREATED, "token (\\S+) (.*), (\\d+) days", "apiTokenCreated");
        rule(AuditLog.Action.API_TOKEN_CREATED, "token (\\S+) (.*), no expiry", "apiTokenCreatedForever");
        rule(AuditLog.Action.API_TOKEN_REVOKED, "token (\\S+) (.*)", "apiTokenRevoked");
        rule(AuditLog.Action.CODES_GENERATED, "(\\d+) × (\\d+) uses, (.*), group (.*)", "codesGenerated");
    }

    /** Parts of the free-text reading's line ("page: example (shown), other (hidden: under 5)"). */
    private static final Pattern SHOWN = Pattern.compile(" \\(shown\\)");
    private static final Pattern HIDDEN = Pattern.compile(" \\(hidden: under (\\d+)\\)");
    private static final Pattern TARGET_WORD = Pattern.compile("(^|, )(wave|school|account|questionnaire|municipality) ");
    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>|\\((?!\\?)");

    private final Messages messages;
    private final ReportFormats formats;

    AuditText(Messages messages, ReportFormats formats) {
        this.messages = messages;
        this.formats = formats;
    }

    /** "wave 5, school 3" → "волна 5, школа 3". */
    public String target(String stored, Locale locale) {
        Matcher m = TARGET_WORD.matcher(stored);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + messages.get("audit.target." + m.group(2), locale) + " "));
        }
        return m.appendTail(out).toString();
    }

    /** The detail of an event of {@code action} (its enum name) in the page's language, or as stored. */
    public String detail(String action, String stored, Locale locale) {
        if ("FREE_TEXT_VIEWED".equals(action)) {
            return freeText(stored, locale);
        }
        for (Rule r : RULES) {
            if (!r.action().name().equals(action)) {
                continue;
            }
            Matcher m = r.line().matcher(stored);
            if (m.matches()) {
                return messages.get(r.key(), locale, arguments(r.line(), m, locale));
            }
        }
        return stored;
    }

    /** Who acted: a person's login as stored; the service itself, the API token and an unknown login in words. */
    public String actor(String stored, Locale locale) {
        return switch (stored) {
            case "system" -> messages.get("audit.actor.system", locale);
            case "api-token" -> messages.get("audit.actor.token", locale);
            case "unknown login" -> messages.get("audit.actor.unknown", locale);
            default -> stored;
        };
    }

    private String freeText(String stored, Locale locale) {
        String out = stored.replace("no free-text questions", messages.get("audit.detail.noFreeText", locale));
        if (out.startsWith("page: ")) {
            out = messages.get("audit.detail.viaPage", locale) + out.substring("page".length());
        } else if (out.startsWith("staff API: ")) {
            out = messages.get("audit.detail.viaApi", locale) + out.substring("staff API".length());
        }
        out = SHOWN.matcher(out).replaceAll(Matcher.quoteReplacement(" (" + messages.get("audit.detail.shown", locale) + ")"));
        Matcher hidden = HIDDEN.matcher(out);
        StringBuilder b = new StringBuilder();
        while (hidden.find()) {
            hidden.appendReplacement(b, Matcher.quoteReplacement(
                    " (" + messages.get("audit.detail.hidden", locale, hidden.group(1)) + ")"));
        }
        return hidden.appendTail(b).toString();
    }

    /** The groups of a match in order, each named one translated by the kind its name begins with. */
    private Object[] arguments(Pattern line, Matcher m, Locale locale) {
        List<String> names = new ArrayList<>();
        Matcher g = GROUP_NAME.matcher(line.pattern().replace("\\(", "").replace("\\)", ""));
        while (g.find()) {
            names.add(g.group(1)); // null for an unnamed group
        }
        Object[] out = new Object[m.groupCount()];
        for (int i = 1; i <= m.groupCount(); i++) {
            String name = i - 1 < names.size() ? names.get(i - 1) : null;
            String value = m.group(i);
            out[i - 1] = value == null || name == null ? value : translated(name, value, locale);
        }
        return out;
    }

    private String translated(String name, String value, Locale locale) {
        if (name.startsWith("role")) {
            return messages.get("role." + value, locale);
        }
        if (name.startsWith("kind")) {
            return messages.get("wave.kind." + value, locale);
        }
        if (name.startsWith("lang")) {
            return messages.get("audit.lang." + value, locale);
        }
        try {
            return formats.of(locale).dateTime(Instant.parse(value));
        } catch (DateTimeParseException e) {
            return value;
        }
    }
}
