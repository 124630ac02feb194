package org.uklad.dashboard;

import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.uklad.indices.LevelBand;

/**
 * Lays out the small trend chart of one construct: its percent favourable in each wave of the
 * school, oldest first, as points joined by a line, each point labelled with its value and its
 * wave's date, so that it reads without colour; dashed lines at the band cut points of
 * {@link LevelBand}. A wave where the group was not shown gets "—" and breaks the line. The
 * view box is narrow ({@value #WIDTH} units) so that on a phone it is drawn about 1:1 and its
 * {@value #FONT} px text stays readable.
 */
final class TrendChart {

    static final int WIDTH = 280;
    static final int FONT = 12;
    /** The first and last points sit this far in, so that a date centred under them stays whole. */
    static final int LEFT = 36;
    /** Room at the right for the cut points' labels. */
    static final int RIGHT = 64;
    static final int TOP = 20;
    static final int PLOT_HEIGHT = 80;
    static final int BOTTOM = 22;

    /** One wave: the date under the point and the percent favourable, null when not shown. */
    record Point(String wave, @Nullable Double percent) {}

    private TrendChart() {
    }

    static int y(double percent) {
        double clamped = Math.max(0, Math.min(100, percent));
        return TOP + (int) Math.round((100 - clamped) * PLOT_HEIGHT / 100.0);
    }

    /** The chart, or null with fewer than two waves (nothing to follow). */
    static @Nullable DashboardPage.Trend layout(List<Point> points, Function<Double, String> percent, String label) {
        if (points.size() < 2) {
            return null;
        }
        int n = points.size();
        int step = (WIDTH - LEFT - RIGHT) / (n - 1);
        List<DashboardPage.Text> texts = new ArrayList<>();
        List<DashboardPage.Cut> cuts = new ArrayList<>();
        for (double cut : List.of(LevelBand.MEDIUM_FROM, LevelBand.HIGH_FROM)) {
            cuts.add(new DashboardPage.Cut(4, WIDTH - RIGHT + 28, y(cut), percent.apply(cut)));
        }
        List<DashboardPage.Dot> dots = new ArrayList<>();
        List<String> segments = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Point p = points.get(i);
            int x = LEFT + i * step;
            texts.add(new DashboardPage.Text(x, TOP + PLOT_HEIGHT + BOTTOM - 4, p.wave(), "trend-wave"));
            if (p.percent() == null) {
                texts.add(new DashboardPage.Text(x, TOP + PLOT_HEIGHT / 2, "—", "trend-value"));
                if (!line.isEmpty()) {
                    segments.add(line.toString().trim());
                    line.setLength(0);
                }
                continue;
            }
            int y = y(p.percent());
            dots.add(new DashboardPage.Dot(x, y));
            texts.add(new DashboardPage.Text(x, y - 6, percent.apply(p.percent()), "trend-value"));
            line.append(x).append(',').append(y).append(' ');
        }
        if (!line.isEmpty()) {
            segments.add(line.toString().trim());
        }
        return new DashboardPage.Trend(WIDTH, TOP + PLOT_HEIGHT + BOTTOM, label, cuts, texts, dots,
                segments.stream().filter(s -> s.contains(" ")).toList());
    }
}
