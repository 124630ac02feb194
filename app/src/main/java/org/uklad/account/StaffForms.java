package org.uklad.account;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.views.ModelAndView;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.uklad.system.FieldError;
import org.uklad.system.Forms;

/**
 * The one way a staff form answers a POST: the change runs and the controller's redirect follows
 * (Post/Redirect/Get); when the fields need mending (the service's {@code validation-failed}, a
 * name already taken, or mistakes found while reading the form: {@link Forms}), the same form comes
 * back with each field's error in the staff wording and status 422. Any other refusal (403, 404)
 * goes on to the error page.
 */
@Singleton
public class StaffForms {

    private final StaffPageSupport pages;

    StaffForms(StaffPageSupport pages) {
        this.pages = pages;
    }

    /** The errors of a refused form: as found, and as the page shows them (one message per field). */
    public record Refusal(List<FieldError> errors, Map<String, String> shown) {}

    /** Runs {@code change}; a refusal to mend comes back as {@code form} with status 422. */
    public HttpResponse<?> submit(HttpRequest<?> request, Supplier<HttpResponse<?>> change,
                                  Function<Refusal, ModelAndView<?>> form) {
        return submit(request, List.of(), false, change, form);
    }

    /**
     * As {@link #submit(HttpRequest, Supplier, Function)}, with the mistakes {@code found} while
     * reading the form listed first; see {@link Forms#submit} for {@code checkAll}.
     */
    public HttpResponse<?> submit(HttpRequest<?> request, List<FieldError> found, boolean checkAll,
                                  Supplier<HttpResponse<?>> change, Function<Refusal, ModelAndView<?>> form) {
        return Forms.submit(found, checkAll, change, errors -> refuse(request, errors, form));
    }

    /** The form again with {@code errors}, status 422, without running anything. */
    public HttpResponse<?> refuse(HttpRequest<?> request, List<FieldError> errors, Function<Refusal, ModelAndView<?>> form) {
        ModelAndView<?> page = form.apply(new Refusal(List.copyOf(errors), pages.errors(errors, pages.locale(request))));
        return StaffPageSupport.page(page.getView().orElseThrow(), page.getModel().orElse(null),
                HttpStatus.UNPROCESSABLE_ENTITY);
    }

    /**
     * A value shown back in a form: one longer than {@code max} is not echoed (it is wrong anyway,
     * and a page never repeats an arbitrarily long input).
     */
    public static String echo(String value, int max) {
        return value == null || value.length() > max ? "" : value;
    }

    /** {@link #echo(String, int)} of every value of a form. */
    public static Map<String, String> echo(Map<String, String> values, int max) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, echo(v, max)));
        return out;
    }
}
