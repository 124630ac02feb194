package org.uklad.system;

import io.micronaut.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one place where a server-rendered form's refusal is told from a failure: a change that the
 * user can mend (the catalogue's {@code validation-failed}, or {@code already-exists} for a name
 * taken) goes back to the form with its field errors; anything else (403, 404, 409 of a key)
 * propagates to the error page. Staff forms use it through {@code account/StaffForms}, the survey
 * form directly.
 */
public final class Forms {

    private Forms() {
    }

    /**
     * Runs {@code change} and returns its answer (a redirect), or {@code refused} with the errors: the
     * mistakes {@code found} while reading the form first, then the service's. With such mistakes
     * the change runs only if {@code checkAll}, when what could not be read reaches the service as
     * missing (which it refuses), so every field's mistake is named at once.
     */
    public static HttpResponse<?> submit(List<FieldError> found, boolean checkAll, Supplier<HttpResponse<?>> change,
                                         Function<List<FieldError>, HttpResponse<?>> refused) {
        List<FieldError> all = new ArrayList<>(found);
        try {
            if (found.isEmpty() || checkAll) {
                HttpResponse<?> done = change.get();
                if (found.isEmpty()) {
                    return done;
                }
            }
        } catch (ProblemException e) {
            if (e.code() != ErrorCode.VALIDATION_FAILED && e.code() != ErrorCode.ALREADY_EXISTS) {
                throw e;
            }
            all.addAll(e.fieldErrors());
        }
        if (all.isEmpty()) {
            all.add(FieldError.of("form", FieldCode.DUPLICATE));   // a taken name the service did not place
        }
        return refused.apply(List.copyOf(all));
    }
}
