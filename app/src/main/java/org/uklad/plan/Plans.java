package org.uklad.plan;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.uklad.account.SchoolScope;
import org.uklad.audit.AuditLog;
import org.uklad.school.School;
import org.uklad.school.SchoolCategory;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldCode;
import org.uklad.system.FieldError;
import org.uklad.system.Jdbc;
import org.uklad.system.ProblemException;
import org.uklad.system.ReportFormats;

/**
 * The programme's indicators with plan and fact (coordinators only, {@link SchoolScope#requirePlan}):
 * defines and changes indicators, records entered facts, computes each indicator's fact (the
 * {@link Metric} or the latest entry of each place) and its {@link Plan.Status}, and creates seed
 * 003's standard set.
 */
@Singleton
public class Plans {

    static final int MAX_NAME = 300;
    static final int MAX_NOTE = 2000;
    static final double MAX_VALUE = 1_000_000_000;

    /** An indicator as typed (form or API): every field a string, checked here. */
    public record IndicatorInput(String name, String unit, String level, String source, String planValue, String dueOn,
                                 String note) {}

    /** A fact as typed; {@code municipality} or {@code schoolId} as the indicator's level asks. */
    public record FactInput(String indicatorId, String municipality, String schoolId, String value, String notedOn,
                            String note) {}

    private final PlanRepositories.IndicatorRepository indicators;
    private final PlanRepositories.FactRepository facts;
    private final MetricStore metrics;
    private final Schools schools;
    private final SchoolScope scope;
    private final AuditLog audit;
    private final Jdbc jdbc;
    private final ReportFormats formats;

    Plans(PlanRepositories.IndicatorRepository indicators, PlanRepositories.FactRepository facts, MetricStore metrics,
          Schools schools, SchoolScope scope, AuditLog audit, Jdbc jdbc, ReportFormats formats) {
        this.indicators = indicators;
        this.facts = facts;
        this.metrics = metrics;
        this.schools = schools;
        this.scope = scope;
        this.audit = audit;
        this.jdbc = jdbc;
        this.formats = formats;
    }

    /** Today in the service's time zone: the day statuses are judged on. */
    public LocalDate today() {
        return LocalDate.now(formats.zone());
    }

    // ---- reading ----

    /** Every indicator with its fact and status as of today. */
    public Plan.Table table(@Nullable Authentication auth) {
        scope.requirePlan(auth);
        return table(today());
    }

    /** Every indicator with its fact and status as of {@code today} (one consistent read). */
    Plan.Table table(LocalDate today) {
        return jdbc.readOnly(() -> {
            List<Plan.Fact> entered = facts.findAll(PlanRepositories.NEWEST_FIRST).stream()
                    .map(PlanRepositories.StoredFact::fact).toList();
            List<School> all = schools.all();
            Map<Metric, List<MetricStore.Row>> rows = new EnumMap<>(Metric.class);
            List<Plan.Line> lines = new ArrayList<>();
            for (PlanRepositories.StoredIndicator stored : indicators.findAllOrderById()) {
                Plan.Indicator i = stored.indicator();
                Optional<Metric> metric = Metric.of(i.source());
                metric.ifPresent(m -> rows.computeIfAbsent(m, k -> metrics.rows(k, today)));
                lines.add(line(i, metric.orElse(null), metric.map(rows::get).orElse(List.of()), entered, all, today));
            }
            return new Plan.Table(today, List.copyOf(lines));
        });
    }

