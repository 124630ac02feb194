package org.uklad.programme;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.uklad.account.SchoolScope;
import org.uklad.account.StaffPageSupport;
import org.uklad.account.StaffPages.Option;
import org.uklad.programme.ProgrammePages.ListPage;
import org.uklad.programme.ProgrammePages.MeasureView;
import org.uklad.programme.ProgrammePages.NewPage;
import org.uklad.programme.ProgrammePages.NoteView;
import org.uklad.programme.ProgrammePages.ProgrammeRow;
import org.uklad.programme.ProgrammePages.RoadmapPage;
import org.uklad.programme.ProgrammePages.RoadmapRow;
import org.uklad.programme.ProgrammePages.ShowPage;
import org.uklad.programme.ProgrammeRecords.IndicatorKind;
import org.uklad.programme.ProgrammeRecords.Measure;
import org.uklad.programme.ProgrammeRecords.MeasureNote;
import org.uklad.programme.ProgrammeRecords.Owner;
import org.uklad.programme.ProgrammeRecords.Programme;
import org.uklad.programme.ProgrammeRecords.Status;
import org.uklad.school.Partnership;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.ReportFormat;
import org.uklad.system.ReportFormats;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/** Builds the view models of the support-programme pages ({@link ProgrammePages}) in the page's language. */
@Singleton
class ProgrammePresenter {

    /** A form of the programme page that was refused: which one, what was typed, what is wrong. */
    record Refused(String form, Map<String, String> values, Map<String, String> errors) {
        static final Refused NONE = new Refused("", Map.of(), Map.of());
    }

    private final StaffPageSupport pages;
    private final SchoolScope scope;
    private final Programmes programmes;
    private final Roadmap roadmap;
    private final Schools schools;
    private final Waves waves;
    private final Indicators indicators;
    private final ReportFormats formats;
    private final MeasuredEffects effects;
    private final EffectPresenter effectPresenter;

    ProgrammePresenter(StaffPageSupport pages, SchoolScope scope, Programmes programmes, Roadmap roadmap, Schools schools,
                       Waves waves, Indicators indicators, ReportFormats formats, MeasuredEffects effects,
                       EffectPresenter effectPresenter) {
        this.pages = pages;
        this.scope = scope;
        this.programmes = programmes;
        this.roadmap = roadmap;
        this.schools = schools;
        this.waves = waves;
        this.indicators = indicators;
        this.formats = formats;
        this.effects = effects;
        this.effectPresenter = effectPresenter;
    }

    /** The risk catalogue's factors as checkboxes, those named in {@code chosen} (ids, comma-separated) ticked. */
    static List<Option> riskOptions(String chosen, Locale locale) {
        Set<String> ticked = Set.copyOf(ProgrammePagesController.risks(chosen));
        return ProgrammeChecks.RISKS.factors().values().stream().map(f -> new Option(f.id(),
                f.name().in(locale.getLanguage()), ticked.contains(f.id()))).toList();
    }

    /** Risk factors by their names in the catalogue (an id the catalogue no longer has, as stored). */
    static List<String> riskNames(List<String> ids, Locale locale) {
        var factors = ProgrammeChecks.RISKS.factors();
        return ids.stream().map(id -> factors.containsKey(id) ? factors.get(id).name().in(locale.getLanguage()) : id).toList();
    }

    /**
     * A refused form's errors in words, one per field, with the days they name (a measure due before
     * it starts, a day out of range) written as the page writes days, not as the API sends them.
     */
    Map<String, String> errors(HttpRequest<?> request, List<org.uklad.system.FieldError> errors) {
        Locale locale = pages.locale(request);
        ReportFormat f = formats.of(locale);
        return pages.errors(errors.stream().map(e -> new org.uklad.system.FieldError(e.field(), e.code(), e.args().stream()
                .map(a -> a instanceof String s && s.matches("\\d{4}-\\d\\d-\\d\\d") ? (Object) f.date(LocalDate.parse(s)) : a)
                .toList())).toList(), locale);
    }

    private Map<Long, School> schoolsById() {
        return schools.all().stream().collect(Collectors.toMap(School::id, s -> s));
    }

    private static String name(Map<Long, School> byId, @Nullable Long id) {
        return id == null || !byId.containsKey(id) ? "" : byId.get(id).name();
    }

