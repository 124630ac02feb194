package org.uklad.system;

import java.util.List;

/** A client-visible failure from the error catalogue, optionally naming each bad field. */
public class ProblemException extends RuntimeException {

    private final ErrorCode code;
    private final List<FieldError> fieldErrors;

    public ProblemException(ErrorCode code) {
        this(code, List.of());
    }

    public ProblemException(ErrorCode code, List<FieldError> fieldErrors) {
        super(code.slug(), null, false, false);
        this.code = code;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }
}
