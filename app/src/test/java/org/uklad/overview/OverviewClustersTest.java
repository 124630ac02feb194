package org.uklad.overview;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.uklad.analysis.cluster.ClusteringResult;
import org.uklad.analysis.cluster.SchoolClustering;
import org.uklad.indices.Text;
import org.uklad.overview.WaveOverview.Cell;
import org.uklad.questionnaires.Domain;
import org.uklad.questionnaires.IndexKind;
import org.uklad.questionnaires.Respondent;
import org.uklad.school.SchoolCategory;

/**
 * The documented handling of cells without a number in the clustering: a column shown for fewer
 * than half of the schools is not used, a school showing fewer than two thirds of the used columns
 * is left out, a placed school's missing cell is the column's mean over the placed schools that
 * show it, and the clusters are then exactly {@link SchoolClustering}'s on those profiles.
 */
class OverviewClustersTest {

    static Cell shown(double x) {
        return new Cell(WaveOverview.Status.SHOWN, x);
    }

    @Test
    void missingCellsAreFilledWithTheColumnMeanAndSparseSchoolsAndColumnsLeftOut() {
        List<WaveOverview.Column> columns = new ArrayList<>();
        for (String c : List.of("a", "b", "c", "rare")) {
            columns.add(new WaveOverview.Column("q." + c, "q", Respondent.STUDENT, c, new Text(c, c), new Text("q", "q"),
                    Domain.TEACHING, IndexKind.LEVEL));
        }
        Cell s = Cell.SUPPRESSED;
        Cell none = Cell.NO_DATA;
        double[][] values = {{80, 75, 70}, {82, 78, 74}, {30, 35, 40}, {28, 33, 38}, {55, 0, 52}, {60, 0, 0}};
        Map<Long, WaveOverview.SchoolRow> rows = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            List<Cell> cells = new ArrayList<>();
            for (int j = 0; j < 3; j++) {
                boolean missing = values[i][j] == 0;
                cells.add(missing ? (i == 4 ? s : none) : shown(values[i][j]));
            }
            cells.add(i == 0 ? shown(50) : none); // "rare": one school of six
            rows.put(10L + i, new WaveOverview.SchoolRow(10L + i, "S" + i, "M", SchoolCategory.OTHER, cells, null));
        }
        WaveOverview.Clusters c = WaveOverviewService.clusters(columns, rows);
        assertThat(c.columns()).containsExactly("q.a", "q.b", "q.c");
        assertThat(c.leftOut()).containsExactly(new WaveOverview.LeftOut(15L, 1, 2));
        assertThat(c.available()).isTrue();