    private Plan.Line line(Plan.Indicator i, @Nullable Metric metric, List<MetricStore.Row> rows, List<Plan.Fact> entered,
                           List<School> all, LocalDate today) {
        List<Plan.Fact> mine = entered.stream().filter(f -> f.indicatorId() == i.id()).toList();
        if (i.level() == Plan.Level.REGION) {
            Plan.Figure fact = metric == null ? enteredFigure(mine, f -> f.municipality() == null && f.schoolId() == null)
                    : figure(metric, rows, r -> true);
            return new Plan.Line(i, fact, Plan.Status.of(fact.value(), i.planValue(), i.dueOn(), today), List.of());
        }
        List<Plan.Part> parts = new ArrayList<>();
        if (i.level() == Plan.Level.MUNICIPALITY) {
            for (Schools.Municipality m : schools.municipalities()) {
                Plan.Figure fact = metric == null ? enteredFigure(mine, f -> m.name().equals(f.municipality()))
                        : figure(metric, rows, r -> r.municipality().equals(m.name()));
                parts.add(new Plan.Part(m.name(), m.name(), null, fact,
                        Plan.Status.of(fact.value(), i.planValue(), i.dueOn(), today)));
            }
        } else {
            for (School s : all) {
                if (s.category() != SchoolCategory.SHNRO && s.category() != SchoolCategory.SHRSSU) {
                    continue;   // the plan of a school-level indicator applies to the identified schools
                }
                Plan.Figure fact = metric == null ? enteredFigure(mine, f -> s.id().equals(f.schoolId()))
                        : figure(metric, rows, r -> r.schoolId() == s.id());
                parts.add(new Plan.Part(s.label(), null, s.id(), fact,
                        Plan.Status.of(fact.value(), i.planValue(), i.dueOn(), today)));
            }
        }
        List<String> reached = parts.stream().filter(p -> p.status() == Plan.Status.REACHED).map(Plan.Part::place).toList();
        Plan.Figure fact = new Plan.Figure((double) reached.size(), reached.size(), parts.size(), reached, List.of());
        boolean all_ = !parts.isEmpty() && reached.size() == parts.size();
        Plan.Status status = all_ ? Plan.Status.REACHED : today.isAfter(i.dueOn()) ? Plan.Status.OVERDUE : Plan.Status.NOT_YET;
        return new Plan.Line(i, fact, status, List.copyOf(parts));
    }

    /** The latest entry of a place is its fact; behind it, that place's entries, newest first. */
    private static Plan.Figure enteredFigure(List<Plan.Fact> mine, Predicate<Plan.Fact> place) {
        List<Plan.Fact> here = mine.stream().filter(place).toList();
        if (here.isEmpty()) {
            return Plan.Figure.none();
        }
        return new Plan.Figure(here.getFirst().value(), null, null, List.of(), here);
    }

    /** A metric narrowed to a scope: see each {@link Metric}'s definition. */
    static Plan.Figure figure(Metric metric, List<MetricStore.Row> rows, Predicate<MetricStore.Row> inScope) {
        List<MetricStore.Row> here = rows.stream().filter(inScope).toList();
        return switch (metric) {
            case WAVES_RUN -> {
                Map<Long, String> waves = new java.util.LinkedHashMap<>();
                here.forEach(r -> waves.putIfAbsent(r.key(), r.label()));
                yield Plan.Figure.count(List.copyOf(waves.values()));
            }
            case PARTNERSHIP_PAIRS -> Plan.Figure.count(here.stream().map(MetricStore.Row::label).toList());
            case IDENTIFIED_WITH_PROGRAMME, SCHOOLS_MONITORED, SPECIALIST_POSTS -> Plan.Figure.share(
                    (int) here.stream().filter(MetricStore.Row::counted).count(), here.size(),
                    here.stream().filter(MetricStore.Row::counted).map(MetricStore.Row::label).toList());
            case MEASURES_DONE -> Plan.Figure.share(here.stream().mapToInt(MetricStore.Row::done).sum(),
                    here.stream().mapToInt(MetricStore.Row::total).sum(),
                    here.stream().map(r -> r.label() + ": " + r.done() + "/" + r.total()).toList());
            case STAFF_TRAINED -> here.isEmpty() ? Plan.Figure.none()
                    : new Plan.Figure((double) here.stream().mapToInt(MetricStore.Row::done).sum(), null, null,
                            here.stream().map(r -> r.label() + ": " + r.done()).toList(), List.of());
        };
    }

