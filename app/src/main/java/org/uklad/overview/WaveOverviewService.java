package org.uklad.overview;

import org.uklad.context.ExternalResults;
import org.uklad.context.FamilyContext;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.uklad.analysis.Suppressible;
import org.uklad.analysis.cluster.ClusteringResult;
import org.uklad.analysis.cluster.SchoolClustering;
import org.uklad.analysis.context.FamilyContextIndex.SchoolContext;
import org.uklad.indices.ConstructIndex;
import org.uklad.indices.IndicesService;
import org.uklad.indices.QuestionnaireIndices;
import org.uklad.indices.SchoolIndex;
import org.uklad.indices.WaveIndices;
import org.uklad.overview.WaveOverview.Cell;
import org.uklad.overview.WaveOverview.Column;
import org.uklad.overview.WaveOverview.Unavailable;
import org.uklad.questionnaires.IndexKind;
import org.uklad.school.Partnership;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * The coordinator's view of one wave: every school's indices as a matrix, clusters of schools, the
 * context/resilience view with suggested partners, and the partnerships side by side. The numbers
 * are those of {@link IndicesService} and of the {@code analysis} module; nothing is recomputed here.
 *
 * <p><b>Matrix.</b> Columns: every LEVEL and AGREEMENT construct of every questionnaire of the wave
 * (AGREEMENT constructs have a 0–100 level too); a cell is the school's 0–100 mean
 * ({@code score100.mean}), or SUPPRESSED when fewer respondents than the threshold have a score, or
 * NO_DATA when the questionnaire was not given at the school. Rows: the schools with codes or answers
 * in the wave, or with an external result, by municipality (the registry's order), then by the school's
 * mean score (the plain mean of its shown cells), lowest first, so the schools that need attention
 * head their municipality; schools with no shown cell follow, each group by name. The page and the
 * PDF state this order above the table ({@link #ROW_ORDER}).
 *
 * <p><b>Clusters</b> ({@link SchoolClustering}: k-means++ on column z-scores, k in 2..6 by the mean
 * silhouette width, fixed seed {@link #SEED}). Cells that are not shown must not be guessed from the
 * raw data, so:
 * <ol>
 *   <li>columns used: the constructs shown for at least half of the schools that show anything (a
 *       questionnaire given at a few schools only would otherwise leave most schools out);
 *   <li>schools placed: those that show at least two thirds of the used columns (the codebook's
 *       rule for a person's score); the others are listed as left out, with how many they show;
 *   <li>a placed school's missing or suppressed cell is filled with the mean of the column over the
 *       placed schools that show it: after standardization it sits at 0, the average, and pulls the
 *       school towards no cluster in particular. The number filled is reported per school;
 *   <li>fewer than {@link #MIN_SCHOOLS_TO_CLUSTER} placed schools: no clusters, with that reason.
 * </ol>
 * A cluster's profile is the plain mean 0–100 score of its members that show the column (filled
 * values excluded), and its centre the k-means centre in standardized units.
 *
 * <p><b>Context and resilience</b>: each school's family context index ({@link FamilyContext})
 * against its external result ({@link ExternalResults}), as {@link ContextResilience} fits them.
 *
 * <p><b>Pairs.</b> Every registered partnership, the supported school's cells beside its mentor's,
 * with the difference (supported − mentor) where both are shown.
 */
@Singleton
public class WaveOverviewService {

    /** The seed of the clustering: the page, the API and the PDF show the same clusters. */
    public static final long SEED = 20_240_901L;
    /** Fewer schools than this are not clustered: a partition of three says nothing a table does not. */
    public static final int MIN_SCHOOLS_TO_CLUSTER = 4;
    /** The message key of the sentence that states the heat map's row order on the page and in the PDF. */
    static final String ROW_ORDER = "overview.heatmap.order";

    private final IndicesService indices;
    private final FamilyContext familyContext;
    private final ExternalResults results;
    private final Schools schools;
    private final Waves waves;

    WaveOverviewService(IndicesService indices, FamilyContext familyContext, ExternalResults results, Schools schools,
                        Waves waves) {
        this.indices = indices;
        this.familyContext = familyContext;
        this.results = results;
        this.schools = schools;
        this.waves = waves;
    }

    /** @throws ProblemException NOT_FOUND for an unknown wave */
    Wave requireWave(long waveId) {
        return waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
    }

    /**
     * The wave a coordinator's "current overview" means, the home page's rule: the open wave opened last;
     * when none is open, the wave opened (or opening) last; empty without waves.
     */
    java.util.Optional<Wave> currentWave(java.time.Instant now) {
        return Waves.current(waves.all(), now);
    }

    /**
     * @throws ProblemException NOT_FOUND for an unknown wave
     */
    public WaveOverview compute(long waveId) {
        Wave wave = requireWave(waveId);
        WaveIndices all = indices.compute(waveId);
        List<Column> columns = new ArrayList<>();
        List<ConstructIndex> constructs = new ArrayList<>();
        Set<Long> ids = new HashSet<>();
        for (QuestionnaireIndices q : all.questionnaires()) {
            for (ConstructIndex c : q.constructs()) {
                c.schools().stream().filter(s -> s.schoolId() != null).forEach(s -> ids.add(s.schoolId()));
                if (c.indexKind() != IndexKind.LEVEL && c.indexKind() != IndexKind.AGREEMENT) {
                    continue;
                }
                String key = q.key() + "." + c.construct();
                if (columns.stream().anyMatch(col -> col.key().equals(key))) {
                    continue; // a second version of the same questionnaire in one wave: the first one counts
                }
                columns.add(new Column(key, q.key(), q.respondent(), c.construct(), c.title(), q.title(), c.domain(),
                        c.indexKind()));
                constructs.add(c);
            }
        }
        List<ExternalResults.ExternalResult> external = results.of(waveId);
        external.forEach(r -> ids.add(r.schoolId()));
        Map<Long, Suppressible<SchoolContext>> context = familyContext.indices(waveId);
        ids.addAll(context.keySet());
        List<WaveOverview.SchoolRow> listed = new ArrayList<>();
        for (School s : schools.all()) {
            if (ids.contains(s.id())) {
                List<Cell> cells = constructs.stream().map(c -> cell(c, s.id())).toList();
                listed.add(new WaveOverview.SchoolRow(s.id(), s.name(), s.municipality(), s.category(), cells,
                        meanShown(cells)));
            }
        }
        Map<Long, WaveOverview.SchoolRow> rows = new LinkedHashMap<>();
        inRowOrder(listed).forEach(r -> rows.put(r.schoolId(), r));
        return new WaveOverview(waveId, wave.name(), all.minGroupSize(), columns, List.copyOf(rows.values()),
                clusters(columns, rows), ContextResilience.of(rows.keySet(), context, external), pairs(rows, columns.size()));
    }

    /** The plain mean of a school's shown cells, the key of its place in its municipality; null if none is shown. */
    static Double meanShown(List<Cell> cells) {
        java.util.OptionalDouble mean = cells.stream().filter(Cell::shown).mapToDouble(Cell::score100).average();
        return mean.isPresent() ? mean.getAsDouble() : null;
    }

    /**
     * The rows in the stated order: municipalities as the registry lists them (schools arrive by
     * municipality and name), inside each the lowest mean score first, schools without one last; the
     * sort is stable, so ties keep the name order.
     */
    static List<WaveOverview.SchoolRow> inRowOrder(List<WaveOverview.SchoolRow> byMunicipalityAndName) {
        Map<String, Integer> municipality = new LinkedHashMap<>();
        byMunicipalityAndName.forEach(r -> municipality.putIfAbsent(r.municipality(), municipality.size()));
        List<WaveOverview.SchoolRow> out = new ArrayList<>(byMunicipalityAndName);
        out.sort(java.util.Comparator.<WaveOverview.SchoolRow>comparingInt(r -> municipality.get(r.municipality()))
                .thenComparing(WaveOverview.SchoolRow::meanShown,
                        java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
        return out;
    }

    static Cell cell(ConstructIndex c, long schoolId) {
        boolean present = c.schools().stream().anyMatch(s -> s.schoolId() != null && s.schoolId() == schoolId);
        if (!present) {
            return Cell.NO_DATA;
        }
        SchoolIndex s = c.entryOf(schoolId);
        if (s.suppressed()) {
            return Cell.SUPPRESSED;
        }
        return s.score100() == null || s.score100().mean() == null ? Cell.NO_DATA
                : new Cell(WaveOverview.Status.SHOWN, s.score100().mean());
    }

    // ---- clusters ----

    static WaveOverview.Clusters clusters(List<Column> columns, Map<Long, WaveOverview.SchoolRow> rows) {
        List<WaveOverview.SchoolRow> showing = rows.values().stream()
                .filter(r -> r.cells().stream().anyMatch(Cell::shown)).toList();
        List<Integer> used = new ArrayList<>();
        for (int j = 0; j < columns.size(); j++) {
            int col = j;
            long shown = showing.stream().filter(r -> r.cells().get(col).shown()).count();
            if (shown > 0 && 2 * shown >= showing.size()) {
                used.add(j);
            }
        }
        // Placing schools can leave a used column without any placed school showing it (questionnaires
        // sent to separate sets of schools): such a column is dropped and the schools placed again.
        List<WaveOverview.SchoolRow> placed;
        List<WaveOverview.LeftOut> leftOut;
        while (true) {
            if (used.isEmpty()) {
                return noClusters(Unavailable.NO_DATA, List.of(), List.of());
            }
            int needed = (int) Math.ceil(used.size() * 2 / 3.0 - 1e-9);
            placed = new ArrayList<>();
            leftOut = new ArrayList<>();
            for (WaveOverview.SchoolRow r : rows.values()) {
                int shown = (int) used.stream().filter(j -> r.cells().get(j).shown()).count();
                if (shown >= needed) {
                    placed.add(r);
                } else {
                    leftOut.add(new WaveOverview.LeftOut(r.schoolId(), shown, needed));
                }
            }
            List<WaveOverview.SchoolRow> inPlace = placed;
            List<Integer> shownByPlaced = used.stream()
                    .filter(j -> inPlace.stream().anyMatch(r -> r.cells().get(j).shown())).toList();
            if (shownByPlaced.size() == used.size()) {
                break;
            }
            used = new ArrayList<>(shownByPlaced);
        }
        List<String> keys = used.stream().map(j -> columns.get(j).key()).toList();
        if (placed.size() < MIN_SCHOOLS_TO_CLUSTER) {
            return noClusters(Unavailable.TOO_FEW_SCHOOLS, keys, leftOut);
        }
        double[] fill = new double[used.size()];
        for (int u = 0; u < used.size(); u++) {
            int j = used.get(u);
            fill[u] = placed.stream().filter(r -> r.cells().get(j).shown())
                    .mapToDouble(r -> r.cells().get(j).score100()).average().orElseThrow();
        }
        Map<String, double[]> profiles = new TreeMap<>();
        Map<String, Integer> filled = new LinkedHashMap<>();
        for (WaveOverview.SchoolRow r : placed) {
            double[] p = new double[used.size()];
            int n = 0;
            for (int u = 0; u < used.size(); u++) {
                Cell c = r.cells().get(used.get(u));
                if (c.shown()) {
                    p[u] = c.score100();
                } else {
                    p[u] = fill[u];
                    n++;
                }
            }
            profiles.put(key(r.schoolId()), p);
            filled.put(key(r.schoolId()), n);
        }
        if (profiles.values().stream().map(java.util.Arrays::toString).distinct().count() == 1) {
            return noClusters(Unavailable.NO_VARIATION, keys, leftOut); // no two groups to tell apart
        }
        ClusteringResult result = SchoolClustering.cluster(profiles, SEED);
        double[][] centres = result.centers();
        // clusters numbered by their first member in the table's order, so the numbering reads naturally
        Map<Integer, Integer> number = new LinkedHashMap<>();
        for (WaveOverview.SchoolRow r : placed) {
            number.putIfAbsent(result.labels().get(key(r.schoolId())), number.size() + 1);
        }
        List<WaveOverview.Cluster> clusters = new ArrayList<>();
        for (Map.Entry<Integer, Integer> e : number.entrySet()) {
            int label = e.getKey();
            List<WaveOverview.SchoolRow> members = placed.stream()
                    .filter(r -> result.labels().get(key(r.schoolId())) == label).toList();
            List<Double> profile = new ArrayList<>();
            List<Double> centre = new ArrayList<>();
            for (int u = 0; u < used.size(); u++) {
                int j = used.get(u);
                java.util.OptionalDouble mean = members.stream().filter(r -> r.cells().get(j).shown())
                        .mapToDouble(r -> r.cells().get(j).score100()).average();
                profile.add(mean.isPresent() ? mean.getAsDouble() : null);
                centre.add(centres[label][u]);
            }
            clusters.add(new WaveOverview.Cluster(e.getValue(), members.stream().map(r -> new WaveOverview.Member(
                    r.schoolId(), result.silhouette().get(key(r.schoolId())), filled.get(key(r.schoolId())))).toList(),
                    profile, centre));
        }
        Map<String, Double> byK = new LinkedHashMap<>();
        result.meanSilhouetteByK().forEach((k, v) -> byK.put(Integer.toString(k), v));
        return new WaveOverview.Clusters(true, null, MIN_SCHOOLS_TO_CLUSTER, SEED, keys, result.k(),
                result.meanSilhouetteByK().get(result.k()), byK, result.withinSumOfSquares(), clusters, leftOut);
    }

    /** Schools as the analysis module's keys: zero-padded so the key order is the id order. */
    static String key(long schoolId) {
        return String.format("%019d", schoolId);
    }

    private static WaveOverview.Clusters noClusters(Unavailable reason, List<String> keys, List<WaveOverview.LeftOut> leftOut) {
        return new WaveOverview.Clusters(false, reason, MIN_SCHOOLS_TO_CLUSTER, SEED, keys, null, null, Map.of(), null,
                List.of(), leftOut);
    }

    // ---- pairs ----

    private List<WaveOverview.Pair> pairs(Map<Long, WaveOverview.SchoolRow> rows, int width) {
        List<WaveOverview.Pair> out = new ArrayList<>();
        List<Cell> empty = java.util.Collections.nCopies(width, Cell.NO_DATA);
        for (Partnership p : schools.partnerships()) {
            WaveOverview.SchoolRow s = rows.get(p.supportedSchoolId());
            WaveOverview.SchoolRow m = rows.get(p.mentorSchoolId());
            if (s == null && m == null) {
                continue; // neither school took part in this wave
            }
            List<Cell> sc = s == null ? empty : s.cells();
            List<Cell> mc = m == null ? empty : m.cells();
            List<Double> diff = new ArrayList<>();
            for (int j = 0; j < width; j++) {
                diff.add(sc.get(j).shown() && mc.get(j).shown() ? sc.get(j).score100() - mc.get(j).score100() : null);
            }
            out.add(new WaveOverview.Pair(p.supportedSchoolId(), p.mentorSchoolId(), sc, mc, diff));
        }
        out.sort(java.util.Comparator.comparing(WaveOverview.Pair::supportedSchoolId)
                .thenComparing(WaveOverview.Pair::mentorSchoolId));
        return out;
    }
}
