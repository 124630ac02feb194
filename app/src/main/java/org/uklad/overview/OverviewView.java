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
 * @param rowOrder       the sentence stating the rows' order, printed above the table
 * @param bands          the heat map's bands with their symbols and ranges, for the legend
 * @param rows           one per school, numbered from 1 (the scatter's labels)
 * @param clusters       the clusters or the reason there are none
 * @param context        the context/resilience view or the reason there is none
 * @param pairs          partnerships side by side
 */
@Introspected
public record OverviewView(long waveId, String waveName,
                           List<ColumnView> columns, String rowOrder, List<BandView> bands, List<RowView> rows,
                           ClustersView clusters,
                           ContextView context, List<PairView> pairs) {

    /**
     * @param code    the short header ("У1": respondent letter and number), so no header word is broken
     * @param heading "respondent · construct", where the full name is wanted (clusters, pairs)
     * @param legend  "construct · questionnaire", the code's meaning in the legend
     */
    public record ColumnView(String key, String code, String heading, String legend) {}

    /**
     * @param kind     {@code shown}, {@code suppressed} or {@code none}
     * @param text     the score, or the suppression / no-data words
     * @param level    {@code low}, {@code medium} or {@code high} for a shown score ({@link HeatBand}), else null
     * @param symbol   the band's symbol (▼ ● ▲), empty when not shown
     * @param bandName the band's words ("высокий уровень"), the symbol's accessible name; empty when not shown
     */
    public record CellView(String kind, String text, @Nullable String level, String symbol, String bandName) {

        public boolean shown() {
            return "shown".equals(kind);
        }

        /** The heat map's classes: the band's colour, or the words' style. */
        public String css() {
            return shown() ? "num heat heat-" + level : "heat heat-" + kind;
        }
    }

    /**
     * A band of the legend: {@code ▲ высокий уровень: 75 и выше}.
     *
     * @param level {@code low}, {@code medium} or {@code high} (not "band": a word of OGNL, the templates' language)
     */
    public record BandView(String level, String symbol, String name, String range) {}

    public record RowView(int number, String name, String municipality, List<CellView> cells) {}

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

    /**
     * The scatter laid out for SVG (see {@link OverviewScatter}).
     *
     * @param key every plotted school's label and name, in label order
     */
    public record Chart(int width, int height, int plotLeft, int plotRight, int plotTop, int plotBottom,
                        List<ChartTick> ticks, List<ChartPoint> points, String line, String xTitle, int xTitleX,
                        int xTitleY, String yTitle, int yTitleX, int yTitleY, List<KeyEntry> key) {}

    /** A point's label in the chart and the school it stands for. */
    public record KeyEntry(String label, String name) {}

    /** A grid line with its printed value. */
    public record ChartTick(int x1, int y1, int x2, int y2, int labelX, int labelY, String anchor, String label) {}

    /**
     * @param path   an SVG path for the shape around (x, y)
     * @param labelX where its number starts; @param labelY the number's baseline
     */
    public record ChartPoint(String path, String cssClass, int x, int y, int labelX, int labelY, String label,
                             String description) {}

    public record PairView(String supported, String mentor, List<PairRow> rows) {}

    public record PairRow(String column, CellView supported, CellView mentor, String difference) {

        /** The supported school's cell, then the mentor's, as the table prints them. */
        public List<CellView> cells() {
            return List.of(supported, mentor);
        }
    }
}
