package org.uklad.report;

import org.uklad.system.PdfFonts;
import java.awt.BasicStroke;
import java.awt.Color;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.uklad.system.ReportFormat;

/**
 * The summary's charts: horizontal bars of a mean with its 95% interval as an error line, this
 * school against its reference. Made to survive black-and-white printing: this school's bars are
 * solid dark grey, the reference's white with a black outline, the legend names both, and the
 * exact numbers stand in the table printed right below each chart. Drawn by JFreeChart onto OpenPDF's PdfGraphics2D, so they stay vectors.
 * The value axis has round whole-number ticks (every 10 on 0–100) and the typographic minus.
 */
final class SummaryCharts {

    static final Color DARK = new Color(0x45, 0x45, 0x45);

    private SummaryCharts() {
    }

    /**
     * One bar per category and series.
     *
     * @param categories labels, top to bottom
     * @param series     series names (this school, reference)
     * @param values     [series][category] = {mean, lower, upper}, or null where nothing may be shown
     * @param lower      axis from (null: automatic, zero included)
     * @param upper      axis to
     */
    static JFreeChart bars(List<String> categories, List<String> series, double[][][] values, String axisLabel,
                           Double lower, Double upper, PdfFonts fonts, ReportFormat format) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        for (int s = 0; s < series.size(); s++) {
            for (int c = 0; c < categories.size(); c++) {
                double[] v = values[s][c];
                Category key = new Category(c, categories.get(c));
                if (v == null) {
                    data.add((Number) null, null, series.get(s), key);
                } else {
                    // the t interval is symmetric about the mean, so the half-width is the error line
                    data.add(v[0], (v[2] - v[1]) / 2, series.get(s), key);
                }
            }
        }
        CategoryAxis categoryAxis = new CategoryAxis();
        categoryAxis.setMaximumCategoryLabelWidthRatio(0.42f);
        categoryAxis.setMaximumCategoryLabelLines(3);
        categoryAxis.setCategoryMargin(0.25);
        NumberAxis valueAxis = new NumberAxis(axisLabel);
        if (lower != null && upper != null) {
            valueAxis.setRange(lower, upper);
            // round ticks a reader can count along: every 10 on 0–100
            valueAxis.setTickUnit(new NumberTickUnit(upper - lower >= 100 ? 10 : 1));
        } else {
            valueAxis.setAutoRangeIncludesZero(true);
            valueAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        valueAxis.setNumberFormatOverride(ticks(format));
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        CategoryPlot plot = new CategoryPlot(data, categoryAxis, valueAxis, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        JFreeChart chart = new JFreeChart(null, fonts.awt(9f, true), plot, series.size() > 1);

        StandardChartTheme theme = new StandardChartTheme("uklad");
        theme.setExtraLargeFont(fonts.awt(11f, true));
        theme.setLargeFont(fonts.awt(8.5f, true));
        theme.setRegularFont(fonts.awt(8f, false));
        theme.setSmallFont(fonts.awt(7f, false));
        theme.setBarPainter(new StandardBarPainter());
        theme.setShadowVisible(false);
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setRangeGridlinePaint(new Color(0xB0, 0xB0, 0xB0));
        theme.setDomainGridlinePaint(Color.WHITE);
        theme.setAxisLabelPaint(Color.BLACK);
        theme.setTickLabelPaint(Color.BLACK);
        theme.setLegendItemPaint(Color.BLACK);
        theme.setItemLabelPaint(Color.BLACK);
        theme.apply(chart);
        // after the theme, which would colour the series
        renderer.setErrorIndicatorPaint(Color.BLACK);
        renderer.setErrorIndicatorStroke(new BasicStroke(1.0f));
        renderer.setDrawBarOutline(true);
        renderer.setDefaultOutlinePaint(Color.BLACK);
        renderer.setDefaultOutlineStroke(new BasicStroke(0.6f));
        renderer.setSeriesPaint(0, DARK);
        renderer.setSeriesPaint(1, Color.WHITE);
        renderer.setItemMargin(0.05);
        plot.setOutlineVisible(false);
        plot.setInsets(new RectangleInsets(2, 2, 2, 8));
        if (chart.getLegend() != null) {
            chart.getLegend().setPosition(RectangleEdge.TOP);
            chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        return chart;
    }

    /** Whole-number tick labels in the document's language, a negative one with the typographic minus. */
    static DecimalFormat ticks(ReportFormat format) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(format.russian() ? Locale.forLanguageTag("ru")
                : Locale.ENGLISH);
        symbols.setMinusSign(ReportFormat.MINUS);
        DecimalFormat f = new DecimalFormat("0", symbols);
        f.setGroupingUsed(false);
        return f;
    }

    /** A category key: its position keeps equal labels apart and the order stable. */
    record Category(int position, String label) implements Comparable<Category> {
        @Override
        public int compareTo(Category o) {
            return Integer.compare(position, o.position);
        }

        @Override
        public String toString() {
            return label;
        }
    }
}
