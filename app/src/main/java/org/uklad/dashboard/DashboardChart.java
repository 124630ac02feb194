package org.uklad.dashboard;

import java.util.ArrayList;
import java.util.List;
import org.uklad.indices.SchoolIndex;
import org.uklad.report.Findings;
import org.uklad.system.ReportFormat;

/**
 * Lays out the horizontal bar chart of one questionnaire: per LEVEL construct a title line, a bar
 * for the school and (when there is a partner) one for the partner, each with its 95% interval as
 * a whisker and a text label ("this school: 62,5") so that it reads without colour. A suppressed
 * group gets the words "fewer than N answers" and no bar. Only coordinates and texts: the template
 * draws them with presentation attributes and classes (the CSP allows no inline styles). The
 * view box is {@value #WIDTH} units wide, about a phone's width, so that it is drawn near 1:1
 * there and its 12 px text stays readable; long titles wrap onto several lines.
 */
final class DashboardChart {

    static final int WIDTH = 320;
    static final int PLOT_X = 8;
    static final int PLOT_WIDTH = 180;
    /** Characters of a title line at 12 px in {@value #WIDTH} units. */
    static final int TITLE_CHARS = 44;
    static final int TOP = 10;
    static final int TITLE_HEIGHT = 18;
    static final int BAR_HEIGHT = 16;
    static final int BAR_GAP = 6;
    static final int GROUP_GAP = 12;
    static final int AXIS_HEIGHT = 24;

    /** One construct: the school's entry and the partner's (null = no entry, shown as suppressed). */
    record Entry(String title, SchoolIndex school, SchoolIndex partner) {}

    private DashboardChart() {
    }

    static int x(double score) {
        double clamped = Math.max(0, Math.min(100, score));
        return PLOT_X + (int) Math.round(clamped * PLOT_WIDTH / 100.0);
    }

    static DashboardPage.Chart layout(List<Entry> entries, boolean withPartner, ReportFormat f, String schoolLabel, String partnerLabel,
                                      String suppressed, String label) {
        List<DashboardPage.Text> texts = new ArrayList<>();
        List<DashboardPage.Bar> bars = new ArrayList<>();
        int y = TOP;
        for (Entry e : entries) {
            for (String line : wrap(e.title(), TITLE_CHARS)) {
                texts.add(new DashboardPage.Text(PLOT_X, y + 13, line, "chart-title"));
                y += TITLE_HEIGHT;
            }
            y = bar(e.school(), "chart-bar chart-bar-school", "#1f3a5f", schoolLabel, y, f, suppressed, texts, bars);
            if (withPartner) {
                y = bar(e.partner(), "chart-bar chart-bar-partner", "#b8c7d9", partnerLabel, y, f, suppressed, texts,
                        bars);
            }
            y += GROUP_GAP;
        }
        int plotBottom = y;
        List<DashboardPage.Line> grid = new ArrayList<>();
        for (int v = 0; v <= 100; v += 25) {
            grid.add(new DashboardPage.Line(x(v), TOP, plotBottom, f.count(v), plotBottom + 16));
        }
        return new DashboardPage.Chart(WIDTH, plotBottom + AXIS_HEIGHT, label, grid, texts, bars);
    }

    /** A title split at spaces into lines of at most {@code width} characters (a longer word stays whole). */
    static List<String> wrap(String title, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : title.split(" ")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static int bar(SchoolIndex s, String cssClass, String fill, String who, int y, ReportFormat f,
                           String suppressed, List<DashboardPage.Text> texts, List<DashboardPage.Bar> bars) {
        if (s == null || !Findings.comparable(s)) {
            texts.add(new DashboardPage.Text(PLOT_X, y + 12, who + ": " + suppressed, "chart-note"));
        } else {
            SchoolIndex.Score100 p = s.score100();
            int end = x(p.mean());
            int ciX1 = x(p.ciLower());
            int ciX2 = x(p.ciUpper());
            bars.add(new DashboardPage.Bar(cssClass, fill, PLOT_X, y, Math.max(1, end - PLOT_X), BAR_HEIGHT, ciX1, ciX2,
                    y + BAR_HEIGHT / 2, Math.max(end, ciX2) + 6, y + 12, who + ": " + f.score(p.mean())));
        }
        return y + BAR_HEIGHT + BAR_GAP;
    }
}
