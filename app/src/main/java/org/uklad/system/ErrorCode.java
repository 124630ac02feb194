package org.uklad.system;

import io.micronaut.http.HttpStatus;

/**
 * The one catalogue of errors. Each code feeds both the API (application/problem+json with
 * {@code type = /errors/{slug}}) and the error page a browser sees; titles and details live in
 * the message bundles under {@code error.<slug>.title} / {@code error.<slug>.detail}, in Russian
 * and English. Exception messages never reach users.
 */
public enum ErrorCode {
    BAD_REQUEST("bad-request", HttpStatus.BAD_REQUEST),
    MALFORMED_JSON("malformed-json", HttpStatus.BAD_REQUEST),
    MALFORMED_FORM("malformed-form", HttpStatus.BAD_REQUEST),
    VALIDATION_FAILED("validation-failed", HttpStatus.UNPROCESSABLE_ENTITY),
    IDEMPOTENCY_KEY_MISSING("idempotency-key-missing", HttpStatus.BAD_REQUEST),
    IDEMPOTENCY_KEY_INVALID("idempotency-key-invalid", HttpStatus.BAD_REQUEST),
    IDEMPOTENCY_CONFLICT("idempotency-conflict", HttpStatus.CONFLICT),
    CODE_UNKNOWN("code-unknown", HttpStatus.NOT_FOUND),
    WAVE_NOT_OPEN("wave-not-open", HttpStatus.FORBIDDEN),
    WAVE_CLOSED("wave-closed", HttpStatus.GONE),
    CODE_EXHAUSTED("code-exhausted", HttpStatus.GONE),
    QUESTIONNAIRE_INVALID("questionnaire-invalid", HttpStatus.UNPROCESSABLE_ENTITY),
    REFERENCE_UNKNOWN("reference-unknown", HttpStatus.UNPROCESSABLE_ENTITY),
    ALREADY_EXISTS("already-exists", HttpStatus.CONFLICT),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    BODY_TOO_LARGE("body-too-large", HttpStatus.REQUEST_ENTITY_TOO_LARGE),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN),
    TOO_MANY_REQUESTS("too-many-requests", HttpStatus.TOO_MANY_REQUESTS),
    CSRF_INVALID("csrf-invalid", HttpStatus.FORBIDDEN),
    PASSWORD_CHANGE_REQUIRED("password-change-required", HttpStatus.FORBIDDEN),
    SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    INTERNAL("internal-error", HttpStatus.INTERNAL_SERVER_ERROR);

    private final String slug;
    private final HttpStatus status;

    ErrorCode(String slug, HttpStatus status) {
        this.slug = slug;
        this.status = status;
    }

    public String slug() {
        return slug;
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return "/errors/" + slug;
    }

    public String titleKey() {
        return "error." + slug + ".title";
    }

    public String detailKey() {
        return "error." + slug + ".detail";
    }

    public static java.util.Optional<ErrorCode> bySlug(String slug) {
        for (ErrorCode c : values()) {
            if (c.slug.equals(slug)) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }

    /** The catalogue entry for a status produced by the framework itself (routing, parsing, limits). */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> ALREADY_EXISTS;
            case 413 -> BODY_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> VALIDATION_FAILED;
            case 429 -> TOO_MANY_REQUESTS;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : BAD_REQUEST;
        };
    }
}
