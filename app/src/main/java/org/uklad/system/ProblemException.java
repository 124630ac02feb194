package org.uklad.system;

import java.util.List;

/** A client-visible failure from the error catalogue, optionally naming each bad field. */
public class ProblemException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldError> fieldErrors;
    private final long retryAfterSeconds;

    public ProblemException(ErrorCode code) {
        this(code, List.of());
    }

    public ProblemException(ErrorCode code, List<FieldError> fieldErrors) {
        this(code, fieldErrors, 0);
    }

    /** A refusal that tells when to come back (the answer's one Retry-After). */
    public ProblemException(ErrorCode code, long retryAfterSeconds) {
        this(code, List.of(), retryAfterSeconds);
    }

    private ProblemException(ErrorCode code, List<FieldError> fieldErrors, long retryAfterSeconds) {
        super(code.slug(), null, false, false);
        this.code = code;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds for the Retry-After header, or 0 for the code's default (if any). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }
}
