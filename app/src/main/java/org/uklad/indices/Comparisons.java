package org.uklad.indices;

import static org.uklad.indices.SchoolIndex.number;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.uklad.analysis.ScoreDistribution;
import org.uklad.analysis.compare.MultipleTesting;
import org.uklad.analysis.compare.PairedComparison;
import org.uklad.analysis.compare.PairedResult;
import org.uklad.analysis.compare.TwoSampleComparison;
import org.uklad.analysis.compare.TwoSampleResult;
import org.uklad.questionnaires.Domain;
import org.uklad.questionnaires.IndexKind;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * Comparisons of one school's constructs a director understands, computed from the exact person
 * scores of the shown groups ({@link PersonScores}) by the rule of {@link Verdict}:
 * <ul>
 *   <li>against its <b>partner school</b> in the same wave ({@link Schools#partnerOf}), construct by
 *       construct of the same questionnaire version;
 *   <li>against the <b>same school in each earlier wave</b> (waves that opened before this one,
 *       oldest first), constructs matched by construct id and respondent group (a version of the
 *       same questionnaire key first, else any questionnaire of that group), so versions may differ;
 *       a wave where the school has no entry for any of the constructs is left out;
 *   <li>against the <b>rest of the wave</b> (every other school pooled), for the PDF of a school
 *       without a partner; it exists only where the pooled figure of the wave is shown.
 * </ul>
 * Only LEVEL and AGREEMENT constructs (those with a 0–100 score) are compared; GAP constructs are a
 * within-school difference already. The Benjamini–Hochberg adjustment runs over the constructs of
 * one comparison that have both sides shown.
 *
 * <p>Two groups are compared straight from their frequency tables of person scores
 * ({@link TwoSampleComparison#compare(ScoreDistribution, ScoreDistribution)}): the cost is the
 * distinct scores, not the people, so a school against the rest of a region's wave (300,000
 * people) costs what a school against its partner costs.
 */
@Singleton
public class Comparisons {

    /** The problem matrix compares with the wave's median school only when at least this many schools are shown. */
    public static final int MIN_SCHOOLS_FOR_MEDIAN = 3;

    private final IndicesService indices;
    private final Waves waves;
    private final Schools schools;
    private final ConstructLabels labels;

    Comparisons(IndicesService indices, Waves waves, Schools schools, ConstructLabels labels) {
        this.indices = indices;
        this.waves = waves;
        this.schools = schools;
        this.labels = labels;
    }

    /**
     * Every comparison of a school in a wave: its partner and its earlier waves.
     *
     * @param withPartner false leaves the partner out (a caller who may not read the partner
     *                    school's figures, e.g. a director looking at their partner's page, whose
     *                    own partner is a third school)
     * @throws ProblemException {@link ErrorCode#NOT_FOUND} for an unknown wave or school
     */
    public SchoolComparisons of(long waveId, long schoolId, boolean withPartner) {
        return of(new WaveSnapshots(indices), waveId, schoolId, withPartner);
    }

    /** {@link #of(long, long, boolean)} from the snapshots the caller's page reads ({@link WaveSnapshots}). */
    public SchoolComparisons of(WaveSnapshots taken, long waveId, long schoolId, boolean withPartner) {
        schools.find(schoolId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        wave(waveId);
        return new SchoolComparisons(waveId, schoolId, indices.minGroupSize(),
                withPartner ? partner(taken.of(waveId), schoolId).orElse(null) : null,
                earlierWaves(taken, waveId, schoolId));
    }

    /** The school against its partner school in the same wave; empty without a partner. */
    public Optional<Comparison> partner(long waveId, long schoolId) {
        return partner(indices.snapshot(waveId), schoolId);
    }

    /** The school against its partner school in the wave of {@code now}; empty without a partner. */
    public Optional<Comparison> partner(WaveSnapshot now, long schoolId) {
        Optional<Schools.Partner> partner = schools.partnerOf(schoolId);
        if (partner.isEmpty()) {
            return Optional.empty();
        }
        long other = partner.get().school().id();
        long waveId = now.indices().waveId();
        Wave wave = wave(waveId);
        List<Pair> pairs = new ArrayList<>();
        for (QuestionnaireIndices q : now.indices().questionnaires()) {
            for (ConstructIndex c : scored(q)) {
                pairs.add(new Pair(q, c, now.scores().school(q.versionId(), c.construct(), schoolId),
                        now.scores().school(q.versionId(), c.construct(), other)));
            }
        }
        return Optional.of(new Comparison(Comparison.Kind.PARTNER, other, waveId, wave.name(), wave.opensAt(),
                compare(now.indices(), pairs)));
    }

    /**
     * The school against every other school of the wave pooled. A construct whose pooled figure is
     * withheld, or whose other schools together are below the threshold, is "too few answers". From
     * the snapshot of the wave the caller's page reads.
     */
    public Comparison restOfWave(WaveSnapshot now, long schoolId) {
        long waveId = now.indices().waveId();
        Wave wave = wave(waveId);
        List<Pair> pairs = new ArrayList<>();
        for (QuestionnaireIndices q : now.indices().questionnaires()) {
            for (ConstructIndex c : scored(q)) {
                Optional<ScoreDistribution> mine = now.scores().school(q.versionId(), c.construct(), schoolId);
                Optional<ScoreDistribution> rest = now.scores().pooled(q.versionId(), c.construct())
                        .map(all -> mine.map(m -> minus(all, m)).orElse(all))
                        .filter(r -> r.n() >= now.indices().minGroupSize());
                pairs.add(new Pair(q, c, mine, rest));
            }
        }
        return new Comparison(Comparison.Kind.REST_OF_WAVE, null, waveId, wave.name(), wave.opensAt(), compare(now.indices(), pairs));
    }

    /**
     * The school against itself in each earlier wave it took part in, oldest first. Only the waves
     * the school had codes or responses in are computed, not every earlier wave of the region. Each
     * wave from the snapshots the caller's page reads.
     */
    public List<Comparison> earlierWaves(WaveSnapshots taken, long waveId, long schoolId) {
        WaveSnapshot now = taken.of(waveId);
        return earlier(waveId, schoolId).reversed().stream()
                .map(w -> against(now, taken.of(w.id()), w, schoolId)).flatMap(Optional::stream).toList();
    }

    /** The most recent earlier wave's comparison ("change since the previous wave"), if any. */
    public Optional<Comparison> previousWave(long waveId, long schoolId) {
        return previousWave(new WaveSnapshots(indices), waveId, schoolId);
    }

    /** {@link #previousWave(long, long)} from the snapshots the caller's page reads. */
    public Optional<Comparison> previousWave(WaveSnapshots taken, long waveId, long schoolId) {
        WaveSnapshot now = taken.of(waveId);
        return earlier(waveId, schoolId).stream() // newest first: stop at the first with something to compare
                .map(w -> against(now, taken.of(w.id()), w, schoolId)).flatMap(Optional::stream).findFirst();
    }

    /** The earlier waves the school took part in, newest first. */
    private List<Wave> earlier(long waveId, long schoolId) {
        Wave current = wave(waveId);
        return waves.ofSchool(schoolId).stream().filter(w -> w.opensAt().isBefore(current.opensAt()))
                .sorted(Comparator.comparing(Wave::opensAt).reversed()).toList();
    }

    /** The school now against itself in wave {@code w} (as of {@code then}), if they share a scored construct. */
    private Optional<Comparison> against(WaveSnapshot now, WaveSnapshot then, Wave w, long schoolId) {
        List<Pair> pairs = new ArrayList<>();
        for (QuestionnaireIndices q : now.indices().questionnaires()) {
            for (ConstructIndex c : scored(q)) {
                Optional<QuestionnaireIndices> same = match(then.indices(), q, c, schoolId);
                if (same.isPresent()) {
                    pairs.add(new Pair(q, c, now.scores().school(q.versionId(), c.construct(), schoolId),
                            then.scores().school(same.get().versionId(), c.construct(), schoolId)));
                }
            }
        }
        return pairs.isEmpty() ? Optional.empty() : Optional.of(new Comparison(Comparison.Kind.EARLIER_WAVE, schoolId,
                w.id(), w.name(), w.opensAt(), compare(now.indices(), pairs)));
    }

    /**
     * The problem matrix of a school in a wave ({@code withPartner} as in {@link #of}). Per LEVEL and AGREEMENT construct of the management,
     * teaching and culture domains, as each respondent group rates it:
     * <ul>
     *   <li><b>too few answers</b> (no mark) when the school's group is below the threshold;
     *   <li><b>problem</b> when the school is clearly lower ({@link Verdict}) than its partner school,
     *       or clearly lower than the wave's median school;
     *   <li><b>strength</b> when it is clearly higher than either and clearly lower than neither;
     *   <li><b>unreliable scale</b> when the school's scale is not trusted ({@link ScaleTrust}: alpha
     *       below {@value ScaleTrust#MIN_ALPHA} or withheld): never a problem or a strength;
     *   <li><b>typical</b> otherwise (no clear difference, or nothing to compare with).
     * </ul>
     * The wave's median is the median of the 0–100 scores of the schools shown for that construct
     * and version, used when at least {@value #MIN_SCHOOLS_FOR_MEDIAN} are shown (this school
     * included). "Clearly lower than the median" applies the same rule as against a school: the
     * one-sample t-test of the school's person scores against the median ({@code t.test(x, mu = M)}),
     * its p adjusted by Benjamini–Hochberg over the matrix's constructs, and Cohen's
     * {@code d = (mean − M)/sd} as the effect.
     *
     * <p>Each domain lists its constructs <b>in order of priority</b> ({@link #priority}): problems
     * first, the largest clear gap first — the size of a gap is the larger effect among the clear
     * differences that make the mark (|g| against the partner, |d| against the median school); then
     * strengths, the largest first; then the typical ones; then the unreliable scales; then those with
     * too few answers. Equal
     * sizes keep questionnaire order.
     */
    public ProblemMatrix matrix(long waveId, long schoolId, boolean withPartner) {
        schools.find(schoolId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        return matrix(indices.snapshot(waveId), schoolId, withPartner);
    }

    /** {@link #matrix(long, long, boolean)} from the snapshot of the wave the caller's page reads. */
    public ProblemMatrix matrix(WaveSnapshot now, long schoolId, boolean withPartner) {
        long waveId = now.indices().waveId();
        Optional<Comparison> partner = withPartner ? partner(now, schoolId) : Optional.empty();
        record Row(QuestionnaireIndices q, ConstructIndex c, Optional<ScoreDistribution> mine, PairedResult vsMedian) {}
        List<Row> rows = new ArrayList<>();
        for (QuestionnaireIndices q : now.indices().questionnaires()) {
            for (ConstructIndex c : scored(q)) {
                if (c.domain() == Domain.CONTEXT) {
                    continue;
                }
                Optional<ScoreDistribution> mine = now.scores().school(q.versionId(), c.construct(), schoolId);
                double[] shown = c.schools().stream().filter(s -> !s.suppressed() && s.score100() != null
                        && s.score100().mean() != null).mapToDouble(s -> s.score100().mean()).toArray();
                PairedResult vs = null;
                if (mine.isPresent() && shown.length >= MIN_SCHOOLS_FOR_MEDIAN) {
                    double[] x = mine.get().expand();
                    double[] m = new double[x.length];
                    Arrays.fill(m, ScoreDistribution.of(shown).median());
                    vs = PairedComparison.compare(x, m);
                }
                rows.add(new Row(q, c, mine, vs));
            }
        }
        double[] p = rows.stream().mapToDouble(r -> r.vsMedian() == null ? Double.NaN : r.vsMedian().tP()).toArray();
        double[] adjusted = MultipleTesting.benjaminiHochberg(p);
        Map<Domain, List<Ranked>> columns = new EnumMap<>(Domain.class);
        for (Domain d : List.of(Domain.MANAGEMENT, Domain.TEACHING, Domain.CULTURE)) {
            columns.put(d, new ArrayList<>());
        }
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            Optional<ConstructComparison> vsPartner = partner.flatMap(pc -> pc.find(r.q().versionId(), r.c().construct()));
            Verdict partnerVerdict = vsPartner.map(ConstructComparison::verdict).orElse(null);
            Double partnerG = vsPartner.map(ConstructComparison::hedgesG).orElse(null);
            Verdict medianVerdict = null;
            Double medianD = null;
            if (r.mine().isPresent() && r.vsMedian() != null) {
                PairedResult v = r.vsMedian();
                medianD = v.meanDifference() / v.sdDifference();
                medianVerdict = Verdict.of(v.meanDifference(), adjusted[i], medianD);
            }
            SchoolIndex entry = r.c().entryOf(schoolId);
            boolean trusted = ScaleTrust.of(entry) == ScaleTrust.TRUSTED;
            ProblemMatrix.Mark mark = mark(r.mine().isPresent(), trusted, partnerVerdict, medianVerdict);
            // d against the median stays inside: with few schools it would give the median, another school's score, away
            columns.get(r.c().domain()).add(new Ranked(new ProblemMatrix.Cell(r.q().versionId(), r.q().respondent(),
                    r.c().construct(), labels.level(now.indices(), r.q(), r.c()), mark, partnerVerdict, medianVerdict, partnerG,
                    r.mine().isPresent() ? entry.alpha() : null),
                    priority(mark, partnerVerdict, partnerG, medianVerdict, medianD)));
        }
        List<ProblemMatrix.Column> out = new ArrayList<>();
        columns.forEach((d, cells) -> out.add(new ProblemMatrix.Column(d, cells.stream()
                .sorted(Comparator.comparing(Ranked::priority)).map(Ranked::cell).toList())));
        return new ProblemMatrix(waveId, schoolId, now.indices().minGroupSize(), partner.isPresent(), out);
    }

    /** A matrix cell with its place in its domain's list. */
    private record Ranked(ProblemMatrix.Cell cell, Priority priority) {}

    /**
     * Where a cell stands in its domain's list: by mark (problem, strength, typical, too few answers),
     * then by the size of its clear gap, the largest first (see {@link #matrix}).
     */
    record Priority(int markOrder, double size) implements Comparable<Priority> {
        @Override
        public int compareTo(Priority o) {
            return markOrder != o.markOrder ? Integer.compare(markOrder, o.markOrder) : Double.compare(o.size, size);
        }
    }

    /** The priority of a cell: the larger effect among the clear differences in the direction of its mark. */
    static Priority priority(ProblemMatrix.Mark mark, Verdict versusPartner, Double partnerG, Verdict versusMedian,
                             Double medianD) {
        int markOrder = switch (mark) {
            case PROBLEM -> 0;
            case STRENGTH -> 1;
            case TYPICAL -> 2;
            case UNRELIABLE -> 3;
            case TOO_FEW_ANSWERS -> 4;
        };
        Verdict direction = switch (mark) {
            case PROBLEM -> Verdict.LOWER;
            case STRENGTH -> Verdict.HIGHER;
            default -> null;
        };
        double size = 0;
        if (direction != null && versusPartner == direction && partnerG != null) {
            size = Math.abs(partnerG);
        }
        if (direction != null && versusMedian == direction && medianD != null) {
            size = Math.max(size, Math.abs(medianD));
        }
        return new Priority(markOrder, size);
    }

    /** The mark of one cell (see {@link #matrix}). */
    static ProblemMatrix.Mark mark(boolean shown, boolean trusted, Verdict versusPartner, Verdict versusMedian) {
        if (!shown) {
            return ProblemMatrix.Mark.TOO_FEW_ANSWERS;
        }
        if (!trusted) {
            // items that do not measure one thing give no problem or strength, whatever the verdicts say
            return ProblemMatrix.Mark.UNRELIABLE;
        }
        if (versusPartner == Verdict.LOWER || versusMedian == Verdict.LOWER) {
            return ProblemMatrix.Mark.PROBLEM;
        }
        if (versusPartner == Verdict.HIGHER || versusMedian == Verdict.HIGHER) {
            return ProblemMatrix.Mark.STRENGTH;
        }
        return ProblemMatrix.Mark.TYPICAL;
    }

    // ---- the comparison itself ----

    /** One construct: this school's person scores and the reference's (empty = not shown). */
    private record Pair(QuestionnaireIndices q, ConstructIndex c, Optional<ScoreDistribution> mine,
                        Optional<ScoreDistribution> reference) {}

    /**
     * Welch, Mann–Whitney and Hedges' g per construct, BH over the constructs compared, then the
     * verdicts; each named by {@link ConstructLabels} in the wave {@code named} (the one the pairs'
     * questionnaires come from).
     */
    private List<ConstructComparison> compare(WaveIndices named, List<Pair> pairs) {
        TwoSampleResult[] results = new TwoSampleResult[pairs.size()];
        double[] p = new double[pairs.size()];
        Arrays.fill(p, Double.NaN);
        for (int i = 0; i < pairs.size(); i++) {
            Pair pair = pairs.get(i);
            if (pair.mine().isPresent() && pair.reference().isPresent()) {
                results[i] = TwoSampleComparison.compare(pair.mine().get(), pair.reference().get());
                p[i] = results[i].welchP();
            }
        }
        double[] adjusted = MultipleTesting.benjaminiHochberg(p);
        List<ConstructComparison> out = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            Pair pair = pairs.get(i);
            QuestionnaireIndices q = pair.q();
            ConstructIndex c = pair.c();
            TwoSampleResult r = results[i];
            if (r == null) {
                out.add(ConstructComparison.tooFew(q.versionId(), q.key(), q.respondent(), c)
                        .titled(labels.level(named, q, c)));
                continue;
            }
            out.add(new ConstructComparison(q.versionId(), q.key(), q.respondent(), c.construct(), labels.level(named, q, c),
                    c.domain(), Verdict.of(r.difference(), adjusted[i], r.hedgesG()), r.n1(), r.n2(),
                    number(r.mean1()), number(r.mean2()), number(r.difference()), number(r.ciLower()),
                    number(r.ciUpper()), number(r.welchP()), number(r.mannWhitneyP()), number(adjusted[i]),
                    number(r.hedgesG()), number(r.hedgesGLower()), number(r.hedgesGUpper())));
        }
        return out;
    }

    /** The constructs with a 0–100 score, in questionnaire order. */
    private static List<ConstructIndex> scored(QuestionnaireIndices q) {
        return q.constructs().stream()
                .filter(c -> c.indexKind() == IndexKind.LEVEL || c.indexKind() == IndexKind.AGREEMENT).toList();
    }

    /**
     * The questionnaire version of an earlier wave that holds the same construct for the same
     * respondent group with an entry for the school: the same questionnaire key first (the
     * dashboard's trend follows a construct across waves by the same match).
     */
    public static Optional<QuestionnaireIndices> match(WaveIndices then, QuestionnaireIndices q, ConstructIndex c,
                                                        long schoolId) {
        return then.questionnaires().stream()
                .filter(t -> t.respondent() == q.respondent())
                .filter(t -> t.constructs().stream().anyMatch(tc -> tc.construct().equals(c.construct())
                        && tc.indexKind() == c.indexKind()
                        && tc.schools().stream().anyMatch(s -> s.schoolId() != null && s.schoolId() == schoolId)))
                .min(Comparator.comparingInt(t -> t.key().equals(q.key()) ? 0 : 1));
    }

    /** {@code all} without {@code part}: the counts of each value subtracted. */
    static ScoreDistribution minus(ScoreDistribution all, ScoreDistribution part) {
        Map<Double, Long> counts = new HashMap<>();
        double[] v = all.values();
        long[] n = all.counts();
        for (int i = 0; i < v.length; i++) {
            counts.merge(v[i], n[i], Long::sum);
        }
        double[] pv = part.values();
        long[] pn = part.counts();
        for (int i = 0; i < pv.length; i++) {
            counts.merge(pv[i], -pn[i], Long::sum);
        }
        double[] values = counts.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        long[] left = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            left[i] = Math.max(0, counts.get(values[i]));
        }
        return ScoreDistribution.of(values, left);
    }

    private Wave wave(long waveId) {
        return waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
    }
}