        // the profiles as documented, then the analysis module
        double meanB = (75 + 78 + 35 + 33) / 4.0;
        Map<String, double[]> profiles = new TreeMap<>();
        for (int i = 0; i < 5; i++) {
            double[] p = values[i].clone();
            if (i == 4) {
                p[1] = meanB;
            }
            profiles.put(WaveOverviewService.key(10L + i), p);
        }
        ClusteringResult direct = SchoolClustering.cluster(profiles, WaveOverviewService.SEED);
        assertThat(c.k()).isEqualTo(direct.k());
        assertThat(c.withinSumOfSquares()).isEqualTo(direct.withinSumOfSquares());
        Map<Long, Integer> filled = new LinkedHashMap<>();
        c.clusters().forEach(cl -> cl.members().forEach(m -> filled.put(m.schoolId(), m.filled())));
        assertThat(filled).containsEntry(14L, 1).containsEntry(10L, 0).hasSize(5);
        // the two high schools together, the two low ones together, whatever the numbering
        Map<Long, Integer> number = new LinkedHashMap<>();
        c.clusters().forEach(cl -> cl.members().forEach(m -> number.put(m.schoolId(), cl.number())));
        assertThat(number.get(10L)).isEqualTo(number.get(11L)).isNotEqualTo(number.get(12L));
        assertThat(number.get(12L)).isEqualTo(number.get(13L));
        // a cluster's profile averages shown cells only: the filled value is not a figure of the school
        WaveOverview.Cluster withFilled = c.clusters().stream()
                .filter(cl -> cl.members().stream().anyMatch(m -> m.schoolId() == 14L)).findFirst().orElseThrow();
        List<Long> members = withFilled.members().stream().map(WaveOverview.Member::schoolId).toList();
        double expectedB = members.stream().filter(id -> id != 14L).mapToDouble(id -> values[(int) (id - 10)][1])
                .average().orElse(Double.NaN);
        if (members.size() > 1) {
            assertThat(withFilled.profile().get(1)).isEqualTo(expectedB);
        } else {
            assertThat(withFilled.profile().get(1)).isNull();
        }
    }

    @Test
    void tooFewSchoolsGiveTheReasonAndNoClusters() {
        List<WaveOverview.Column> columns = List.of(new WaveOverview.Column("q.a", "q", Respondent.STUDENT, "a",
                new Text("a", "a"), new Text("q", "q"), Domain.TEACHING, IndexKind.LEVEL));
        Map<Long, WaveOverview.SchoolRow> rows = new LinkedHashMap<>();
        for (long i = 0; i < 3; i++) {
            rows.put(i, new WaveOverview.SchoolRow(i, "S" + i, "M", SchoolCategory.OTHER, List.of(shown(50 + i)), null));
        }
        WaveOverview.Clusters c = WaveOverviewService.clusters(columns, rows);
        assertThat(c.available()).isFalse();
        assertThat(c.reason()).isEqualTo(WaveOverview.Unavailable.TOO_FEW_SCHOOLS);
        assertThat(c.clusters()).isEmpty();
        assertThat(c.k()).isNull();
    }

    static List<WaveOverview.Column> columns(String... names) {
        List<WaveOverview.Column> columns = new ArrayList<>();
        for (String c : names) {
            columns.add(new WaveOverview.Column("q." + c, "q", Respondent.STUDENT, c, new Text(c, c), new Text("q", "q"),
                    Domain.TEACHING, IndexKind.LEVEL));
        }
        return columns;
    }

    static Map<Long, WaveOverview.SchoolRow> rows(Cell[][] cells) {
        Map<Long, WaveOverview.SchoolRow> rows = new LinkedHashMap<>();
        for (int i = 0; i < cells.length; i++) {
            rows.put(10L + i, new WaveOverview.SchoolRow(10L + i, "S" + i, "M", SchoolCategory.OTHER, List.of(cells[i]), null));
        }
        return rows;
    }

    /**
     * Questionnaires sent to two separate sets of schools: column a is shown by half of them (so
     * used), but those schools show too few of the used columns to be placed. The column is dropped
     * and the others clustered, where it once ended in a server error.
     */
    @Test
    void aColumnNoPlacedSchoolShowsIsDroppedAndTheRestClustered() {
        Cell none = Cell.NO_DATA;
        Cell[][] cells = new Cell[8][];
        for (int i = 0; i < 4; i++) {
            cells[i] = new Cell[] {shown(40 + i), none, none, none};
            cells[4 + i] = new Cell[] {none, shown(i < 2 ? 80 : 30), shown(i < 2 ? 78 : 32), shown(i < 2 ? 75 + i : 35 + i)};
        }
        WaveOverview.Clusters c = WaveOverviewService.clusters(columns("a", "b1", "b2", "b3"), rows(cells));
        assertThat(c.columns()).containsExactly("q.b1", "q.b2", "q.b3");
        assertThat(c.leftOut()).extracting(WaveOverview.LeftOut::schoolId).containsExactly(10L, 11L, 12L, 13L);
        assertThat(c.clusters()).hasSize(2);
    }

    @Test
    void schoolsWithTheSameProfileHaveNoClusters() {
        Cell[][] cells = new Cell[5][];
        for (int i = 0; i < 5; i++) {
            cells[i] = new Cell[] {shown(60), shown(70)};
        }
        WaveOverview.Clusters c = WaveOverviewService.clusters(columns("a", "b"), rows(cells));
        assertThat(c.available()).isFalse();
        assertThat(c.reason()).isEqualTo(WaveOverview.Unavailable.NO_VARIATION);
    }
}
