package org.uklad.response;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.uklad.questionnaires.ChoiceOption;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.questionnaires.ResponseScale;
import org.uklad.system.FieldError;
import org.uklad.system.FieldCode;

/**
 * Checks a respondent's answers against the exact questionnaire version they saw.
 *
 * <p>Raw values are what the client sent: from JSON, {@link BigDecimal} for numbers, {@link String},
 * {@link Boolean}, {@link List} or {@code null}; from an HTML form, always strings (or lists of
 * strings), which {@code fromForm} allows to be read as numbers. Answers to an item whose
 * {@code showIf} condition is not met are discarded (a page without JavaScript shows every item),
 * and only shown items can be required. Empty strings and empty lists count as no answer.
 */
final class AnswerValidator {

    /** Either the answers to store or every problem found; never both. */
    record Outcome(List<StoredAnswer> answers, List<FieldError> errors) {
        boolean valid() {
            return errors.isEmpty();
        }
    }

    private AnswerValidator() {
    }

    static Outcome validate(Questionnaire questionnaire, Map<String, Object> raw, boolean fromForm) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> known = new HashSet<>();
        for (Item item : questionnaire.items()) {
            known.add(item.id());
        }
        for (String id : raw.keySet()) {
            if (!known.contains(id)) {
                errors.add(FieldError.of(id, FieldCode.UNKNOWN_ITEM));
            }
        }
        Map<String, StoredAnswer> accepted = new LinkedHashMap<>();
        for (Item item : questionnaire.items()) {
            if (!shown(item, accepted)) {
                continue;
            }
            Object value = raw.get(item.id());
            if (isEmpty(value)) {
                if (item.required()) {
                    errors.add(FieldError.of(item.id(), FieldCode.REQUIRED));
                }
                continue;
            }
            StoredAnswer answer = switch (item.type()) {
                case LIKERT -> likert(item, questionnaire.scaleOf(item), value, fromForm, errors);
                case SINGLE -> single(item, value, errors);
                case MULTIPLE -> multiple(item, value, errors);
                case NUMBER -> number(item, value, fromForm, errors);
                case TEXT -> text(item, value, errors);
            };
            if (answer != null) {
                accepted.put(item.id(), answer);
            }
        }
        return errors.isEmpty() ? new Outcome(List.copyOf(accepted.values()), List.of()) : new Outcome(List.of(), errors);
    }

    static boolean shown(Item item, Map<String, StoredAnswer> earlier) {
        if (item.showIf() == null) {
            return true;
        }
        StoredAnswer condition = earlier.get(item.showIf().item());
        return condition != null && condition.comparableValues().stream().anyMatch(item.showIf().anyOf()::contains);
    }

    private static boolean isEmpty(Object value) {
        return value == null
                || (value instanceof String s && s.isBlank())
                || (value instanceof List<?> l && l.isEmpty());
    }

    private static StoredAnswer likert(Item item, ResponseScale scale, Object value, boolean fromForm, List<FieldError> errors) {
        BigInteger n = integer(value, fromForm);
        if (n == null) {
            errors.add(FieldError.of(item.id(), FieldCode.WRONG_TYPE, "integer"));
            return null;
        }
        if (n.bitLength() > 31 || !scale.hasValue(n.intValue())) {
            errors.add(FieldError.of(item.id(), FieldCode.NOT_ON_SCALE, scale.min(), scale.max()));
            return null;
        }
        return StoredAnswer.ofInt(item.id(), n.intValue());
    }

    private static StoredAnswer number(Item item, Object value, boolean fromForm, List<FieldError> errors) {
        BigInteger n = integer(value, fromForm);
        if (n == null) {
            errors.add(FieldError.of(item.id(), FieldCode.WRONG_TYPE, "integer"));
            return null;
        }
        if (n.compareTo(BigInteger.valueOf(item.min())) < 0 || n.compareTo(BigInteger.valueOf(item.max())) > 0) {
            errors.add(FieldError.of(item.id(), FieldCode.OUT_OF_RANGE, item.min(), item.max()));
            return null;
        }
        return StoredAnswer.ofInt(item.id(), n.intValue());
    }

    private static StoredAnswer single(Item item, Object value, List<FieldError> errors) {
        Object one = value instanceof List<?> l && l.size() == 1 ? l.getFirst() : value;
        if (!(one instanceof String s)) {
            errors.add(FieldError.of(item.id(), FieldCode.WRONG_TYPE, "string"));
            return null;
        }
        if (!item.hasOption(s)) {
            errors.add(FieldError.of(item.id(), FieldCode.NOT_AN_OPTION));
            return null;
        }
        return StoredAnswer.ofText(item.id(), s);
    }

    private static StoredAnswer multiple(Item item, Object value, List<FieldError> errors) {
        List<?> values = value instanceof List<?> l ? l : List.of(value);
        List<String> chosen = new ArrayList<>();
        for (Object v : values) {
            if (!(v instanceof String s)) {
                errors.add(FieldError.of(item.id(), FieldCode.WRONG_TYPE, "array of strings"));
                return null;
            }
            if (!item.hasOption(s)) {
                errors.add(FieldError.of(item.id(), FieldCode.NOT_AN_OPTION));
                return null;
            }
            if (chosen.contains(s)) {
                errors.add(FieldError.of(item.id(), FieldCode.DUPLICATE_OPTION));
                return null;
            }
            chosen.add(s);
        }
        boolean exclusiveChosen = item.options().stream()
                .filter(ChoiceOption::exclusive).anyMatch(o -> chosen.contains(o.value()));
        if (exclusiveChosen && chosen.size() > 1) {
            errors.add(FieldError.of(item.id(), FieldCode.EXCLUSIVE_OPTION));
            return null;
        }
        return StoredAnswer.ofChoices(item.id(), chosen);
    }

    private static StoredAnswer text(Item item, Object value, List<FieldError> errors) {
        if (!(value instanceof String s)) {
            errors.add(FieldError.of(item.id(), FieldCode.WRONG_TYPE, "string"));
            return null;
        }
        String text = s.strip();
        if (text.codePointCount(0, text.length()) > item.maxLength()) {
            errors.add(FieldError.of(item.id(), FieldCode.TOO_LONG, item.maxLength()));
            return null;
        }
        if (text.indexOf('\u0000') >= 0) {
            errors.add(FieldError.of(item.id(), FieldCode.WRONG_TYPE, "string"));
            return null;
        }
        return StoredAnswer.ofText(item.id(), text);
    }

    /** A whole number, or null if the value is not one (booleans, fractions, text). */
    private static BigInteger integer(Object value, boolean fromForm) {
        if (value instanceof BigDecimal d) {
            if (d.signum() != 0 && d.precision() - d.scale() > 20) {
                // far out of any range; never expand 1e1000000000 into a BigInteger
                return BigInteger.TEN.pow(21).multiply(BigInteger.valueOf(d.signum()));
            }
            try {
                return d.toBigIntegerExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }
        if (value instanceof BigInteger b) {
            return b;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (fromForm && value instanceof String s && s.strip().matches("-?\\d{1,12}")) {
            return new BigInteger(s.strip());
        }
        return null;
    }
}
