package org.uklad.profile;

import static org.uklad.account.StaffForms.echo;
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
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.uklad.account.SchoolScope;
import org.uklad.account.StaffForms;
import org.uklad.account.StaffPageSupport;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldCode;
import org.uklad.system.FieldError;
import org.uklad.system.ProblemException;

/**
 * The school profile pages: the year's list ({@code /staff/profiles}: a coordinator every school
 * and the missing ones, a director or psychologist their own), one school's profile form, its
 * mentor offer, and the coordinator's matrix of resources. A reader who may not fill the profile
 * in sees it read-only; one who may not read the school gets 403.
 */
@Controller("/staff")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
class ProfilePagesController {

    private static final Set<String> NOTICES = Set.of("saved", "marked", "unmarked");

    private final StaffForms forms;
    private final ProfilePresenter presenter;
    private final SchoolProfiles profiles;
    private final MentorResources mentors;
    private final SchoolScope scope;

    ProfilePagesController(StaffForms forms, ProfilePresenter presenter, SchoolProfiles profiles, MentorResources mentors,
                           SchoolScope scope) {
        this.forms = forms;
        this.presenter = presenter;
        this.profiles = profiles;
        this.mentors = mentors;
        this.scope = scope;
    }

    private static String notice(@Nullable String notice) {
        return notice != null && NOTICES.contains(notice) ? notice : "";
    }

    private static HttpResponse<?> redirect(String location) {
        return HttpResponse.seeOther(URI.create(location));
    }

