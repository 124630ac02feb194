package org.uklad.programme;

import io.micronaut.core.annotation.Nullable;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.uklad.system.FieldCode;
import org.uklad.system.FieldError;
import org.uklad.system.Names;

/**
 * The checks of a programme's and a measure's fields that need nothing but the values: lengths,
 * risk ids, dates and figures. What needs the registry (schools, partnerships, waves,
 * constructs) is checked by {@link Programmes}.
 */
final class ProgrammeChecks {

    static final int TITLE_MAX = 300;
    static final int GOALS_MAX = 4000;
    static final int MEASURE_TITLE_MAX = 500;
    static final int NOTE_MAX = 2000;
    static final int ASSESSMENT_MAX = 100;
    static final int SUBJECT_MAX = 200;
    static final int RISKS_MAX = 20;
    /** The risk factors' ids of the bundled risk catalogue (questionnaires/catalogue/risks.yaml). */
    static final org.uklad.questionnaires.RiskCatalogue RISKS = org.uklad.questionnaires.RiskCatalogue.bundled();
    static final Set<String> RISK_IDS = RISKS.factors().keySet();
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2100, 12, 31);
    /** Baselines and targets: a score on 0–100 or an external result (a mean exam score), never beyond this. */
    static final double VALUE_LIMIT = 100_000;

    private ProgrammeChecks() {
    }

    /** A one-line name (a title) of 1..max characters, normalised as every name ({@link Names}). */
    static String title(String field, @Nullable String value, int max, List<FieldError> errors) {
        return Names.normalise(field, value, max, errors);
    }

    /**
     * A text of several lines (goals, a note) of at most {@code max} characters, trimmed, with line
     * breaks kept as {@code \n}; invisible or control characters other than the line break are refused.
     */
    static String text(String field, @Nullable String value, int max, boolean required, List<FieldError> errors) {
        String v = value == null ? "" : Normalizer.normalize(value.replace("\r\n", "\n").replace('\r', '\n'),
                Normalizer.Form.NFC).strip();
        if (v.isEmpty()) {
            if (required) {
                errors.add(FieldError.of(field, FieldCode.REQUIRED));
            }
            return "";
        }
        if (v.codePointCount(0, v.length()) > max) {
            errors.add(FieldError.of(field, FieldCode.TOO_LONG, max));
            return "";
        }
        for (int i = 0; i < v.length(); ) {
            int cp = v.codePointAt(i);
            if (cp != '\n' && cp != '\t' && switch (Character.getType(cp)) {
                case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                     Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
                default -> false;
            }) {
                errors.add(FieldError.of(field, FieldCode.FORBIDDEN_CHARACTER, String.format(Locale.ROOT, "U+%04X", cp)));
                return "";
            }
            i += Character.charCount(cp);
        }
        return v;
    }

    /** Risk factor ids, each once, in the order given. */
    static String[] risks(@Nullable List<String> values, List<FieldError> errors) {
        Set<String> out = new LinkedHashSet<>();
        List<String> given = values == null ? List.of() : values;
        for (int i = 0; i < given.size(); i++) {
            String id = given.get(i) == null ? "" : given.get(i).strip();
            if (id.isEmpty()) {
                continue;
            }
            if (!RISK_IDS.contains(id)) {
                errors.add(FieldError.of("risks", FieldCode.UNKNOWN_REFERENCE, id.length() > 40 ? "" : id));
            } else {
                out.add(id);
            }
        }
        if (out.size() > RISKS_MAX) {
            errors.add(FieldError.of("risks", FieldCode.RANGE, 0, RISKS_MAX));
        }
        return out.toArray(String[]::new);
    }

    /** One risk id or none. */
    static @Nullable String risk(@Nullable String value, List<FieldError> errors) {
        String id = value == null ? "" : value.strip();
        if (id.isEmpty()) {
            return null;
        }
        if (!RISK_IDS.contains(id)) {
            errors.add(FieldError.of("riskFactor", FieldCode.UNKNOWN_REFERENCE, id.length() > 40 ? "" : id));
            return null;
        }
        return id;
    }

    /** A day between 2000 and 2100; {@code required} reports a missing one. */
    static void day(String field, @Nullable LocalDate day, List<FieldError> errors) {
        if (day == null) {
            errors.add(FieldError.of(field, FieldCode.INVALID_DATE));
        } else if (day.isBefore(EARLIEST) || day.isAfter(LATEST)) {
            errors.add(FieldError.of(field, FieldCode.RANGE, EARLIEST.toString(), LATEST.toString()));
        }
    }

    /** A figure within ±{@link #VALUE_LIMIT}, or none. */
    static void value(String field, @Nullable Double value, List<FieldError> errors) {
        if (value != null && (!Double.isFinite(value) || Math.abs(value) > VALUE_LIMIT)) {
            errors.add(FieldError.of(field, FieldCode.RANGE, -VALUE_LIMIT, VALUE_LIMIT));
        }
    }

    static List<FieldError> list() {
        return new ArrayList<>();
    }
}
