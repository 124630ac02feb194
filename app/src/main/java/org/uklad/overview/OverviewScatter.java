package org.uklad.overview;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.uklad.system.ReportFormat;

/**
 * Lays out the context-versus-results scatter once for the page (SVG) and the PDF: coordinates in
 * a {@link #WIDTH} × {@link #HEIGHT} frame with y growing downwards, the fitted line, axis ticks
 * with printed values; the context axis is always the index's whole range 0–1. Each school is marked
 * by its number in the table (the chart's key names it) and by a shape, so the chart reads in black
 * and white: a filled triangle beats its context, an open square has a low result, an open circle is
 * any other school. A number goes right of its point unless it would cover another number or point;
 * then left, above or below, whichever is free first.
 */
final class OverviewScatter {

    static final int WIDTH = 640;
    static final int HEIGHT = 400;
    static final int LEFT = 60;
    static final int RIGHT = 20;
    static final int TOP = 16;
    static final int BOTTOM = 48;

    enum Shape { TRIANGLE, SQUARE, CIRCLE }

    /** @param labelX where the number starts (left edge); @param labelY its baseline */
    record Point(double x, double y, String label, Shape shape, String description, String name, double labelX,
                 double labelY) {}

    /** The numbers' size in the frame's units, for placing them clear of each other. */
    static final double LABEL_HEIGHT = 11;
    static final double DIGIT_WIDTH = 6.5;
    static final double MARK = 7;

    record Tick(double at, String label) {}

    record Layout(List<Point> points, double lineX1, double lineY1, double lineX2, double lineY2, List<Tick> xTicks,
                  List<Tick> yTicks) {}

    private OverviewScatter() {
    }

    /**
     * @param numbers school id → its number in the table
     * @param names   school id → name, for the points' descriptions
     */
    static Layout layout(WaveOverview.Context c, Map<Long, Integer> numbers, Map<Long, String> names, ReportFormat f) {
        List<WaveOverview.ContextSchool> fitted = c.schools().stream().filter(s -> s.resilience() != null).toList();
        double y0 = fitted.stream().mapToDouble(WaveOverview.ContextSchool::result).min().orElse(0);
        double y1 = fitted.stream().mapToDouble(WaveOverview.ContextSchool::result).max().orElse(1);
        // the context index is 0–1 by definition: a fixed axis keeps schools comparable across waves
        double[] xr = {0, 1};
        double[] padded = padded(y0, y1);
        double step = step((padded[1] - padded[0]) / 4);
        // round ticks: the result axis runs between multiples of a 1, 2 or 5 step
        double[] yr = {Math.floor(padded[0] / step + 1e-9) * step, Math.ceil(padded[1] / step - 1e-9) * step};
        Scale sx = new Scale(xr[0], xr[1], LEFT, WIDTH - RIGHT);
        Scale sy = new Scale(yr[0], yr[1], HEIGHT - BOTTOM, TOP);
        List<double[]> marks = fitted.stream().map(s -> new double[] {sx.at(s.contextIndex()), sy.at(s.result())}).toList();
        List<double[]> taken = new ArrayList<>(); // boxes of the numbers placed so far: x0, y0, x1, y1
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < fitted.size(); i++) {
            WaveOverview.ContextSchool s = fitted.get(i);
            Shape shape = s.beatsContext() ? Shape.TRIANGLE : s.lowResult() ? Shape.SQUARE : Shape.CIRCLE;
            String number = Integer.toString(numbers.getOrDefault(s.schoolId(), 0));
            double x = marks.get(i)[0];
            double y = marks.get(i)[1];
            double[] box = place(x, y, number.length() * DIGIT_WIDTH, marks, taken);
            taken.add(box);
            String name = names.getOrDefault(s.schoolId(), "");
            points.add(new Point(x, y, number, shape, number + ". " + name + ": " + f.coefficient(s.contextIndex()) + "; "
                    + f.coefficient(s.result()), name, box[0], box[3] - 2));
        }
        List<Tick> xt = new ArrayList<>();
        List<Tick> yt = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            double vx = xr[0] + (xr[1] - xr[0]) * i / 4;
            xt.add(new Tick(sx.at(vx), f.coefficient(vx)));
        }
        long steps = Math.round((yr[1] - yr[0]) / step);
        for (long i = 0; i <= steps; i++) {
            double vy = yr[0] + step * i;
            yt.add(new Tick(sy.at(vy), tick(vy, step, f)));
        }
        double b0 = c.intercept() == null ? 0 : c.intercept();
        double b1 = c.slope() == null ? 0 : c.slope();
        // the line is clipped to the plot by clamping its ends to the y range
        double ly1 = Math.max(yr[0], Math.min(yr[1], b0 + b1 * xr[0]));
        double ly2 = Math.max(yr[0], Math.min(yr[1], b0 + b1 * xr[1]));
        double lx1 = b1 == 0 ? xr[0] : (ly1 - b0) / b1;
        double lx2 = b1 == 0 ? xr[1] : (ly2 - b0) / b1;
        return new Layout(points, sx.at(lx1), sy.at(ly1), sx.at(lx2), sy.at(ly2), xt, yt);
    }

    /** The first free box for a number of width {@code w} beside the mark at (x, y): right, left, above, below. */
    static double[] place(double x, double y, double w, List<double[]> marks, List<double[]> taken) {
        double h = LABEL_HEIGHT;
        double[][] candidates = {
                {x + MARK + 3, y - h / 2 + 2, x + MARK + 3 + w, y + h / 2 + 2},
                {x - MARK - 3 - w, y - h / 2 + 2, x - MARK - 3, y + h / 2 + 2},
                {x - w / 2, y - MARK - 2 - h, x + w / 2, y - MARK - 2},
                {x - w / 2, y + MARK + 2, x + w / 2, y + MARK + 2 + h},
        };
        for (double[] c : candidates) {
            boolean inside = c[0] >= LEFT && c[2] <= WIDTH - RIGHT && c[1] >= TOP && c[3] <= HEIGHT - BOTTOM;
            boolean free = taken.stream().noneMatch(t -> overlaps(c, t)) && marks.stream().noneMatch(m -> overlaps(c,
                    new double[] {m[0] - MARK, m[1] - MARK, m[0] + MARK, m[1] + MARK}));
            if (inside && free) {
                return c;
            }
        }
        return candidates[0];
    }

    private static boolean overlaps(double[] a, double[] b) {
        return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    }

    /** The round step (1, 2 or 5 times a power of ten) nearest above {@code raw}. */
    static double step(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / power;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
    }

    /** A tick's value with as many decimals as its step needs (0,1 → one; 20 → none). */
    private static String tick(double v, double step, ReportFormat f) {
        int places = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        return f.decimals(Math.round(v / step) * step, places);
    }

    private static double[] padded(double lo, double hi) {
        double span = hi - lo;
        double pad = span > 0 ? span * 0.08 : Math.max(1, Math.abs(lo) * 0.1);
        return new double[] {lo - pad, hi + pad};
    }

    private record Scale(double from, double to, double pixelFrom, double pixelTo) {
        double at(double v) {
            return pixelFrom + (v - from) / (to - from) * (pixelTo - pixelFrom);
        }
    }
}
