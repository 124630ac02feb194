package org.uklad.account;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldCode;
import org.uklad.system.ProblemException;
import org.uklad.system.FieldError;
import org.uklad.system.Messages;

/**
 * Shared bits of the staff page controllers: language, page chrome, form decoding. Staff form
 * controllers (any package) read their fields with {@link #form(HttpRequest)} instead of binding
 * {@code @Body}: the CSRF filter has already read the body once.
 */
@Singleton
public class StaffPageSupport {

    private final HttpLocaleResolver locales;
    private final Messages messages;
    private final Sessions sessions;
    private final SchoolScope scope;

    StaffPageSupport(HttpLocaleResolver locales, Messages messages, Sessions sessions, SchoolScope scope) {
        this.locales = locales;
        this.messages = messages;
        this.sessions = sessions;
        this.scope = scope;
    }

    public Locale locale(HttpRequest<?> request) {
        return Messages.supported(locales.resolveOrDefault(request));
    }

    static String other(String lang) {
        return "en".equals(lang) ? "ru" : "en";
    }

    public StaffPages.Chrome chrome(HttpRequest<?> request, Authentication auth) {
        String lang = locale(request).getLanguage();
        Optional<StaffSession> session = StaffAuthentication.session(request);
        String csrf = session.map(StaffSession::csrfToken).orElse("");
        Role role = Role.of(auth).orElseThrow();
        Object name = auth.getAttributes().getOrDefault(StaffAuthentication.DISPLAY_NAME, auth.getName());
        int failedSignIns = session.map(StaffSession::failedSignIns).orElse(0);
        if (failedSignIns > 0) {
            sessions.failedSignInsShown(session.get());   // told once
        }
        return new StaffPages.Chrome(lang, other(lang), displayName(String.valueOf(name), locale(request)),
                auth.getName(), role.name(), role == Role.ADMIN, scope.mayManageWaves(auth), csrf, failedSignIns);
    }

    /**
     * A staff member's name as a page shows it: the first administrator's stored name (the service
     * gave it, in English, before anyone chose a language) in the page's language; any name a
     * person typed as it was typed.
     */
    public String displayName(String stored, Locale locale) {
        return BootstrapAdmin.DISPLAY_NAME.equals(stored) ? text("staff.bootstrapAdmin.name", locale) : stored;
    }

    static final String FORM_ATTRIBUTE = "uklad.staffForm";

    /** The decoded form of a staff POST, read once by {@link StaffGuards.CsrfFormFilter}. */
    @SuppressWarnings("unchecked")
    public static Map<String, List<String>> form(HttpRequest<?> request) {
        return request.getAttribute(FORM_ATTRIBUTE, Map.class).map(m -> (Map<String, List<String>>) m).orElse(Map.of());
    }

    /**
     * The CSRF check of a multipart staff form posted to a {@link org.uklad.system.LargeUpload}
     * route, whose body the CSRF filter does not read: the token of the form's first part (or the
     * header), checked as the filter checks any form's before the route reads the file.
     *
     * @throws ProblemException {@link ErrorCode#CSRF_INVALID} (403) when it is not the session's
     */
    public static void requireCsrf(HttpRequest<?> request, @io.micronaut.core.annotation.Nullable String formToken) {
        if (!StaffGuards.csrfHolds(request, formToken)) {
            throw new ProblemException(ErrorCode.CSRF_INVALID);
        }
    }

    public static String field(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? "" : values.getFirst();
    }

    /**
     * Field errors as a staff form shows them, one per field (the first). A service's "required"
     * reads "fill in this field" here ({@link FieldCode#staffMessageKey()}): its own text, "answer
     * this question", is for respondents.
     */
    public Map<String, String> errors(List<FieldError> errors, Locale locale) {
        Map<String, String> out = new LinkedHashMap<>();
        for (FieldError e : errors) {
            out.putIfAbsent(e.field(), message(e, locale));
        }
        return out;
    }

    /** One field error in words, as a staff page words it. */
    public String message(FieldError e, Locale locale) {
        String key = FieldCode.byCode(e.code()).map(FieldCode::staffMessageKey).orElse("field." + e.code());
        return messages.get(key, locale, e.args().toArray());
    }

    /** A staff page ({@link StaffNoStoreFilter} keeps it out of caches). */
    public static HttpResponse<?> page(String view, Object model, HttpStatus status) {
        return HttpResponse.status(status).body(new ModelAndView<>(view, model));
    }

    public String text(String key, Locale locale, Object... args) {
        return messages.get(key, locale, args);
    }
}