    private List<Option> municipalities(@Nullable String chosen) {
        return schools.municipalities().stream().map(m -> new Option(m.name(), m.name(), m.name().equals(chosen))).toList();
    }

    ListPage listPage(HttpRequest<?> request, Authentication auth, @Nullable String municipality, @Nullable String notice) {
        Map<Long, School> byId = schoolsById();
        LocalDate today = LocalDate.now();
        List<ProgrammeRow> rows = new ArrayList<>();
        for (Programmes.Detail d : programmes.details(auth, programmes.list(auth, municipality))) {
            Programme p = d.programme();
            School s = byId.get(p.supportedSchoolId());
            rows.add(new ProgrammeRow(p.id(), p.title(), name(byId, p.supportedSchoolId()), name(byId, p.mentorSchoolId()),
                    s == null ? "" : s.municipality(), String.join(", ", riskNames(p.riskList(), pages.locale(request))),
                    d.measures().size(),
                    (int) d.measures().stream().filter(m -> m.measure().overdueOn(today)).count()));
        }
        Locale locale = pages.locale(request);
        return new ListPage(pages.chrome(request, auth), municipalities(municipality), scope.mayCreateProgramme(auth), rows,
                notice == null || !notice.matches("[a-z]{1,20}") ? null : pages.text("programme.notice." + notice, locale));
    }

    /** The values of a new programme's form: the pair of {@code school} and the risk ids of the risk page's link. */
    Map<String, String> newValues(@Nullable Long school, @Nullable String risks) {
        Map<String, String> values = new LinkedHashMap<>();
        String pair = "";
        if (school != null) {
            pair = schools.partnerships().stream().filter(p -> p.supportedSchoolId().equals(school))
                    .min(Comparator.comparing(Partnership::id))
                    .map(p -> school + ":" + p.mentorSchoolId()).orElse(school + ":");
        }
        values.put("pair", pair);
        values.put("risks", risks == null || risks.length() > 2000 ? "" : String.join(", ", risks.split("[,\\s]+")).strip());
        values.put("title", "");
        values.put("goals", "");
        values.put("baselineWave", defaultWave().map(w -> String.valueOf(w.id())).orElse(""));
        return values;
    }

    /** The latest wave already closed: the natural baseline of a programme started now. */
    private java.util.Optional<Wave> defaultWave() {
        Instant now = Instant.now();
        return waves.all().stream().filter(w -> w.closesAt().isBefore(now)).max(Comparator.comparing(Wave::closesAt));
    }

    NewPage newPage(HttpRequest<?> request, Authentication auth, Map<String, String> values, Map<String, String> errors) {
        Locale locale = pages.locale(request);
        Map<Long, School> byId = schoolsById();
        String chosen = values.getOrDefault("pair", "");
        List<Option> pairs = new ArrayList<>();
        pairs.add(new Option("", pages.text("programme.field.pair.choose", locale), chosen.isEmpty()));
        Set<Long> supported = new TreeSet<>();
        for (Partnership p : schools.partnerships()) {
            supported.add(p.supportedSchoolId());
            String v = p.supportedSchoolId() + ":" + p.mentorSchoolId();
            pairs.add(new Option(v, pages.text("programme.pair", locale, byId.get(p.supportedSchoolId()).label(),
                    byId.get(p.mentorSchoolId()).label()), v.equals(chosen)));
        }
        for (School s : schools.all()) {
            if (!supported.contains(s.id())) {
                String v = s.id() + ":";
                pairs.add(new Option(v, pages.text("programme.pair.alone", locale, s.label()), v.equals(chosen)));
            }
        }
        return new NewPage(pages.chrome(request, auth), pairs, waveOptions(values.getOrDefault("baselineWave", ""), locale),
                riskOptions(values.getOrDefault("risks", ""), locale), values, errors);
    }

    private List<Option> waveOptions(String chosen, Locale locale) {
        List<Option> out = new ArrayList<>();
        out.add(new Option("", pages.text("programme.field.wave.none", locale), chosen.isEmpty()));
        waves.all().stream().sorted(Comparator.comparing(Wave::opensAt).reversed())
                .forEach(w -> out.add(new Option(String.valueOf(w.id()), w.name(), String.valueOf(w.id()).equals(chosen))));
        return out;
    }

