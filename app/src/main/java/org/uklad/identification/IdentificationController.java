package org.uklad.identification;

import static org.uklad.account.StaffPageSupport.page;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.uklad.account.SchoolScope;
import org.uklad.account.StaffForms;
import org.uklad.account.StaffPageSupport;
import org.uklad.school.SchoolCategory;
import org.uklad.system.FieldCode;
import org.uklad.system.FieldError;

/**
 * The coordinator's identification page (coordinators only; others 403): proposals with their
 * evidence, the decision form per school, the mentors of each confirmed ШНРО, the chart and the
 * model comparison. Post/Redirect/Get; a refused decision comes back with its field errors.
 */
@Controller("/staff/identification")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured("ADMIN")
class IdentificationController {

    private static final Set<String> NOTICES = Set.of("decided", "paired");

    private final StaffPageSupport pages;
    private final StaffForms forms;
    private final SchoolScope scope;
    private final Identification identification;
    private final IdentificationPresenter presenter;

    IdentificationController(StaffPageSupport pages, StaffForms forms, SchoolScope scope, Identification identification,
                             IdentificationPresenter presenter) {
        this.pages = pages;
        this.forms = forms;
        this.scope = scope;
        this.identification = identification;
        this.presenter = presenter;
    }

    @Get("{?sort,notice}")
    HttpResponse<?> show(HttpRequest<?> request, Authentication auth, @QueryValue @Nullable String sort,
                         @QueryValue @Nullable String notice) {
        scope.requireIdentification(auth);
        String n = notice != null && NOTICES.contains(notice) ? pages.text("identification.notice." + notice,
                pages.locale(request)) : "";
        return page("staff/identification", presenter.page(request, auth, sort, n, Map.of(), Map.of()), HttpStatus.OK);
    }

    /** Blank → null (the service says "required"); an unknown value is a field error here. */
    @Nullable
    static SchoolCategory category(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (SchoolCategory c : SchoolCategory.values()) {
            if (c.name().equals(value.strip())) {
                return c;
            }
        }
        errors.add(FieldError.of("category", FieldCode.UNKNOWN_REFERENCE, StaffForms.echo(value, 20)));
        return null;
    }

    @Post("/{schoolId}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> decide(HttpRequest<?> request, Authentication auth, @PathVariable long schoolId) {
        scope.requireIdentification(auth);
        Map<String, List<String>> raw = StaffPageSupport.form(request);
        String categoryValue = StaffPageSupport.field(raw, "category");
        String reason = StaffPageSupport.field(raw, "reason");
        List<FieldError> parse = new ArrayList<>();
        SchoolCategory category = category(categoryValue, parse);
        return forms.submit(request, parse, false, () -> {
            identification.decide(schoolId, category, reason, auth);
            return HttpResponse.seeOther(URI.create("/staff/identification?notice=decided#school-" + schoolId));
        }, refused -> new ModelAndView<>("staff/identification", presenter.page(request, auth, null, "",
                Map.of("schoolId", String.valueOf(schoolId), "category", StaffForms.echo(categoryValue, 20),
                        "reason", StaffForms.echo(reason, Identification.REASON_MAX)), refused.shown())));
    }

    @Post("/{schoolId}/mentor")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> mentor(HttpRequest<?> request, Authentication auth, @PathVariable long schoolId) {
        scope.requireIdentification(auth);
        String mentor = StaffPageSupport.field(StaffPageSupport.form(request), "mentorSchoolId");
        return forms.submit(request, () -> {
            identification.confirmMentor(schoolId, mentor.strip().matches("\\d{1,18}") ? Long.valueOf(mentor.strip()) : null);
            return HttpResponse.seeOther(URI.create("/staff/identification?notice=paired#school-" + schoolId));
        }, refused -> new ModelAndView<>("staff/identification", presenter.page(request, auth, null, "",
                Map.of("schoolId", String.valueOf(schoolId)), refused.shown())));
    }
}
