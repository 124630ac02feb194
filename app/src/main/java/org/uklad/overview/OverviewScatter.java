package org.uklad.overview;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.uklad.system.ReportFormat;

/**
 * Lays out the context-versus-results scatter once for the page (SVG) and the PDF: coordinates in
 * a {@link #WIDTH} × {@link #HEIGHT} frame with y growing downwards, the fitted line, axis ticks
 * with printed values; the context axis is always the index's whole range 0–1. Each school is marked by its number in the table and by a shape, so the
 * chart reads in black and white: a filled triangle beats its context, an open square has a low
 * result, an open circle is any other school.
 */
final class OverviewScatter {

    static final int WIDTH = 640;
    static final int HEIGHT = 400;
    static final int LEFT = 60;
    static final int RIGHT = 20;
    static final int TOP = 16;
    static final int BOTTOM = 48;

    enum Shape { TRIANGLE, SQUARE, CIRCLE }

    record Point(double x, double y, String label, Shape shape, String description) {}

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
        double[] yr = padded(y0, y1);
        Scale sx = new Scale(xr[0], xr[1], LEFT, WIDTH - RIGHT);
        Scale sy = new Scale(yr[0], yr[1], HEIGHT - BOTTOM, TOP);
        List<Point> points = new ArrayList<>();
        for (WaveOverview.ContextSchool s : fitted) {
            Shape shape = s.beatsContext() ? Shape.TRIANGLE : s.lowResult() ? Shape.SQUARE : Shape.CIRCLE;
            String number = Integer.toString(numbers.getOrDefault(s.schoolId(), 0));
            points.add(new Point(sx.at(s.contextIndex()), sy.at(s.result()), number, shape,
                    number + ". " + names.getOrDefault(s.schoolId(), "") + ": " + f.coefficient(s.contextIndex()) + "; "
                            + f.coefficient(s.result())));
        }
        List<Tick> xt = new ArrayList<>();
        List<Tick> yt = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            double vx = xr[0] + (xr[1] - xr[0]) * i / 4;
            double vy = yr[0] + (yr[1] - yr[0]) * i / 4;
            xt.add(new Tick(sx.at(vx), f.coefficient(vx)));
            yt.add(new Tick(sy.at(vy), f.coefficient(vy)));
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
