package org.uklad.context;

import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.uklad.account.StaffPageSupport;
import org.uklad.account.StaffPages;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldCode;
import org.uklad.system.FieldError;
import org.uklad.system.ProblemException;
import org.uklad.system.ReportFormat;
import org.uklad.system.ReportFormats;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/** Builds the {@link ResultsPage} of a request: filters, rows, forms and import problems in the page's language. */
@Singleton
class ResultsPresenter {

    /** What the page shows of a request: the filters and the forms as typed. */
    record Request(String municipality, String year, String assessment, Map<String, String> rowForm,
                   Map<String, String> rowErrors, String csv, List<FieldError> importErrors,
                   Map<String, String> outcomeForm, Map<String, String> outcomeErrors, String notice) {}

    private static final Pattern LINE = Pattern.compile("line (\\d+)(?:: (.+))?");

    private final StaffPageSupport pages;
    private final ExternalScores scores;
    private final Schools schools;
    private final Waves waves;
    private final ReportFormats formats;

    ResultsPresenter(StaffPageSupport pages, ExternalScores scores, Schools schools, Waves waves, ReportFormats formats) {
        this.pages = pages;
        this.scores = scores;
        this.schools = schools;
        this.waves = waves;
        this.formats = formats;
    }

    ResultsPage present(StaffPages.Chrome chrome, Locale locale, Request r, long maxBytes) {
        ReportFormat f = formats.of(locale);
        List<School> all = schools.all();
        Map<Long, School> byId = new LinkedHashMap<>();
        all.forEach(s -> byId.put(s.id(), s));
        Integer year = r.year().matches("\\d{4}") ? Integer.valueOf(r.year()) : null;
        List<ResultsPage.Row> rows = scores.find(r.municipality(), null, year, r.assessment(), null).stream().map(s -> {
            School school = byId.get(s.schoolId());
            return new ResultsPage.Row(school.municipality(), school.name(), s.year(), s.assessment(), s.subject(),
                    f.decimals(s.meanScore(), 2), s.participants() == 0 ? "—" : String.valueOf(s.participants()),
                    s.belowPassShare() == null ? "—" : f.decimals(100 * s.belowPassShare(), 1) + " %",
                    f.dateTime(s.updatedAt()), edit(s), s.schoolId());
        }).toList();
        String any = pages.text("results.any", locale);
        List<StaffPages.Option> municipalities = new ArrayList<>(List.of(new StaffPages.Option("", any, r.municipality().isEmpty())));
        schools.municipalities().forEach(m -> municipalities.add(new StaffPages.Option(m.name(), m.name(), m.name().equals(r.municipality()))));
        List<StaffPages.Option> years = new ArrayList<>(List.of(new StaffPages.Option("", any, r.year().isEmpty())));
        scores.years().forEach(y -> years.add(new StaffPages.Option(String.valueOf(y), String.valueOf(y), String.valueOf(y).equals(r.year()))));
        List<StaffPages.Option> assessments = new ArrayList<>(List.of(new StaffPages.Option("", any, r.assessment().isEmpty())));
        scores.assessments().forEach(a -> assessments.add(new StaffPages.Option(a, a, a.equals(r.assessment()))));
        List<StaffPages.Option> schoolOptions = new ArrayList<>(List.of(new StaffPages.Option("", pages.text("results.choose", locale),
                r.rowForm().getOrDefault("schoolId", "").isEmpty())));
        all.forEach(s -> schoolOptions.add(new StaffPages.Option(String.valueOf(s.id()), s.label(),
                String.valueOf(s.id()).equals(r.rowForm().get("schoolId")))));
        Map<Long, ExternalScores.Outcome> chosen = scores.outcomes();
        List<Wave> sorted = waves.all().stream().sorted(Comparator.comparing(Wave::opensAt).reversed()).toList();
        List<ResultsPage.WaveOutcome> outcomes = sorted.stream().map(w -> {
            ExternalScores.Outcome o = chosen.get(w.id());
            return new ResultsPage.WaveOutcome(w.id(), w.name(), o == null ? "—" : o.label(),
                    o == null ? 0 : scores.find(null, null, o.year(), o.assessment(), o.subject()).size());
        }).toList();
        List<StaffPages.Option> waveOptions = sorted.stream().map(w -> new StaffPages.Option(String.valueOf(w.id()), w.name(),
                String.valueOf(w.id()).equals(r.outcomeForm().get("waveId")))).toList();
        List<ResultsPage.Problem> problems = r.importErrors().stream().map(e -> problem(e, locale)).toList();
        return new ResultsPage(chrome, r.notice(), municipalities, years, assessments, rows, schoolOptions, r.rowForm(),
                r.rowErrors(), r.csv(), pages.text("results.import.maxSize", locale, String.valueOf(maxBytes / 1024)),
                String.valueOf(maxBytes), problems,
                problems.isEmpty() ? "" : pages.text("results.import.refused", locale, String.valueOf(problems.size())),
                outcomes, waveOptions, r.outcomeForm(), r.outcomeErrors());
    }

    /**
     * The row form prefilled with a stored score.
     *
     * @throws ProblemException NOT_FOUND when there is no such score
     */
    Map<String, String> form(ExternalScore.Key key, Locale locale) {
        ExternalScore s = scores.find(key).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        ReportFormat f = formats.of(locale);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("schoolId", String.valueOf(s.schoolId()));
        form.put("year", String.valueOf(s.year()));
        form.put("assessment", s.assessment());
        form.put("subject", s.subject());
        form.put("meanScore", f.decimals(s.meanScore(), 2));
        form.put("participants", String.valueOf(s.participants()));
        form.put("belowPassShare", s.belowPassShare() == null ? "" : f.decimals(100 * s.belowPassShare(), 1) + "%");
        return form;
    }

    /** "line 3: mean_score" → "Line 3, column mean_score" in the page's language; the reason from the catalogue. */
    private ResultsPage.Problem problem(FieldError e, Locale locale) {
        Matcher line = LINE.matcher(e.field());
        String where;
        if (line.matches()) {
            where = line.group(2) == null ? pages.text("results.where.line", locale, line.group(1))
                    : pages.text("results.where.cell", locale, line.group(1), line.group(2));
        } else if (e.field().startsWith("header: ")) {
            where = pages.text("results.where.header", locale, e.field().substring("header: ".length()));
        } else {
            where = pages.text("results.where.file", locale);
        }
        String reason = e.code().equals(FieldCode.DUPLICATE.code()) && line.matches()
                ? pages.text("results.duplicate", locale, e.args().toArray())
                : pages.text("field." + e.code(), locale, e.args().toArray());
        return new ResultsPage.Problem(where, reason);
    }

    private static String edit(ExternalScore s) {
        return "eSchool=" + s.schoolId() + "&eYear=" + s.year() + "&eAssessment=" + q(s.assessment()) + "&eSubject=" + q(s.subject());
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
