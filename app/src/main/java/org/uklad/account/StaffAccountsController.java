package org.uklad.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldCode;
import org.uklad.system.FieldError;
import org.uklad.system.ProblemException;

/** The coordinator's account management: list, create with a role and schools, deactivate. */
@Controller("/staff/accounts")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured("ADMIN")
class StaffAccountsController {

    private final StaffPageSupport pages;
    private final StaffForms forms;
    private final Accounts accounts;
    private final Schools schools;

    StaffAccountsController(StaffPageSupport pages, StaffForms forms, Accounts accounts, Schools schools) {
        this.pages = pages;
        this.forms = forms;
        this.accounts = accounts;
        this.schools = schools;
    }

    @Get
    HttpResponse<?> list(HttpRequest<?> request, Authentication auth, @QueryValue @Nullable String created) {
        return HttpResponse.ok(new ModelAndView<>("staff/accounts",
                page(request, auth, "", "", "", List.of(), Map.of(), created != null)));
    }

    private StaffPages.AccountsPage page(HttpRequest<?> request, Authentication auth, String login, String displayName,
                                         String role, List<Long> chosen, Map<String, String> errors, boolean created) {
        List<School> all = schools.all();
        Map<Long, String> names = all.stream().collect(Collectors.toMap(School::id, School::name, (a, b) -> a));
        Long me = StaffAuthentication.accountId(auth).orElse(null);
        Locale locale = pages.locale(request);
        List<StaffPages.AccountRow> rows = accounts.list().stream().map(a -> new StaffPages.AccountRow(a.id(), a.login(),
                pages.displayName(a.displayName(), locale), pages.text("role." + a.role().name(), locale), a.active(), a.mustChangePassword(),
                a.role() == Role.ADMIN ? pages.text("staff.accounts.allSchools", locale)
                        : a.schoolIds().stream().map(id -> names.getOrDefault(id, "#" + id)).collect(Collectors.joining("; ")),
                me != null && a.id() == me)).toList();
        List<StaffPages.SchoolOption> options = schoolOptions(all, chosen);
        return new StaffPages.AccountsPage(pages.chrome(request, auth), rows, options,
                Arrays.stream(Role.values()).map(Role::name).toList(), login, displayName, role, errors, created);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(HttpRequest<?> request, Authentication auth) {
        Map<String, List<String>> form = StaffPageSupport.form(request);
        String login = StaffPageSupport.field(form, "login");
        String displayName = StaffPageSupport.field(form, "displayName");
        String roleName = StaffPageSupport.field(form, "role");
        Role role = role(roleName);
        List<Long> chosen = new ArrayList<>();
        List<FieldError> parseErrors = schoolIds(form, chosen);
        return forms.submit(request, parseErrors, false, () -> {
            accounts.create(login, displayName, role, chosen, StaffPageSupport.field(form, "password"), true);
            return HttpResponse.seeOther(URI.create("/staff/accounts?created=1"));
        }, refused -> new ModelAndView<>("staff/accounts", page(request, auth, StaffForms.echo(login, 64),
                StaffForms.echo(displayName, 200), role == null ? "" : role.name(), chosen, refused.shown(), false)));
    }

    @Post("/{id}/deactivate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> deactivate(Authentication auth, @PathVariable long id) {
        if (StaffAuthentication.accountId(auth).map(me -> me == id).orElse(false)) {
            throw new ProblemException(ErrorCode.FORBIDDEN); // an administrator cannot lock themselves out
        }
        accounts.setActive(id, false);
        return HttpResponse.seeOther(URI.create("/staff/accounts"));
    }

    @Get("/{id}")
    HttpResponse<?> edit(HttpRequest<?> request, Authentication auth, @PathVariable long id,
                         @QueryValue @Nullable String saved) {
        StaffAccount account = accounts.find(id).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        return HttpResponse.ok(new ModelAndView<>("staff/account", editPage(request, auth, account, account.displayName(),
                account.role().name(), accounts.schoolsOf(id), Map.of(), saved != null)));
    }

    @Post("/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> update(HttpRequest<?> request, Authentication auth, @PathVariable long id) {
        StaffAccount account = accounts.find(id).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        Map<String, List<String>> form = StaffPageSupport.form(request);
        String displayName = StaffPageSupport.field(form, "displayName");
        Role role = role(StaffPageSupport.field(form, "role"));
        List<Long> chosen = new ArrayList<>();
        List<FieldError> parseErrors = schoolIds(form, chosen);
        return forms.submit(request, parseErrors, false, () -> {
            accounts.update(id, displayName, role, chosen, StaffPageSupport.field(form, "password"),
                    StaffAuthentication.accountId(auth).orElse(null));
            return HttpResponse.seeOther(URI.create("/staff/accounts/" + id + "?saved=1"));
        }, refused -> new ModelAndView<>("staff/account", editPage(request, auth, account, StaffForms.echo(displayName, 200),
                role == null ? "" : role.name(), chosen, refused.shown(), false)));
    }

    private StaffPages.AccountEditPage editPage(HttpRequest<?> request, Authentication auth, StaffAccount account,
                                                String displayName, String role, List<Long> chosen,
                                                Map<String, String> errors, boolean saved) {
        boolean self = StaffAuthentication.accountId(auth).map(me -> me.equals(account.id())).orElse(false);
        return new StaffPages.AccountEditPage(pages.chrome(request, auth), account.id(), account.login(), displayName, role,
                Arrays.stream(Role.values()).map(Role::name).toList(), schoolOptions(schools.all(), chosen), self, errors, saved);
    }

    private static List<StaffPages.SchoolOption> schoolOptions(List<School> all, List<Long> chosen) {
        return all.stream()
                .map(s -> new StaffPages.SchoolOption(s.id(), s.label(), chosen.contains(s.id())))
                .toList();
    }

    private static Role role(String name) {
        return Arrays.stream(Role.values()).filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    /** The ticked schools into {@code chosen}; a value that is not a number is a field error. */
    private static List<FieldError> schoolIds(Map<String, List<String>> form, List<Long> chosen) {
        List<FieldError> errors = new ArrayList<>();
        for (String v : form.getOrDefault("schools", List.of())) {
            try {
                chosen.add(Long.parseLong(v));
            } catch (NumberFormatException e) {
                errors.add(FieldError.of("schools", FieldCode.UNKNOWN_REFERENCE, StaffForms.echo(v, 20)));
            }
        }
        return errors;
    }

    @Post("/{id}/activate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> activate(@PathVariable long id) {
        accounts.setActive(id, true);
        return HttpResponse.seeOther(URI.create("/staff/accounts"));
    }
}