    ShowPage showPage(HttpRequest<?> request, Authentication auth, Programmes.Detail d, Refused refused,
                      @Nullable String notice) {
        Locale locale = pages.locale(request);
        String lang = locale.getLanguage();
        ReportFormat f = formats.of(locale);
        Map<Long, School> byId = schoolsById();
        Programme p = d.programme();
        Map<Long, String> waveNames = waves.all().stream().collect(Collectors.toMap(Wave::id, Wave::name));
        Map<Long, List<Indicators.ConstructChoice>> choicesOf = new HashMap<>();
        LocalDate today = LocalDate.now();
        List<MeasureView> measures = new ArrayList<>();
        // one computation for the page: each measure's effect against the comparison schools
        Map<Long, EffectPresenter.MeasureEffectView> effectOf = new HashMap<>();
        effects.of(p.id()).measures().forEach(e -> effectOf.put(e.measureId(), effectPresenter.view(e, locale)));
        for (Programmes.MeasureDetail md : d.measures()) {
            Measure m = md.measure();
            String form = "edit:" + m.id();
            String noteForm = "note:" + m.id();
            List<NoteView> notes = md.notes().stream().map(n -> new NoteView(f.date(n.notedOn()), n.body(),
                    author(n, byId, locale))).toList();
            String baseline = m.baselineValue() != null ? f.score(m.baselineValue())
                    : pages.text(m.indicatorKind() == IndicatorKind.CONSTRUCT ? "programme.baseline.suppressed"
                            : "programme.baseline.none", locale);
            measures.add(new MeasureView(m.id(), m.title(), pages.text("programme.owner." + m.owner(), locale),
                    m.riskFactor() == null ? "" : riskNames(List.of(m.riskFactor()), locale).getFirst(), indicatorLabel(m, lang, choicesOf),
                    m.baselineWaveId() == null ? "" : waveNames.getOrDefault(m.baselineWaveId(), ""), baseline,
                    m.targetValue() == null ? "" : f.score(m.targetValue()), f.date(m.startsOn()), f.date(m.dueOn()),
                    pages.text("programme.status." + m.status(), locale), m.status().name(), m.overdueOn(today), notes,
                    md.mayNote(), statusOptions(m.status().name(), locale),
                    refused.form().equals(form) ? refused.values() : valuesOf(m),
                    refused.form().equals(form) ? refused.errors() : Map.of(),
                    refused.form().equals(noteForm) ? refused.values() : Map.of("notedOn", today.toString(), "body", ""),
                    refused.form().equals(noteForm) ? refused.errors() : Map.of(), effectOf.get(m.id())));
        }
        Map<String, String> newMeasure = refused.form().equals("measure") ? refused.values() : Map.of(
                "startsOn", today.toString(), "dueOn", today.plusMonths(3).toString(), "owner", "", "indicator", "",
                "baselineWave", p.baselineWaveId() == null ? "" : String.valueOf(p.baselineWaveId()));
        Map<String, String> programmeValues = refused.form().equals("programme") ? refused.values() : Map.of(
                "title", p.title(), "goals", p.goals(), "risks", String.join(", ", p.riskList()),
                "baselineWave", p.baselineWaveId() == null ? "" : String.valueOf(p.baselineWaveId()));
        School supported = byId.get(p.supportedSchoolId());
        List<Option> owners = new ArrayList<>();
        for (Owner o : Owner.values()) {
            if (o != Owner.MENTOR_SCHOOL || p.mentorSchoolId() != null) {
                owners.add(new Option(o.name(), pages.text("programme.owner." + o, locale), false));
            }
        }
        List<Option> indicatorOptions = new ArrayList<>();
        if (p.baselineWaveId() != null) {
            indicators.constructsOf(p.baselineWaveId()).forEach(c -> indicatorOptions.add(new Option(c.value(), c.label(lang), false)));
        }
        indicatorOptions.add(new Option("external", pages.text("programme.indicator.external", locale), false));
        return new ShowPage(pages.chrome(request, auth), p.id(), p.title(), p.goals(), riskNames(p.riskList(), locale),
                name(byId, p.supportedSchoolId()), name(byId, p.mentorSchoolId()), p.mentorSchoolId() != null,
                supported == null ? "" : supported.municipality(),
                p.baselineWaveId() == null ? "" : waveNames.getOrDefault(p.baselineWaveId(), ""), d.mayEdit(), measures,
                owners, indicatorOptions, statusOptions("", locale), waveOptions("", locale), newMeasure,
                refused.form().equals("measure") ? refused.errors() : Map.of(), programmeValues,
                refused.form().equals("programme") ? refused.errors() : Map.of(),
                notice == null || !notice.matches("[a-z]{1,20}") ? null : pages.text("programme.notice." + notice, locale),
                riskOptions(programmeValues.getOrDefault("risks", ""), locale));
    }

