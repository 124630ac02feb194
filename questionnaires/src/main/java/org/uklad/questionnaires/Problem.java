package org.uklad.questionnaires;

/**
 * One validation problem in a data file.
 *
 * @param source  the file's name
 * @param line    1-based line, 0 if unknown
 * @param where   the item, scale, construct, block id or YAML path it concerns (may be empty)
 * @param message plain English description
 */
public record Problem(String source, int line, String where, String message) {

    public Problem {
        source = source == null ? "" : source;
        where = where == null ? "" : where;
    }

    /** {@code students.yaml:42: item dem3: reverse key on a non-scale item}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(source);
        if (line > 0) {
            b.append(':').append(line);
        }
        b.append(": ");
        if (!where.isEmpty()) {
            b.append(where).append(": ");
        }
        return b.append(message).toString();
    }
}
