package org.uklad.identification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.uklad.system.ReportFormat;

/**
 * Lays out the server-drawn chart of results against context over the years: the family context
 * index (0–1, its whole range) across, the school's outcome (mean z-score over the subjects) up,
 * one symbol per year (circle, square, triangle, diamond: reads in black and white), each point
 * numbered by the school's row. Text is 12 px or larger.
 */
final class IdentificationChart {

    static final int WIDTH = 640;
    static final int HEIGHT = 400;
    static final int LEFT = 64;
    static final int RIGHT = 20;
    static final int TOP = 16;
    static final int BOTTOM = 56;

    record Tick(double x1, double y1, double x2, double y2, double labelX, double labelY, String anchor, String label) {}

    record Point(String path, String label, double labelX, double labelY, String description) {}

    record Key(String path, String label) {}

    record Chart(int width, int height, int plotLeft, int plotRight, int plotTop, int plotBottom, List<Tick> ticks,
                 List<Point> points, List<Key> keys, String xTitle, String yTitle, String label) {}

    /** A school's point: its number in the table, context index, outcome per year. */
    record Input(int number, String name, double context, Map<Integer, Double> outcomes) {}

    private IdentificationChart() {
    }

    static Chart layout(List<Input> schools, List<Integer> years, ReportFormat f, String xTitle, String yTitle,
                        String label) {
        double lo = schools.stream().flatMap(s -> s.outcomes().values().stream()).mapToDouble(Double::doubleValue)
                .min().orElse(-1);
        double hi = schools.stream().flatMap(s -> s.outcomes().values().stream()).mapToDouble(Double::doubleValue)
                .max().orElse(1);
        // at least −1…1 in half steps: z-scores read against a fixed frame
        final double bottomValue = Math.floor(Math.min(lo, -1) * 2) / 2;
        final double topValue = Math.ceil(Math.max(hi, 1) * 2) / 2;
        int bottom = HEIGHT - BOTTOM;
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            double x = sx(i / 4.0);
            ticks.add(new Tick(x, TOP, x, bottom, x, bottom + 18, "middle", f.coefficient(i / 4.0)));
        }
        for (double v = bottomValue; v <= topValue + 1e-9; v += 0.5) {
            double y = sy(v, bottomValue, topValue);
            ticks.add(new Tick(LEFT, y, WIDTH - RIGHT, y, LEFT - 6, y + 4, "end", f.decimals(v, 1)));
        }
        List<Point> points = new ArrayList<>();
        for (Input s : schools) {
            s.outcomes().forEach((year, o) -> {
                double x = sx(s.context());
                double y = sy(o, bottomValue, topValue);
                points.add(new Point(shape(years.indexOf(year), x, y), Integer.toString(s.number()), x + 8, y + 4,
                        s.number() + ". " + s.name() + ", " + year + ": " + f.coefficient(s.context()) + "; "
                                + f.decimals(o, 2)));
            });
        }
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < years.size(); i++) {
            keys.add(new Key(shape(i, 8, 8), Integer.toString(years.get(i))));
        }
        return new Chart(WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, TOP, bottom, ticks, points, keys, xTitle, yTitle, label);
    }

    private static double sx(double v) {
        return LEFT + v * (WIDTH - RIGHT - LEFT);
    }

    private static double sy(double v, double lo, double hi) {
        return HEIGHT - BOTTOM - (v - lo) / (hi - lo) * (HEIGHT - BOTTOM - TOP);
    }

    /** The year's symbol centred at (x, y) as an SVG path. */
    static String shape(int year, double x, double y) {
        double r = 5;
        return switch (Math.floorMod(year, 4)) {
            case 0 -> String.format(java.util.Locale.ROOT, "M%.1f,%.1f a%.1f,%.1f 0 1,0 %.1f,0 a%.1f,%.1f 0 1,0 %.1f,0 z",
                    x - r, y, r, r, 2 * r, r, r, -2 * r);
            case 1 -> String.format(java.util.Locale.ROOT, "M%.1f,%.1f h%.1f v%.1f h%.1f z", x - r, y - r, 2 * r, 2 * r, -2 * r);
            case 2 -> String.format(java.util.Locale.ROOT, "M%.1f,%.1f L%.1f,%.1f L%.1f,%.1f z", x, y - r - 1, x + r + 1,
                    y + r, x - r - 1, y + r);
            default -> String.format(java.util.Locale.ROOT, "M%.1f,%.1f L%.1f,%.1f L%.1f,%.1f L%.1f,%.1f z", x, y - r - 1,
                    x + r + 1, y, x, y + r + 1, x - r - 1, y);
        };
    }
}