    private List<Option> statusOptions(String chosen, Locale locale) {
        List<Option> out = new ArrayList<>();
        for (Status s : Status.values()) {
            out.add(new Option(s.name(), pages.text("programme.status." + s, locale), s.name().equals(chosen)));
        }
        return out;
    }

    /** The values of a measure's edit form as stored. */
    static Map<String, String> valuesOf(Measure m) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("title", m.title());
        v.put("owner", m.owner().name());
        v.put("riskFactor", m.riskFactor() == null ? "" : m.riskFactor());
        v.put("indicator", m.indicatorKind() == IndicatorKind.CONSTRUCT ? m.questionnaireKey() + "/" + m.constructId() : "external");
        v.put("assessment", m.assessment() == null ? "" : m.assessment());
        v.put("subject", m.subject() == null ? "" : m.subject());
        v.put("baselineWave", m.baselineWaveId() == null ? "" : String.valueOf(m.baselineWaveId()));
        v.put("baselineValue", m.indicatorKind() == IndicatorKind.EXTERNAL && m.baselineValue() != null
                ? String.valueOf(m.baselineValue()) : "");
        v.put("targetValue", m.targetValue() == null ? "" : String.valueOf(m.targetValue()));
        v.put("startsOn", m.startsOn().toString());
        v.put("dueOn", m.dueOn().toString());
        v.put("status", m.status().name());
        return v;
    }

    /** A construct by its name (and the respondents' questionnaire), an external result as "assessment: subject". */
    private String indicatorLabel(Measure m, String lang, Map<Long, List<Indicators.ConstructChoice>> cache) {
        if (m.indicatorKind() == IndicatorKind.EXTERNAL) {
            return m.assessment() + ": " + m.subject();
        }
        List<Indicators.ConstructChoice> choices = m.baselineWaveId() == null ? List.of()
                : cache.computeIfAbsent(m.baselineWaveId(), indicators::constructsOf);
        return choices.stream().filter(c -> c.questionnaireKey().equals(m.questionnaireKey())
                        && c.constructId().equals(m.constructId())).findFirst().map(c -> c.label(lang))
                .orElse(m.questionnaireKey() + "/" + m.constructId());
    }

    private String author(MeasureNote n, Map<Long, School> byId, Locale locale) {
        String role = pages.text("programme.author." + n.authorRole(), locale);
        return n.authorSchoolId() == null ? role : role + ", " + name(byId, n.authorSchoolId());
    }

    RoadmapPage roadmapPage(HttpRequest<?> request, Authentication auth, @Nullable String municipality) {
        Locale locale = pages.locale(request);
        String lang = locale.getLanguage();
        ReportFormat f = formats.of(locale);
        Map<Long, List<Indicators.ConstructChoice>> cache = new HashMap<>();
        List<RoadmapRow> rows = new ArrayList<>();
        int overdue = 0;
        for (Roadmap.Row r : roadmap.rows(auth, municipality, LocalDate.now())) {
            Measure m = r.measure();
            overdue += r.overdue() ? 1 : 0;
            rows.add(new RoadmapRow(r.programme().id(), r.programme().title(), r.municipality(), r.supportedSchool(),
                    r.mentorSchool() == null ? "" : r.mentorSchool(), m.title(), pages.text("programme.owner." + m.owner(), locale),
                    indicatorLabel(m, lang, cache), f.date(m.dueOn()), pages.text("programme.status." + m.status(), locale),
                    m.status().name(), r.overdue()));
        }
        return new RoadmapPage(pages.chrome(request, auth), municipalities(municipality), municipality, rows, overdue);
    }
}
