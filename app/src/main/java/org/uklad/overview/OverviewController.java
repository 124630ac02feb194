package org.uklad.overview;

import org.uklad.context.ExternalResults;
import org.uklad.context.FamilyContext;
import static org.uklad.account.StaffPageSupport.page;

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
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import java.net.URI;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.uklad.account.StaffForms;
import org.uklad.account.StaffPageSupport;
import org.uklad.system.ReportFormat;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * The coordinator's pages (ADMIN only): the waves to choose from, and one wave's overview with the
 * heat map, clusters, context/resilience scatter, pairs, the entry form for external results and
 * the municipal summary PDF. {@code /staff/overview/current} is the stable address of the current
 * wave's overview (the coordinator's home links to it): it redirects to the wave's own page.
 */
@Controller("/staff")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured("ADMIN")
class OverviewController {

    private final StaffPageSupport pages;
    private final StaffForms forms;
    private final Waves waves;
    private final Schools schools;
    private final WaveOverviewService overviews;
    private final OverviewPresenter presenter;
    private final ExternalResults results;
    private final MunicipalSummary summary;

    OverviewController(StaffPageSupport pages, StaffForms forms, Waves waves, Schools schools,
                       WaveOverviewService overviews, OverviewPresenter presenter, ExternalResults results,
                       MunicipalSummary summary) {
        this.pages = pages;
        this.forms = forms;
        this.waves = waves;
        this.schools = schools;
        this.overviews = overviews;
        this.presenter = presenter;
        this.results = results;
        this.summary = summary;
    }

    @Get("/overview")
    HttpResponse<?> waves(HttpRequest<?> request, Authentication auth) {
        Locale locale = pages.locale(request);
        ReportFormat f = presenter.format(locale);
        List<OverviewPage.WaveLink> links = waves.all().stream().sorted(Comparator.comparing(Wave::opensAt).reversed())
                .map(w -> new OverviewPage.WaveLink(w.id(), w.name(), pages.text("wave.kind." + w.kind().name(), locale),
                        f.date(w.opensAt()))).toList();
        return page("staff/overview-waves", new OverviewPage.WaveList(pages.chrome(request, auth), links), HttpStatus.OK);
    }

    @Get("/overview/current")
    HttpResponse<?> current() {
        return HttpResponse.seeOther(URI.create(overviews.currentWave(java.time.Instant.now())
                .map(w -> "/staff/waves/" + w.id() + "/overview").orElse("/staff/overview")));
    }

    @Get("/waves/{waveId}/overview")
    HttpResponse<?> show(HttpRequest<?> request, Authentication auth, @PathVariable long waveId,
                         @QueryValue @Nullable String notice) {
        overviews.requireWave(waveId);
        return page("staff/overview", model(request, auth, waveId, Map.of("schoolId", "", "value", "", "label", ""),
                Map.of(), "saved".equals(notice) ? pages.text("overview.results.saved", pages.locale(request)) : null),
                HttpStatus.OK);
    }

    @Post("/waves/{waveId}/overview/results")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> save(HttpRequest<?> request, Authentication auth, @PathVariable long waveId) {
        Map<String, List<String>> form = StaffPageSupport.form(request);
        String school = StaffPageSupport.field(form, "schoolId");
        String value = StaffPageSupport.field(form, "value");
        String label = StaffPageSupport.field(form, "label");
        return forms.submit(request, () -> {
            Long id = school.matches("\\d{1,18}") ? Long.valueOf(school) : null;
            results.save(waveId, id, ExternalResults.parse(value), label);
            return HttpResponse.seeOther(URI.create("/staff/waves/" + waveId + "/overview?notice=saved#results"));
        }, refused -> {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("schoolId", school);
            values.put("value", StaffForms.echo(value, 30));
            values.put("label", StaffForms.echo(label, ExternalResults.LABEL_MAX));
            return new ModelAndView<>("staff/overview", model(request, auth, waveId, values, refused.shown(), null));
        });
    }

    @Get(value = "/waves/{waveId}/overview.pdf", produces = "application/pdf")
    HttpResponse<byte[]> pdf(HttpRequest<?> request, @PathVariable long waveId) {
        return summary.download(waveId, pages.locale(request));
    }

    private OverviewPage.Wave model(HttpRequest<?> request, Authentication auth, long waveId, Map<String, String> form,
                                    Map<String, String> errors, String notice) {
        Locale locale = pages.locale(request);
        ReportFormat f = presenter.format(locale);
        OverviewView view = presenter.present(overviews.compute(waveId), locale);
        List<School> all = schools.all();
        Map<Long, String> names = new LinkedHashMap<>();
        all.forEach(s -> names.put(s.id(), s.name()));
        List<OverviewPage.ResultRow> rows = results.of(waveId).stream().map(r -> new OverviewPage.ResultRow(
                names.getOrDefault(r.schoolId(), "#" + r.schoolId()), f.decimals(r.value(), 2), r.label(),
                f.dateTime(r.updatedAt()))).toList();
        List<OverviewPage.SchoolOption> options = all.stream().map(s -> new OverviewPage.SchoolOption(s.id(),
                s.label(), String.valueOf(s.id()).equals(form.get("schoolId")))).toList();
        return new OverviewPage.Wave(pages.chrome(request, auth), view, rows, options, form, errors, notice);
    }

}
