package org.uklad.overview;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * A {@link WaveOverview} with every figure formatted in one language, shared by the page and the
 * municipal PDF so both print exactly the same texts (suppression included).
 *
 * @param waveId         the wave
 * @param waveName       its name
 * @param columns        the heat map's columns
 * @param rows           one per school, numbered from 1 (the scatter's labels)
 * @param clusters       the clusters or the reason there are none
 * @param context        the context/resilience view or the reason there is none
 * @param pairs          partnerships side by side
 */
@Introspected
public record OverviewView(long waveId, String waveName,
                           List<ColumnView> columns, List<RowView> rows, ClustersView clusters,
                           ContextView context, List<PairView> pairs) {

    /** @param heading "respondent · construct" */
    public record ColumnView(String key, String heading) {}

    /**
     * @param kind  {@code shown}, {@code suppressed} or {@code none}
     * @param text  the score, or the suppression / no-data words
     * @param shade 0–3 for the pattern of a shown score (below 40, 40–60, 60–80, 80 and above), −1 otherwise
     */
    public record CellView(String kind, String text, int shade) {

        public boolean shown() {
            return "shown".equals(kind);
        }

        /** The heat map's classes: the pattern of the shade, or the words' style. */
        public String css() {
            return shown() ? "num heat heat-" + shade : "heat heat-" + kind;
        }
    }

    public record RowView(int number, String name, List<CellView> cells) {}

    /**
     * @param available  whether there are clusters
     * @param message    the reason when not, or the summary line ("3 clusters; mean silhouette width 0,62")
     * @param columns    headings of the columns used
     * @param clusters   each cluster
     * @param leftOut    "name: 2 of 6 shown" for each school left out
     */
    public record ClustersView(boolean available, String message, List<String> columns, List<ClusterView> clusters,
                               List<String> leftOut) {}

    /**
     * @param profile  per used column: the members' mean score and whether it is above, near or below average
     */
    public record ClusterView(int number, String title, List<MemberView> members, List<ProfileCell> profile) {}

    public record MemberView(String name, String silhouette, @Nullable String filled) {}

    public record ProfileCell(String score, String position) {}

    /**
     * @param available whether there is a fitted line
     * @param message   the reason when not, or the fitted equation with R²
     * @param labels    what the results are
     * @param rows      every school with a context index or a result
     * @param beating   names of the schools that beat their context
     * @param chart     the scatter (only when available)
     * @param chartLabel accessible name of the chart
     */
    public record ContextView(boolean available, String message, String labels, List<ContextRow> rows,
                              List<String> beating, @Nullable Chart chart, String chartLabel) {}

    /**
     * @param context     the school's context index, 0–1 with two decimals, or the suppression words
     * @param bottomThird the share of its families with a context index below 1/3, "12 %"
     */
    public record ContextRow(int number, String name, String context, String bottomThird, String result, String predicted,
                             String resilience, String verdict, String partners) {}

    /** The scatter laid out for SVG (see {@link OverviewScatter}). */
    public record Chart(int width, int height, int plotLeft, int plotRight, int plotTop, int plotBottom,
                        List<ChartTick> ticks, List<ChartPoint> points, String line, String xTitle, int xTitleX,
                        int xTitleY, String yTitle, int yTitleX, int yTitleY) {}

    /** A grid line with its printed value. */
    public record ChartTick(int x1, int y1, int x2, int y2, int labelX, int labelY, String anchor, String label) {}

    /** @param path an SVG path for the shape; @param labelX where its number is written */
    public record ChartPoint(String path, String cssClass, int labelX, int labelY, String label, String description) {}

    public record PairView(String supported, String mentor, List<PairRow> rows) {}

    public record PairRow(String column, CellView supported, CellView mentor, String difference) {}
}
