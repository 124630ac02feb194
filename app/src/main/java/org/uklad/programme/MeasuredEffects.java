package org.uklad.programme;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.uklad.analysis.ScoreDistribution;
import org.uklad.analysis.SuppressionPolicy;
import org.uklad.analysis.effect.DifferenceInDifferences;
import org.uklad.indices.IndicesService;
import org.uklad.indices.WaveSnapshots;
import org.uklad.programme.EffectStore.ExternalScore;
import org.uklad.programme.EffectStore.MeasureRow;
import org.uklad.programme.EffectStore.ProgrammeRow;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * The measured effect of each measure of a support programme (docs/measured-effect.md).
 *
 * <p><b>A construct indicator</b> (a construct of a respondent group: questionnaire key +
 * construct id): from the measure's baseline wave (else the programme's) to every later wave that
 * asked the school the construct, the school's change beside the comparison schools' change over the same two
 * waves, and the difference of the two changes ({@link DifferenceInDifferences}: Welch interval,
 * verdict by the dashboard's rule). Person scores are the indices' (published responses, groups of
 * at least k only: {@link IndicesService#personScores}); the comparison pools the person scores of
 * the <em>comparison schools</em>: the schools of the supported school's category, other than it,
 * that are not supported by a programme with a (not dropped) measure on the same indicator started
 * by the later wave's close, and whose group is shown in both waves. When fewer than 2 such schools
 * remain, every other school shown in both waves is the comparison (the step says which). When the
 * school's group is below k in either wave, or no comparison school is shown in both, the step is
 * "too few answers" with no number.
 *
 * <p><b>An external result</b> (assessment + subject, {@code external_score}): from the baseline
 * year (the year the baseline wave opened, else the school's first year with a result) to each
 * later year with a result: the school's mean score change, the comparison schools' change (the
 * mean over those schools of each school's change; the same choice of schools, with a result in
 * both years), and the difference. One number per school and year carries no spread, so there is
 * no interval and no verdict ("not judged"); below k participants in either year it is "too few".
 */
@Singleton
public class MeasuredEffects {

    static final String SAME_CATEGORY = "SAME_CATEGORY";
    static final String ALL_OTHER_SCHOOLS = "ALL_OTHER_SCHOOLS";
    static final String NOT_JUDGED = "NOT_JUDGED";
    /** Fewer schools of the same category than this and the comparison is every other school. */
    static final int MIN_SAME_CATEGORY = 2;

    /**
     * A programme with the effect of each of its measures.
     *
     * @param programmeId     the programme
     * @param title           its title
     * @param supportedSchool the supported school's name
     * @param mentorSchool    the mentor school's name, null without one
     * @param minGroupSize    k
     * @param measures        each measure's effect, in the programme's order
     */
    @Serdeable
    public record ProgrammeEffects(long programmeId, String title, String supportedSchool, @Nullable String mentorSchool,
                                   int minGroupSize, List<MeasureEffect> measures) {}

    /** A programme's schools, for the read rule. */
    public record Pair(long supportedSchoolId, @Nullable Long mentorSchoolId) {}

    private final EffectStore store;
    private final IndicesService indices;
    private final Waves waves;
    private final Schools schools;

    MeasuredEffects(EffectStore store, IndicesService indices, Waves waves, Schools schools) {
        this.store = store;
        this.indices = indices;
        this.waves = waves;
        this.schools = schools;
    }

    /**
     * The schools of a programme.
     *
     * @throws ProblemException {@link ErrorCode#NOT_FOUND} for an unknown programme
     */
    public Pair pair(long programmeId) {
        ProgrammeRow p = programme(programmeId);
        return new Pair(p.supportedSchoolId(), p.mentorSchoolId());
    }

    /**
     * The effect of every measure of a programme.
     *
     * @throws ProblemException {@link ErrorCode#NOT_FOUND} for an unknown programme
     */
    public ProgrammeEffects of(long programmeId) {
        return of(programmeId, new WaveSnapshots(indices));
    }

    /** {@link #of(long)} from the snapshots the caller's page reads: each wave's person scores taken once. */
    private ProgrammeEffects of(long programmeId, WaveSnapshots taken) {
        ProgrammeRow p = programme(programmeId);
        List<MeasureEffect> out = store.measures(programmeId).stream().map(m -> effect(p, m, taken)).toList();
        return new ProgrammeEffects(p.id(), p.title(), name(p.supportedSchoolId()),
                p.mentorSchoolId() == null ? null : name(p.mentorSchoolId()), indices.minGroupSize(), out);
    }

    /** The effect of one measure (one of {@link #of}'s), for the programme page's fragment. */
    public Optional<MeasureEffect> ofMeasure(long programmeId, long measureId) {
        return of(programmeId).measures().stream().filter(m -> m.measureId() == measureId).findFirst();
    }

    /** Every programme, for the what-worked page. */
    List<ProgrammeEffects> all() {
        WaveSnapshots taken = new WaveSnapshots(indices); // one state of each wave for every programme of the page
        return store.programmes().stream().map(p -> of(p.id(), taken)).toList();
    }

    private ProgrammeRow programme(long id) {
        return store.programme(id).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
    }

    private String name(long schoolId) {
        return schools.find(schoolId).map(School::name).orElse("—");
    }

    MeasureEffect effect(ProgrammeRow p, MeasureRow m, WaveSnapshots taken) {
        Long baselineWaveId = m.baselineWaveId() != null ? m.baselineWaveId() : p.baselineWaveId();
        Optional<Wave> baseline = baselineWaveId == null ? Optional.empty() : waves.find(baselineWaveId);
        return m.construct() ? constructEffect(p, m, baseline, taken) : externalEffect(p, m, baseline);
    }

    // ---- a construct of a respondent group ----

    private MeasureEffect constructEffect(ProgrammeRow p, MeasureRow m, Optional<Wave> baseline, WaveSnapshots taken) {
        MeasureEffect.Label label = new MeasureEffect.Label(m.constructId(), m.constructId());
        List<MeasureEffect.Step> steps = new ArrayList<>();
        if (baseline.isPresent()) {
            IndicesService.ConstructScores before = indices.personScores(taken.of(baseline.get().id()), m.questionnaireKey(),
                    m.constructId());
            label = label(before, m).orElse(label);
            List<Wave> later = waves.all().stream().filter(w -> w.opensAt().isAfter(baseline.get().opensAt()))
                    .sorted(Comparator.comparing(Wave::opensAt)).toList();
            for (Wave w : later) {
                IndicesService.ConstructScores after = indices.personScores(taken.of(w.id()), m.questionnaireKey(), m.constructId());
                if (!after.asked().contains(p.supportedSchoolId())) {
                    continue; // the wave did not ask the school this construct
                }
                label = label(after, m).orElse(label);
                steps.add(constructStep(p, m, w, before, after));
            }
        }
        return new MeasureEffect(m.id(), m.title(), m.status(), m.indicatorKind(), label,
                baseline.map(Wave::name).orElse(null), steps);
    }

    private static Optional<MeasureEffect.Label> label(IndicesService.ConstructScores s, MeasureRow m) {
        if (s.title() == null) {
            return Optional.empty();
        }
        return Optional.of(new MeasureEffect.Label(s.title().ru() + " — " + s.questionnaire().ru(),
                s.title().en() + " — " + s.questionnaire().en()));
    }

    private MeasureEffect.Step constructStep(ProgrammeRow p, MeasureRow m, Wave w, IndicesService.ConstructScores before,
                                             IndicesService.ConstructScores after) {
        long school = p.supportedSchoolId();
        Optional<ScoreDistribution> t0 = Optional.ofNullable(before.shown().get(school));
        Optional<ScoreDistribution> t1 = Optional.ofNullable(after.shown().get(school));
        Set<Long> bothWaves = new TreeSet<>(before.shown().keySet());
        bothWaves.retainAll(after.shown().keySet());
        bothWaves.remove(school);
        Comparison c = comparison(p, m, bothWaves, day(w));
        if (t0.isEmpty() || t1.isEmpty() || c.schools().isEmpty()) {
            return tooFew(w.id(), null, w.name());
        }
        List<double[]> c0 = new ArrayList<>();
        List<double[]> c1 = new ArrayList<>();
        for (long s : c.schools()) {
            c0.add(before.shown().get(s).expand());
            c1.add(after.shown().get(s).expand());
        }
        DifferenceInDifferences.Result r = DifferenceInDifferences.estimate(t0.get().expand(), t1.get().expand(),
                concat(c0), concat(c1), new SuppressionPolicy(indices.minGroupSize()));
        if (!r.shown()) {
            return tooFew(w.id(), null, w.name());
        }
        return new MeasureEffect.Step(w.id(), null, w.name(), c.kind(), c.schools().size(), r.verdict().name(),
                change(r.school()), change(r.comparison()), r.difference(), finite(r.ciLower()), finite(r.ciUpper()),
                finite(r.p()), finite(r.effect()));
    }

    private static MeasureEffect.Change change(DifferenceInDifferences.Change c) {
        return new MeasureEffect.Change(c.nBaseline(), c.nLater(), c.baselineMean(), c.laterMean(), c.change(),
                finite(c.ciLower()), finite(c.ciUpper()));
    }

    /** The day by which a measure must have started to count for a wave: the wave's close. */
    private static LocalDate day(Wave w) {
        return w.closesAt().atZone(ZoneOffset.UTC).toLocalDate();
    }

    // ---- an external result ----

    private MeasureEffect externalEffect(ProgrammeRow p, MeasureRow m, Optional<Wave> baselineWave) {
        MeasureEffect.Label label = new MeasureEffect.Label(m.assessment() + ", " + m.subject(),
                m.assessment() + ", " + m.subject());
        Map<Long, Map<Integer, ExternalScore>> bySchool = new HashMap<>();
        for (ExternalScore s : store.externalScores(m.assessment(), m.subject())) {
            bySchool.computeIfAbsent(s.schoolId(), k -> new HashMap<>()).put(s.year(), s);
        }
        Map<Integer, ExternalScore> mine = bySchool.getOrDefault(p.supportedSchoolId(), Map.of());
        Optional<Integer> baseYear = baselineWave.map(w -> w.opensAt().atZone(ZoneOffset.UTC).getYear())
                .or(() -> mine.keySet().stream().min(Integer::compare));
        List<MeasureEffect.Step> steps = new ArrayList<>();
        if (baseYear.isPresent()) {
            int y0 = baseYear.get();
            for (int y1 : mine.keySet().stream().filter(y -> y > y0).sorted().toList()) {
                steps.add(externalStep(p, m, bySchool, y0, y1));
            }
        }
        return new MeasureEffect(m.id(), m.title(), m.status(), m.indicatorKind(), label,
                baseYear.map(String::valueOf).orElse(null), steps);
    }

    private MeasureEffect.Step externalStep(ProgrammeRow p, MeasureRow m, Map<Long, Map<Integer, ExternalScore>> bySchool,
                                            int y0, int y1) {
        int k = indices.minGroupSize();
        Predicate<ExternalScore> enough = s -> s != null && s.participants() >= k;
        Map<Integer, ExternalScore> mine = bySchool.getOrDefault(p.supportedSchoolId(), Map.of());
        Set<Long> bothYears = new TreeSet<>();
        bySchool.forEach((school, years) -> {
            if (school != p.supportedSchoolId() && enough.test(years.get(y0)) && enough.test(years.get(y1))) {
                bothYears.add(school);
            }
        });
        Comparison c = comparison(p, m, bothYears, LocalDate.of(y1, 12, 31));
        String period = String.valueOf(y1);
        if (!enough.test(mine.get(y0)) || !enough.test(mine.get(y1)) || c.schools().isEmpty()) {
            return tooFew(null, y1, period);
        }
        ExternalScore a = mine.get(y0);
        ExternalScore b = mine.get(y1);
        MeasureEffect.Change school = new MeasureEffect.Change(a.participants(), b.participants(), a.meanScore(),
                b.meanScore(), b.meanScore() - a.meanScore(), null, null);
        double before = 0;
        double after = 0;
        long n0 = 0;
        long n1 = 0;
        for (long s : c.schools()) {
            ExternalScore s0 = bySchool.get(s).get(y0);
            ExternalScore s1 = bySchool.get(s).get(y1);
            before += s0.meanScore();
            after += s1.meanScore();
            n0 += s0.participants();
            n1 += s1.participants();
        }
        int n = c.schools().size();
        MeasureEffect.Change reference = new MeasureEffect.Change(n0, n1, before / n, after / n, (after - before) / n,
                null, null);
        return new MeasureEffect.Step(null, y1, period, c.kind(), n, NOT_JUDGED, school, reference,
                school.change() - reference.change(), null, null, null, null);
    }

    // ---- the comparison schools ----

    /** The comparison: which kind and which schools (ids ascending). */
    record Comparison(String kind, List<Long> schools) {}

    /**
     * The comparison schools among {@code candidates} (schools with the indicator shown in both
     * periods, the supported school not among them): the same category without a measure on the
     * indicator started by {@code startedBy}; fewer than {@value #MIN_SAME_CATEGORY}: all candidates.
     */
    private Comparison comparison(ProgrammeRow p, MeasureRow m, Set<Long> candidates, LocalDate startedBy) {
        Optional<School> supported = schools.find(p.supportedSchoolId());
        Set<Long> measured = store.schoolsWithMeasureOn(m, startedBy);
        List<Long> same = candidates.stream()
                .filter(s -> !measured.contains(s))
                .filter(s -> supported.isPresent() && schools.find(s).map(School::category)
                        .filter(cat -> cat == supported.get().category()).isPresent())
                .toList();
        if (same.size() >= MIN_SAME_CATEGORY) {
            return new Comparison(SAME_CATEGORY, same);
        }
        return new Comparison(ALL_OTHER_SCHOOLS, List.copyOf(candidates));
    }

    private static MeasureEffect.Step tooFew(@Nullable Long waveId, @Nullable Integer year, String period) {
        return new MeasureEffect.Step(waveId, year, period, null, null,
                DifferenceInDifferences.Verdict.TOO_FEW_ANSWERS.name(), null, null, null, null, null, null, null);
    }

    private static double[] concat(List<double[]> parts) {
        return parts.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static @Nullable Double finite(double x) {
        return Double.isFinite(x) ? x : null;
    }
}
