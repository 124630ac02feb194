package org.uklad.system;

/**
 * Text bound for a spreadsheet cell: a cell starting with {@code = + - @} (or a tab or CR) gets a
 * leading apostrophe, so Excel or LibreOffice never runs it as a formula; reading a cell back
 * removes it again.
 */
public final class SpreadsheetText {

    private SpreadsheetText() {
    }

    /** Keeps a spreadsheet from reading text as a formula. */
    public static String neutralise(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + text : text;
    }

    /** The text of a cell written by {@link #neutralise}. */
    public static String unneutralise(String cell) {
        if (cell.length() > 1 && cell.charAt(0) == '\'') {
            char next = cell.charAt(1);
            if (next == '=' || next == '+' || next == '-' || next == '@' || next == '\t' || next == '\r') {
                return cell.substring(1);
            }
        }
        return cell;
    }}
