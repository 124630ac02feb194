package org.uklad.support;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PostgreSQL's text plans ({@link Database#plan}) for what a small test database can show
 * about a read at a region's size: whether each table it touches is reached through an index
 * condition on the column that narrows it (a wave, a response), or read whole or by some other
 * way in. On a few rows the planner would rightly scan every table, so the plans are made with
 * sequential scans discouraged; a read that still needs one, or can only reach a table by id from
 * a join (which the planner at scale may make a read of everything), would not stay small.
 */
public final class QueryPlans {

    private static final Pattern NODE = Pattern.compile("^\\s*(?:->\\s+)?(.+?)\\s+\\(cost=");
    private static final Pattern SCAN = Pattern.compile(
            "^(Seq Scan|Parallel Seq Scan|Index Scan(?: Backward)? using \\S+|Index Only Scan(?: Backward)? using \\S+|Bitmap Heap Scan) on (\\w+)\\b.*");

    private QueryPlans() {}

    /**
     * The scans of {@code table} in {@code plan} that an index condition on {@code column} does
     * not narrow: a sequential scan, an index walked without a condition, or one reached through
     * some other condition (say, by id from a join, which at scale the planner may well turn into
     * a read of the whole table). Empty when every scan of the table is narrowed by the column.
     */
    public static List<String> scansNotNarrowedBy(String plan, String table, String column) {
        String[] lines = plan.split("\n");
        List<String> loose = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher node = NODE.matcher(lines[i]);
            if (!node.find()) {
                continue;
            }
            Matcher scan = SCAN.matcher(node.group(1));
            if (!scan.matches() || !scan.group(2).equals(table)) {
                continue;
            }
            // an index scan's own condition; a bitmap heap scan's recheck repeats its index scans' conditions
            String condition = scan.group(1).startsWith("Bitmap") ? "Recheck Cond:" : "Index Cond:";
            if (scan.group(1).contains("Seq Scan") || !condition(lines, i, condition).contains(column)) {
                loose.add(node.group(1));
            }
        }
        return loose;
    }

    /** The detail line of the node on line {@code at} that starts with {@code label}, or "". */
    private static String condition(String[] lines, int at, String label) {
        for (int i = at + 1; i < lines.length && !NODE.matcher(lines[i]).find(); i++) {
            if (lines[i].strip().startsWith(label)) {
                return lines[i];
            }
        }
        return "";
    }
}
