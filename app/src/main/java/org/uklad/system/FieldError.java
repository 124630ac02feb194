package org.uklad.system;

import java.util.List;

/**
 * One bad field of a request. {@code code} is a stable machine-readable reason from
 * {@link FieldCode} (e.g. {@code not-on-scale}); the message is looked up as {@code field.<code>}
 * with {@code args}.
 */
public record FieldError(String field, String code, List<Object> args) {

    public FieldError {
        args = args == null ? List.of() : List.copyOf(args);
    }

    public static FieldError of(String field, FieldCode code, Object... args) {
        return new FieldError(field, code.code(), List.of(args));
    }
}
