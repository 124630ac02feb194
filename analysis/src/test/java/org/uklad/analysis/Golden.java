package org.uklad.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the golden datasets and R reference values written by {@code src/test/r/golden.R}.
 */
public final class Golden {

    /** Absolute tolerance against R (the 1e-6). */
    public static final double TOL = 1e-6;

    private Golden() {
    }

    /** A dataset: group keys and numeric rows (NA → NaN), with the header. */
    public record Data(List<String> header, List<String> groups, List<double[]> rows) {
        public int column(String name) {
            return header.indexOf(name) - 1;
        }
    }

    public static Data data(String file) {
        List<String> lines = lines(file);
        List<String> header = List.of(lines.get(0).split(","));
        List<String> groups = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            groups.add(f[0]);
            double[] r = new double[f.length - 1];
            for (int i = 1; i < f.length; i++) {
                r[i - 1] = f[i].equals("NA") ? Double.NaN : Double.parseDouble(f[i]);
            }
            rows.add(r);
        }
        return new Data(header, groups, rows);
    }

    /** Reference values, key → value (NaN for R's NA). */
    public static Map<String, Double> refs(String file) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String line : lines(file).subList(1, lines(file).size())) {
            int c = line.indexOf(',');
            m.put(line.substring(0, c), Double.parseDouble(line.substring(c + 1)));
        }
        return m;
    }

    /** The reference value of {@code key}; fails when R wrote no such key. */
    public static double ref(Map<String, Double> refs, String key) {
        Double v = refs.get(key);
        assertTrue(v != null, "no R reference for " + key);
        return v;
    }

    /**
     * Asserts {@code actual} equals R's value within 1e-6 (absolute, or relative for values above
     * 1); NaN must match NaN. P-values are also compared relatively, so tiny ones are checked too.
     */
    public static void near(Map<String, Double> refs, String key, double actual) {
        double expected = ref(refs, key);
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), key + ": R gives NA, Java " + actual);
            return;
        }
        assertEquals(expected, actual, TOL * Math.max(1, Math.abs(expected)), key);
        if (key.endsWith(".p") || key.endsWith(".wp") || key.endsWith("mw.p")) {
            assertEquals(expected, actual, 1e-6 * Math.abs(expected) + 1e-300, key + " (relative)");
        }
    }

    private static List<String> lines(String file) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing golden file " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
