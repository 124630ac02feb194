package org.uklad.system;

import java.util.Optional;

/**
 * The catalogue of field errors, beside {@link ErrorCode}: one constant per reason a field of a
 * request or a form is refused. {@link #code()} is what the API puts in a problem's
 * {@code errors[].code} (stable, documented), and the message is {@code field.<code>} in both
 * bundles, with the error's arguments. Codes that look alike say different things and both reach
 * clients: {@link #RANGE} (a value between two bounds) and {@link #OUT_OF_RANGE} (a respondent's
 * whole number off the question's scale); {@link #LENGTH} (a name between a shortest and a longest
 * length) and {@link #TOO_LONG} (a text over its maximum).
 */
public enum FieldCode {
    // a request or an answer
    REQUIRED("required"),
    UNKNOWN_FIELD("unknown-field"),
    UNKNOWN_ITEM("unknown-item"),
    UNKNOWN_REFERENCE("unknown-reference"),
    WRONG_TYPE("wrong-type"),
    NUMBER("number"),
    RANGE("range"),
    OUT_OF_RANGE("out-of-range"),
    LENGTH("length"),
    TOO_LONG("too-long"),
    NOT_ON_SCALE("not-on-scale"),
    NOT_AN_OPTION("not-an-option"),
    DUPLICATE_OPTION("duplicate-option"),
    EXCLUSIVE_OPTION("exclusive-option"),
    NOT_AFTER("not-after"),
    DUPLICATE("duplicate"),
    FORBIDDEN_CHARACTER("forbidden-character"),
    HALF_SURROGATE("half-surrogate"),
    // the body itself
    NOT_UTF8("not-utf8"),
    JSON_SYNTAX("json-syntax"),
    DUPLICATE_KEY("duplicate-key"),
    TRAILING_CONTENT("trailing-content"),
    // idempotency keys
    INVALID_KEY("invalid-key"),
    KEY_REUSED("key-reused"),
    // files: CSV imports, questionnaire files
    CSV_MALFORMED("csv-malformed"),
    CSV_MALFORMED_AT("csv-malformed-at"),
    MISSING_COLUMN("missing-column"),
    UNKNOWN_COLUMN("unknown-column"),
    QUESTIONNAIRE_PROBLEM("questionnaire-problem"),
    // schools, waves and codes
    SAME_SCHOOL("same-school"),
    NOT_IN_WAVE("not-in-wave"),
    GROUP_TOO_SMALL("group-too-small"),
    RESERVED_LABEL("reserved-label"),
    DATETIME("datetime"),
    NOT_OPEN_YET("not-open-yet"),
    IN_FUTURE("in-future"),
    NO_SCHOOLS("no-schools"),
    /** An action that cannot be undone (closing a wave now) sent without its "I understand" box ticked. */
    NOT_CONFIRMED("not-confirmed"),
    // accounts
    LOGIN_FORMAT("login-format"),
    DIRECTOR_ONE_SCHOOL("director-one-school"),
    PSYCHOLOGIST_SCHOOLS("psychologist-schools"),
    OWN_ROLE("own-role"),
    WRONG_PASSWORD("wrong-password"),
    PASSWORD_MISMATCH("password-mismatch"),
    PASSWORD_UNCHANGED("password-unchanged"),
    // focus groups
    GUIDE_AUDIENCE("guide-audience"),
    INVALID_DATE("invalid-date"),
    NO_PARTICIPANTS("no-participants"),
    CODE_FORMAT("code-format"),
    TAG_TOO_LONG("tag-too-long"),
    TOO_MANY_TAGS("too-many-tags"),
    NO_VOTES("no-votes"),
    MORE_VOTES_THAN_PARTICIPANTS("more-votes-than-participants"),
    // support programmes
    /** A programme's mentor school that is not the school's mentor in the registry's partnerships. */
    NOT_A_PARTNERSHIP("not-a-partnership"),
    // streamed imports
    /** A refused file had more problems than are listed: how many more. */
    MORE_PROBLEMS("more-problems");

    private final String code;

    FieldCode(String code) {
        this.code = code;
    }

    /** The machine-readable code clients see. */
    public String code() {
        return code;
    }

    /** The message of the error, its arguments as {@code {0}}, {@code {1}}. */
    public String messageKey() {
        return "field." + code;
    }

    /**
     * The message a staff form shows: the same as {@link #messageKey()} except "required", which
     * reads "answer this question" for respondents but "fill in this field" on a staff form.
     */
    public String staffMessageKey() {
        return this == REQUIRED ? "field.required.staff" : messageKey();
    }

    public static Optional<FieldCode> byCode(String code) {
        for (FieldCode c : values()) {
            if (c.code.equals(code)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
