package org.uklad.system;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JSON request body into a record, strictly: the body must be sent as UTF-8
 * {@code application/json}, be one JSON text as {@link JsonText} checks it (UTF-8, no name twice
 * in an object, nothing after the value, no half surrogate pair), be one JSON object, name only
 * the record's components, and give each
 * the exact JSON type (a number is not a name, 2.5 is not a count, an epoch number is not a
 * date). Every problem is reported by field at once. The framework's lenient binding would
 * quietly store coerced values; a coordinator's typo must come back as an error instead.
 *
 * <p>Supported component types: String, int/Integer, long/Long, boolean/Boolean, Instant (ISO-8601
 * text), LocalDate (YYYY-MM-DD), enums (their names), nested records, and lists of any of these;
 * problems inside lists and nested records are named like {@code participants[2].count}. Missing or
 * null components are null (primitives: an error); whether a value is required is for the caller.
 */
@Singleton
public class StrictJson {

    private final JsonMapper json;

    StrictJson(JsonMapper json) {
        this.json = json;
    }

    /** Refuses anything but UTF-8 JSON, so no body is ever read under a wrong charset. */
    public static void requireJson(HttpRequest<?> request) {
        MediaType type = request.getContentType().orElse(null);
        if (type == null || !"application".equals(type.getType()) || !"json".equals(type.getSubtype())) {
            throw new ProblemException(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        }
        String charset = type.getParameters().get("charset").orElse(null);
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
            throw new ProblemException(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        }
    }

    /** Parses the body as one JSON object. */
    public JsonNode object(HttpRequest<?> request, @Nullable byte[] body) {
        requireJson(request);
        byte[] bytes = body == null ? new byte[0] : body;
        List<FieldError> problems = JsonText.problems(bytes);
        if (!problems.isEmpty()) {
            throw new ProblemException(ErrorCode.MALFORMED_JSON, problems);
        }
        JsonNode root;
        try {
            root = json.readValue(bytes, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new ProblemException(ErrorCode.MALFORMED_JSON);
        }
        if (root == null || !root.isObject()) {
            throw new ProblemException(ErrorCode.MALFORMED_JSON);
        }
        return root;
    }

    public <T extends Record> T read(HttpRequest<?> request, @Nullable byte[] body, Class<T> type) {
        JsonNode root = object(request, body);
        List<FieldError> errors = new ArrayList<>();
        T value = record(root, type, "", errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        return value;
    }

    /** One JSON object as a record; problems are collected under {@code prefix} (e.g. {@code participants[2].}). */
    private static <T extends Record> T record(JsonNode node, Class<T> type, String prefix, List<FieldError> errors) {
        RecordComponent[] components = type.getRecordComponents();
        Set<String> names = new HashSet<>();
        for (RecordComponent c : components) {
            names.add(c.getName());
        }
        for (Map.Entry<String, JsonNode> e : node.entries()) {
            if (!names.contains(e.getKey())) {
                errors.add(FieldError.of(prefix + e.getKey(), FieldCode.UNKNOWN_FIELD));
            }
        }
        int before = errors.size();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            values[i] = convert(prefix + c.getName(), node.get(c.getName()), c.getType(), c.getGenericType(), errors);
        }
        if (errors.size() > before) {
            return null;
        }
        try {
            Constructor<T> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getName(), e);
        }
    }

    private static Object convert(String field, @Nullable JsonNode node, Class<?> type, Type generic, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            if (type.isPrimitive()) {
                errors.add(FieldError.of(field, FieldCode.REQUIRED));
            }
            return null;
        }
        if (type == String.class) {
            if (node.isString()) {
                return node.getStringValue();
            }
            return wrong(field, "string", errors);
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            long max = type == int.class || type == Integer.class ? Integer.MAX_VALUE : Long.MAX_VALUE;
            if (!node.isNumber()) {
                return wrong(field, "integer", errors);
            }
            BigDecimal d;
            try {
                d = new BigDecimal(node.getNumberValue().toString());
            } catch (NumberFormatException e) {
                return wrong(field, "integer", errors);
            }
            if (d.signum() != 0 && (d.precision() - d.scale() > 19 || d.stripTrailingZeros().scale() > 0)) {
                return wrong(field, "integer", errors);
            }
            if (d.compareTo(BigDecimal.valueOf(max)) > 0 || d.compareTo(BigDecimal.valueOf(-max)) < 0) {
                errors.add(FieldError.of(field, FieldCode.RANGE, -max, max));
                return null;
            }
            long v = d.longValueExact();
            return type == int.class || type == Integer.class ? (Object) (int) v : (Object) v;
        }
        if (type == Double.class || type == double.class) {
            // a figure (a programme's target value): any finite JSON number; the service checks its range
            if (!node.isNumber()) {
                return wrong(field, "number", errors);
            }
            double v = node.getNumberValue().doubleValue();
            return Double.isFinite(v) ? (Object) v : wrong(field, "number", errors);
        }
        if (type == boolean.class || type == Boolean.class) {
            return node.isBoolean() ? node.getBooleanValue() : wrong(field, "boolean", errors);
        }
        if (type == Instant.class || type == LocalDate.class) {
            if (!node.isString()) {
                return wrong(field, type == Instant.class ? "date-time (ISO-8601)" : "date (YYYY-MM-DD)", errors);
            }
            try {
                return type == Instant.class ? Instant.parse(node.getStringValue()) : LocalDate.parse(node.getStringValue());
            } catch (DateTimeParseException e) {
                return wrong(field, type == Instant.class ? "date-time (ISO-8601)" : "date (YYYY-MM-DD)", errors);
            }
        }
        if (type.isEnum()) {
            if (node.isString()) {
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equals(node.getStringValue().toUpperCase(Locale.ROOT))) {
                        return constant;
                    }
                }
            }
            List<String> allowed = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                allowed.add(((Enum<?>) constant).name());
            }
            return wrong(field, String.join(" | ", allowed), errors);
        }
        if (type.isRecord()) {
            if (!node.isObject()) {
                return wrong(field, "object", errors);
            }
            return record(node, type.asSubclass(Record.class), field + ".", errors);
        }
        if (type == List.class && generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> element) {
            if (!node.isArray()) {
                return wrong(field, "array", errors);
            }
            List<Object> out = new ArrayList<>();
            int i = 0;
            for (JsonNode v : node.values()) {
                if (v.isNull()) {
                    wrong(field + "[" + i + "]", "not null", errors);
                } else {
                    out.add(convert(field + "[" + i + "]", v, element, element, errors));
                }
                i++;
            }
            return out;
        }
        throw new IllegalArgumentException("unsupported component type " + type + " of " + field);
    }

    private static Object wrong(String field, String expected, List<FieldError> errors) {
        errors.add(FieldError.of(field, FieldCode.WRONG_TYPE, expected));
        return null;
    }
}