    /** The school year asked for ("2026" or "2026/27"), the current one when none is given. */
    private int year(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return profiles.currentYear();
        }
        String digits = value.strip();
        int year;
        try {
            year = Integer.parseInt(digits.length() > 4 && digits.charAt(4) == '/' ? digits.substring(0, 4) : digits);
        } catch (NumberFormatException e) {
            throw new ProblemException(ErrorCode.BAD_REQUEST);
        }
        SchoolProfiles.requireYear(year);
        return year;
    }

    @Get("/profiles{?year,municipality}")
    HttpResponse<?> profiles(HttpRequest<?> request, Authentication auth, @QueryValue @Nullable String year,
                             @QueryValue @Nullable String municipality) {
        return page("staff/profile/profiles", presenter.profilesPage(request, auth, year(year), municipality), HttpStatus.OK);
    }

    @Get("/schools/{id}/profile{?year,notice}")
    HttpResponse<?> profile(HttpRequest<?> request, Authentication auth, @PathVariable long id,
                            @QueryValue @Nullable String year, @QueryValue @Nullable String notice) {
        scope.requireRead(auth, id);
        return page("staff/profile/profile", presenter.profilePage(request, auth, id, year(year), null, Map.of(),
                notice(notice)), HttpStatus.OK);
    }

    @Post("/schools/{id}/profile")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> saveProfile(HttpRequest<?> request, Authentication auth, @PathVariable long id) {
        scope.requireProfileEdit(auth, id);
        Map<String, List<String>> raw = StaffPageSupport.form(request);
        int year = year(StaffPageSupport.field(raw, "year"));
        List<FieldError> parse = new ArrayList<>();
        Map<String, String> echoed = new LinkedHashMap<>();
        Integer[] counts = new Integer[ProfilePresenter.COUNTS.size()];
        for (int i = 0; i < counts.length; i++) {
            String name = ProfilePresenter.COUNTS.get(i);
            String value = StaffPageSupport.field(raw, name);
            echoed.put(name, echo(value, 10));
            counts[i] = whole(name, value, SchoolProfiles.maxOf(name), parse);
        }
        List<String> equipment = raw.getOrDefault("equipment", List.of());
        echoed.put("equipment", echo(String.join(",", equipment), 500));
        String comment = StaffPageSupport.field(raw, "comment");
        echoed.put("comment", echo(comment, SchoolProfiles.COMMENT_MAX));
        SchoolProfiles.Input in = new SchoolProfiles.Input(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5],
                counts[6], counts[7], counts[8], counts[9], counts[10], equipment, comment);
        return forms.submit(request, parse, true, () -> {
            profiles.save(id, year, in);
            return redirect(ProfilePresenter.link(id, year) + "&notice=saved");
        }, refused -> new ModelAndView<>("staff/profile/profile", presenter.profilePage(request, auth, id, year, echoed,
                refused.shown(), "")));
    }

    /** A count typed in a form: blank is missing (the service says so), anything but a whole number a mistake here. */
    @Nullable
    private static Integer whole(String field, String value, int max, List<FieldError> errors) {
        String v = value.strip();
        if (v.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            errors.add(FieldError.of(field, FieldCode.OUT_OF_RANGE, 0, max));
            return null;
        }
    }

    // ---- mentor resources ----

    @Get("/schools/{id}/mentor-resources{?notice}")
    HttpResponse<?> mentor(HttpRequest<?> request, Authentication auth, @PathVariable long id,
                           @QueryValue @Nullable String notice) {
        scope.requireRead(auth, id);
        return page("staff/profile/mentor", presenter.mentorPage(request, auth, id, null, Map.of(), notice(notice)),
                HttpStatus.OK);
    }

    @Post("/schools/{id}/mentor-resources")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> saveMentor(HttpRequest<?> request, Authentication auth, @PathVariable long id) {
        scope.requireProfileEdit(auth, id);
        Map<String, List<String>> raw = StaffPageSupport.form(request);
        Map<String, String> echoed = new LinkedHashMap<>();
        List<FieldError> parse = new ArrayList<>();
        List<List<String>> tags = new ArrayList<>();
        for (String name : List.of("subjects", "methods", "practices")) {
            String value = StaffPageSupport.field(raw, name);
            echoed.put(name, echo(value, 4000));
            // one tag a line (or separated by semicolons), as the form says
            tags.add(Arrays.stream(value.split("[\\n;]")).map(String::strip).filter(t -> !t.isEmpty()).toList());
        }
        String mentorsValue = StaffPageSupport.field(raw, "mentors");
        String capacityValue = StaffPageSupport.field(raw, "capacityPairs");
        echoed.put("mentors", echo(mentorsValue, 10));
        echoed.put("capacityPairs", echo(capacityValue, 10));
        MentorResources.Input in = new MentorResources.Input(tags.get(0), tags.get(1), tags.get(2),
                whole("mentors", mentorsValue, MentorResources.MAX_MENTORS, parse),
                whole("capacityPairs", capacityValue, MentorResources.MAX_PAIRS, parse));
        return forms.submit(request, parse, true, () -> {
            mentors.save(id, in);
            return redirect("/staff/schools/" + id + "/mentor-resources?notice=saved");
        }, refused -> new ModelAndView<>("staff/profile/mentor", presenter.mentorPage(request, auth, id, echoed,
                refused.shown(), "")));
    }

    @Get("/mentor-resources{?notice}")
    @Secured("ADMIN")
    HttpResponse<?> matrix(HttpRequest<?> request, Authentication auth, @QueryValue @Nullable String notice) {
        return page("staff/profile/matrix", presenter.matrixPage(request, auth, Map.of(), notice(notice)), HttpStatus.OK);
    }

    @Post("/mentor-resources/mark")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Secured("ADMIN")
    HttpResponse<?> mark(HttpRequest<?> request, Authentication auth) {
        Map<String, List<String>> raw = StaffPageSupport.form(request);
        boolean capable = !"no".equals(StaffPageSupport.field(raw, "capable"));
        Long school;
        try {
            school = Long.parseLong(StaffPageSupport.field(raw, "schoolId").strip());
        } catch (NumberFormatException e) {
            school = null;
        }
        if (school == null) {
            return forms.refuse(request, List.of(FieldError.of("schoolId", FieldCode.REQUIRED)),
                    refused -> new ModelAndView<>("staff/profile/matrix", presenter.matrixPage(request, auth, refused.shown(), "")));
        }
        mentors.mark(school, capable);
        return redirect("/staff/mentor-resources?notice=" + (capable ? "marked" : "unmarked"));
    }
}
