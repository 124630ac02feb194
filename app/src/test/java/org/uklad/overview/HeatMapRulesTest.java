package org.uklad.overview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uklad.overview.WaveOverview.Cell;
import org.uklad.school.SchoolCategory;

/**
 * The heat map's small rules without a server: the band cut points at their edges, the stated row
 * order (municipality, then the mean of the shown scores, lowest first, none last, ties by name), the
 * scatter's round ticks and its numbers kept clear of each other.
 */
class HeatMapRulesTest {

    @Test
    void theBandsChangeExactlyAtTheirCutPoints() {
        assertThat(HeatBand.of(0)).isEqualTo(HeatBand.LOW);
        assertThat(HeatBand.of(49.999)).isEqualTo(HeatBand.LOW);
        assertThat(HeatBand.of(50)).isEqualTo(HeatBand.MEDIUM);
        assertThat(HeatBand.of(74.999)).isEqualTo(HeatBand.MEDIUM);
        assertThat(HeatBand.of(75)).isEqualTo(HeatBand.HIGH);
        assertThat(HeatBand.of(100)).isEqualTo(HeatBand.HIGH);
        assertThat(List.of(HeatBand.values()).stream().map(HeatBand::symbol)).containsExactly("▼", "●", "▲");
    }

    static WaveOverview.SchoolRow row(long id, String name, String municipality, Double... scores) {
        List<Cell> cells = new ArrayList<>();
        for (Double s : scores) {
            cells.add(s == null ? Cell.SUPPRESSED : new Cell(WaveOverview.Status.SHOWN, s));
        }
        return new WaveOverview.SchoolRow(id, name, municipality, SchoolCategory.OTHER, cells,
                WaveOverviewService.meanShown(cells));
    }

    @Test
    void rowsGoByMunicipalityThenLowestMeanFirstWithSchoolsWithoutScoresLast() {
        // as the registry lists them: by municipality and name
        List<WaveOverview.SchoolRow> registry = List.of(
                row(1, "A", "Берёзовский", 80.0, 60.0),       // mean 70
                row(2, "B", "Берёзовский", null, null),       // nothing shown
                row(3, "C", "Берёзовский", 40.0, null),       // mean 40: suppressed cells do not count
                row(4, "D", "Берёзовский", 50.0, 30.0),       // mean 40: a tie, kept in name order
                row(5, "E", "Кедровый", 90.0, 90.0),
                row(6, "F", "Кедровый", 10.0, 20.0));
        assertThat(registry.get(2).meanShown()).isCloseTo(40, within(1e-12));
        assertThat(registry.get(1).meanShown()).isNull();
        assertThat(WaveOverviewService.inRowOrder(registry).stream().map(WaveOverview.SchoolRow::name))
                .containsExactly("C", "D", "A", "B", "F", "E");
    }

    @Test
    void theResultAxisHasRoundTicks() {
        assertThat(OverviewScatter.step(0.18)).isCloseTo(0.2, within(1e-12));
        assertThat(OverviewScatter.step(0.2)).isCloseTo(0.2, within(1e-12));
        assertThat(OverviewScatter.step(3.7)).isCloseTo(5, within(1e-12));
        assertThat(OverviewScatter.step(7)).isCloseTo(10, within(1e-12));
        assertThat(OverviewScatter.step(0.011)).isCloseTo(0.02, within(1e-12));
    }

    @Test
    void aNumberMovesOffAnotherNumberOrMark() {
        List<double[]> marks = List.of(new double[] {200, 200}, new double[] {216, 200});
        List<double[]> taken = new ArrayList<>();
        double[] first = OverviewScatter.place(200, 200, 6.5, marks, taken);
        // right of the first point lies the second point: the number goes to the left
        assertThat(first[2]).isLessThan(200 - OverviewScatter.MARK);
        taken.add(first);
        double[] second = OverviewScatter.place(216, 200, 6.5, marks, taken);
        assertThat(second[0]).isGreaterThan(216 + OverviewScatter.MARK);
        // a free point keeps its number on the right
        assertThat(OverviewScatter.place(400, 100, 13, List.of(new double[] {400, 100}), List.of())[0])
                .isGreaterThan(400);
    }
}