    /** A value as stored facts and API show it: whole numbers without decimals. */
    static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    public List<Plan.Indicator> indicators(@Nullable Authentication auth) {
        scope.requirePlan(auth);
        return indicators.findAllOrderById().stream().map(PlanRepositories.StoredIndicator::indicator).toList();
    }

    public Plan.Indicator indicator(@Nullable Authentication auth, long id) {
        scope.requirePlan(auth);
        return indicators.findById(id).map(PlanRepositories.StoredIndicator::indicator)
                .orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
    }

    // ---- changing ----

    /** Adds an indicator; 422 with every field's mistake. */
    public Plan.Indicator add(@Nullable Authentication auth, IndicatorInput in) {
        scope.requirePlan(auth);
        return save(null, in);
    }

    /** Changes an indicator (404 when unknown); its entered facts stay. */
    public Plan.Indicator update(@Nullable Authentication auth, long id, IndicatorInput in) {
        Plan.Indicator old = indicator(auth, id);
        return save(old, in);
    }

    private Plan.Indicator save(@Nullable Plan.Indicator old, IndicatorInput in) {
        List<FieldError> errors = new ArrayList<>();
        String name = text(in.name(), "name", 1, MAX_NAME, errors);
        Plan.Unit unit = choice(Plan.Unit.class, in.unit(), "unit", errors);
        Plan.Level level = choice(Plan.Level.class, in.level(), "level", errors);
        String source = in.source() == null ? "" : in.source().strip();
        if (source.isEmpty()) {
            errors.add(FieldError.of("source", FieldCode.REQUIRED));
        } else if (!Metric.ENTERED.equals(source) && Metric.of(source).isEmpty()) {
            errors.add(FieldError.of("source", FieldCode.UNKNOWN_REFERENCE, clip(source)));
        }
        Double plan = value(in.planValue(), "planValue", errors);
        LocalDate due = date(in.dueOn(), "dueOn", errors);
        String note = text(in.note(), "note", 0, MAX_NOTE, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        PlanRepositories.StoredIndicator row = new PlanRepositories.StoredIndicator(old == null ? null : old.id(), name,
                unit, level, source, plan, due, note, old == null ? null : old.standardRow());
        Plan.Indicator saved = (old == null ? indicators.save(row) : indicators.update(row)).indicator();
        audit.record(AuditLog.Action.PLAN_INDICATOR_SAVED, "indicator " + saved.id(),
                (old == null ? "added: " : "changed: ") + saved.source() + ", plan " + number(saved.planValue()));
        return saved;
    }

    /** Records an entered fact of an ENTERED indicator; 422 with every field's mistake. */
    public Plan.Fact enter(@Nullable Authentication auth, FactInput in) {
        scope.requirePlan(auth);
        return enterFact(in);
    }

    Plan.Fact enterFact(FactInput in) {
        List<FieldError> errors = new ArrayList<>();
        Plan.Indicator indicator = null;
        try {
            indicator = indicators.findById(Long.parseLong(in.indicatorId().strip()))
                    .map(PlanRepositories.StoredIndicator::indicator).filter(Plan.Indicator::entered).orElse(null);
            if (indicator == null) {
                errors.add(FieldError.of("indicatorId", FieldCode.UNKNOWN_REFERENCE, clip(in.indicatorId())));
            }
        } catch (NumberFormatException | NullPointerException e) {
            errors.add(FieldError.of("indicatorId", FieldCode.REQUIRED));
        }
        String municipality = null;
        Long school = null;
        if (indicator != null && indicator.level() == Plan.Level.MUNICIPALITY) {
            municipality = blank(in.municipality()) ? null : in.municipality().strip();
            String m = municipality;
            if (m == null) {
                errors.add(FieldError.of("municipality", FieldCode.REQUIRED));
            } else if (schools.municipalities().stream().noneMatch(x -> x.name().equals(m))) {
                errors.add(FieldError.of("municipality", FieldCode.UNKNOWN_REFERENCE, clip(m)));
            }
        } else if (indicator != null && indicator.level() == Plan.Level.SCHOOL) {
            try {
                school = Long.parseLong(in.schoolId().strip());
                if (schools.find(school).isEmpty()) {
                    errors.add(FieldError.of("schoolId", FieldCode.UNKNOWN_REFERENCE, clip(in.schoolId())));
                }
            } catch (NumberFormatException | NullPointerException e) {
                errors.add(FieldError.of("schoolId", FieldCode.REQUIRED));
            }
        }
        Double value = value(in.value(), "value", errors);
        LocalDate noted = date(in.notedOn(), "notedOn", errors);
        String note = text(in.note(), "note", 0, MAX_NOTE, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        Plan.Fact saved = facts.save(new PlanRepositories.StoredFact(null, indicator.id(), municipality, school, value,
                noted, note)).fact();
        // the date stays in the fact (its id): the audit page shows stored details as they are
        audit.record(AuditLog.Action.PLAN_FACT_ENTERED, "indicator " + indicator.id(), "fact " + saved.id() + ": value "
                + number(value) + (municipality != null ? ", municipality " + municipality : "")
                + (school != null ? ", school " + school : ""));
        return saved;
    }

    /** Creates those of seed 003's twelve indicators not created before; how many it created. */
    public int standardSet(@Nullable Authentication auth) {
        scope.requirePlan(auth);
        return createStandardSet();
    }

    int createStandardSet() {
        return jdbc.inTransaction(() -> {
            LocalDate due = StandardSet.due(today());
            int created = 0;
            for (StandardSet.Row r : StandardSet.ROWS) {
                if (indicators.findByStandardRow(r.row()).isEmpty()) {
                    indicators.save(new PlanRepositories.StoredIndicator(null, r.nameRu(), r.unit(), r.level(), r.source(),
                            r.plan(), due, "", r.row()));
                    created++;
                }
            }
            if (created > 0) {
                audit.record(AuditLog.Action.PLAN_INDICATOR_SAVED, "standard set", created + " indicators added");
            }
            return created;
        });
    }

    // ---- reading typed values ----

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    private static String clip(@Nullable String s) {
        return s == null ? "" : s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static String text(@Nullable String s, String field, int min, int max, List<FieldError> errors) {
        String v = s == null ? "" : s.strip();
        if (min > 0 && v.isEmpty()) {
            errors.add(FieldError.of(field, FieldCode.REQUIRED));
        } else if (v.length() > max) {
            errors.add(min > 0 ? FieldError.of(field, FieldCode.LENGTH, min, max) : FieldError.of(field, FieldCode.TOO_LONG, max));
        }
        return v;
    }

    @Nullable
    private static <E extends Enum<E>> E choice(Class<E> type, @Nullable String s, String field, List<FieldError> errors) {
        if (blank(s)) {
            errors.add(FieldError.of(field, FieldCode.REQUIRED));
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(s.strip())) {
                return e;
            }
        }
        errors.add(FieldError.of(field, FieldCode.UNKNOWN_REFERENCE, clip(s)));
        return null;
    }

    /** A number, a decimal comma allowed; between 0 and {@link #MAX_VALUE}. */
    @Nullable
    private static Double value(@Nullable String s, String field, List<FieldError> errors) {
        if (blank(s)) {
            errors.add(FieldError.of(field, FieldCode.REQUIRED));
            return null;
        }
        double v;
        try {
            v = Double.parseDouble(s.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            errors.add(FieldError.of(field, FieldCode.NUMBER));
            return null;
        }
        if (!(v >= 0 && v <= MAX_VALUE)) {
            errors.add(FieldError.of(field, FieldCode.RANGE, 0, "1000000000"));
            return null;
        }
        return v;
    }

    @Nullable
    private static LocalDate date(@Nullable String s, String field, List<FieldError> errors) {
        if (blank(s)) {
            errors.add(FieldError.of(field, FieldCode.REQUIRED));
            return null;
        }
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            errors.add(FieldError.of(field, FieldCode.INVALID_DATE));
            return null;
        }
    }
}
