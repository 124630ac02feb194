package org.uklad.exchange;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.uklad.questionnaires.ChoiceOption;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.ItemType;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.questionnaires.ResponseScale;
import org.uklad.questionnaires.ScalePoint;
import org.uklad.system.SpreadsheetText;

/**
 * An SPSS syntax file ({@code .sps}) holding a questionnaire's responses with their labels, as
 * LimeSurvey's SPSS export does: {@code DATA LIST} with each column's format and the rows inline
 * (see {@link #data} for why not {@code GET DATA} on the CSV), {@code VARIABLE LABELS} (the
 * question texts), {@code VALUE LABELS} (scale points and options), {@code MISSING VALUES} for
 * unanswered choices, and one 0/1 variable per option of a multiple-choice question. SPSS and
 * GNU PSPP run it unchanged.
 *
 * <p>Widths are in bytes, as SPSS counts them: a Cyrillic character takes two in UTF-8, so text
 * columns get four bytes per allowed character. Labels are cut to SPSS's limits (variable labels
 * 255 bytes' worth of characters, value labels 120).
 */
public final class SpssSyntax {

    private static final int VARIABLE_LABEL_MAX = 120;
    private static final int VALUE_LABEL_MAX = 60;

    private SpssSyntax() {
    }

    /**
     * @param questionnaire the version the responses answer
     * @param responsesCsv  the CSV export of the responses (the layout of {@code ResponseExport})
     * @param groupLabelMax the longest group label, in characters
     * @param locale        the language of the labels
     */
    public static String of(Questionnaire questionnaire, String responsesCsv, int groupLabelMax, Locale locale) {
        String lang = locale.getLanguage();
        boolean en = "en".equals(lang);
        StringBuilder s = new StringBuilder();
        s.append("* ").append(comment(questionnaire.title().in(lang))).append(" (").append(questionnaire.key()).append(").\n");
        s.append(en ? "* The responses with their labels; an empty field is an unanswered question.\n"
                : "* Ответы с подписями; пустое поле - вопрос без ответа.\n");
        s.append("SET DECIMAL=DOT.\nDATA LIST LIST /");
        // each line starts with a format: a line starting with a name such as "comment" or
        // "document" would begin a COMMENT or DOCUMENT command, and the column would go unread
        List<String> columns = new ArrayList<>(List.of(
                "wave_id", "F10.0", "school_id", "F10.0", "questionnaire", "A64", "version", "F4.0",
                "group_label", "A" + Math.max(8, groupLabelMax * 4), "submitted_on", "SDATE10"));
        for (Item i : questionnaire.items()) {
            columns.add(i.id());
            columns.add(format(questionnaire, i));
        }
        for (int c = 0; c < columns.size(); c += 2) {
            s.append(columns.get(c)).append(c + 2 < columns.size() ? "\n    (" + columns.get(c + 1) + ") " : "\n    (" + columns.get(c + 1) + ").\n");
        }
        s.append("BEGIN DATA\n");
        data(s, responsesCsv, questionnaire);
        s.append("END DATA.\n");
        // the slash form, for the same reason: no line starts with a name
        s.append("\nVARIABLE LABELS wave_id ").append(quote(en ? "Wave" : "Волна")).append('\n');
        s.append("  /school_id ").append(quote(en ? "School" : "Школа")).append('\n');
        s.append("  /questionnaire ").append(quote(en ? "Questionnaire" : "Анкета")).append('\n');
        s.append("  /version ").append(quote(en ? "Questionnaire version" : "Версия анкеты")).append('\n');
        s.append("  /group_label ").append(quote(en ? "Group (class)" : "Группа (класс)")).append('\n');
        s.append("  /submitted_on ").append(quote(en ? "Day of the answer" : "День ответа")).append('\n');
        for (Item i : questionnaire.items()) {
            s.append("  /").append(i.id()).append(' ').append(quote(cut(i.text().in(lang), VARIABLE_LABEL_MAX))).append('\n');
        }
        end(s);
        StringBuilder values = new StringBuilder();
        StringBuilder missing = new StringBuilder();
        for (Item i : questionnaire.items()) {
            switch (i.type()) {
                case LIKERT -> {
                    ResponseScale scale = questionnaire.scaleOf(i);
                    values.append("  /").append(i.id());
                    for (ScalePoint p : scale.points()) {
                        values.append(' ').append(p.value()).append(' ').append(quote(cut(p.label().in(lang), VALUE_LABEL_MAX)));
                    }
                    values.append('\n');
                }
                case SINGLE -> {
                    values.append("  /").append(i.id());
                    for (ChoiceOption o : i.options()) {
                        values.append(' ').append(quote(o.value())).append(' ').append(quote(cut(o.label().in(lang), VALUE_LABEL_MAX)));
                    }
                    values.append('\n');
                    if (width(i) <= 8) {
                        // an unanswered choice is an empty string, which SPSS would count as a value
                        missing.append("MISSING VALUES ").append(i.id()).append(" ('').\n");
                    }
                }
                default -> {
                }
            }
        }
        if (!values.isEmpty()) {
            s.append("\nVALUE LABELS\n").append(values);
            end(s);
        }
        s.append(missing);
        for (Item i : questionnaire.items()) {
            if (i.type() != ItemType.MULTIPLE) {
                continue;
            }
            s.append(en ? "\n* " + i.id() + ": one 0/1 variable per option (1 = chosen), missing when unanswered.\n"
                    : "\n* " + i.id() + ": по переменной 0/1 на каждый вариант (1 - выбран), пропуск, если нет ответа.\n");
            for (ChoiceOption o : i.options()) {
                String name = i.id() + "_" + o.value();
                s.append("COMPUTE ").append(name).append(" = INDEX(CONCAT(';', RTRIM(").append(i.id()).append("), ';'), ")
                        .append(quote(";" + o.value() + ";")).append(") > 0.\n");
                s.append("IF (RTRIM(").append(i.id()).append(") = '') ").append(name).append(" = $SYSMIS.\n");
                s.append("FORMATS ").append(name).append(" (F1.0).\n");
                s.append("VARIABLE LABELS ").append(name).append(' ')
                        .append(quote(cut(i.text().in(lang), VARIABLE_LABEL_MAX / 2) + ": " + cut(o.label().in(lang), VARIABLE_LABEL_MAX / 2)))
                        .append(".\n");
                s.append("VALUE LABELS ").append(name).append(" 0 ").append(quote(en ? "not chosen" : "не выбран"))
                        .append(" 1 ").append(quote(en ? "chosen" : "выбран")).append(".\n");
            }
        }
        s.append("EXECUTE.\n");
        return s.toString();
    }

    /**
     * The rows inline, so the file is the whole data set: SPSS's and PSPP's CSV reading ends a
     * case at every line break, even inside quotes, so a free-text answer written on two lines
     * would break the CSV apart there. Line breaks in text become spaces; the spreadsheet guard
     * is taken off again; strings are quoted ({@link #quoteData}).
     */
    private static void data(StringBuilder s, String csv, Questionnaire q) {
        // string columns by name, from the file's own header: the questionnaire, the group, choices and text
        java.util.Set<String> stringColumns = new java.util.HashSet<>(List.of("questionnaire", "group_label"));
        q.items().stream().filter(i -> i.type() == ItemType.SINGLE || i.type() == ItemType.MULTIPLE || i.type() == ItemType.TEXT)
                .forEach(i -> stringColumns.add(i.id()));
        java.util.Set<Integer> strings = new java.util.HashSet<>();
        String body = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        try (CSVParser parser = CSVParser.parse(new StringReader(body), CSVFormat.RFC4180)) {
            boolean header = true;
            for (CSVRecord record : parser) {
                if (header) {
                    header = false;
                    for (int c = 0; c < record.size(); c++) {
                        if (stringColumns.contains(record.get(c))) {
                            strings.add(c);
                        }
                    }
                    continue;
                }
                for (int c = 0; c < record.size(); c++) {
                    if (c > 0) {
                        s.append(',');
                    }
                    String value = SpreadsheetText.unneutralise(record.get(c));
                    if (!value.isEmpty()) {
                        s.append(strings.contains(c) ? quoteData(value) : value);
                    }
                }
                s.append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A string field of free-field data: in the quote it does not contain, since neither SPSS nor
     * PSPP reads a doubled quote inside data; a text with both kinds keeps its apostrophes and
     * gets typographic double quotes.
     */
    static String quoteData(String value) {
        String v = value.replaceAll("[\\r\\n]+", " ");
        if (!v.contains("\"")) {
            return "\"" + v + "\"";
        }
        return v.contains("'") ? "\"" + v.replace("\"", "\u201D") + "\"" : "'" + v + "'";
    }

    /** Ends the command with a full stop on its last line. */
    private static void end(StringBuilder s) {
        s.setLength(s.length() - 1);
        s.append(".\n");
    }

    private static String format(Questionnaire q, Item i) {
        return switch (i.type()) {
            case LIKERT -> "F" + Math.max(1, String.valueOf(q.scaleOf(i).max()).length()) + ".0";
            case NUMBER -> "F" + Math.max(String.valueOf(i.min()).length(), String.valueOf(i.max()).length()) + ".0";
            case SINGLE, MULTIPLE, TEXT -> "A" + width(i);
        };
    }

    /** The column's width in bytes. */
    private static int width(Item i) {
        return switch (i.type()) {
            case SINGLE -> Math.max(1, i.options().stream().mapToInt(o -> bytes(o.value())).max().orElse(1));
            case MULTIPLE -> Math.max(1, i.options().stream().mapToInt(o -> bytes(o.value()) + 1).sum());
            case TEXT -> Math.min(32_767, Math.max(8, (i.maxLength() == null ? 2000 : i.maxLength()) * 4 + 1));
            default -> 8;
        };
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** A string literal: single quotes, an inner quote doubled; line breaks become spaces. */
    static String quote(String text) {
        return "'" + text.replaceAll("[\\r\\n\\t]+", " ").replace("'", "''") + "'";
    }

    /** A comment line's text: no line breaks, and no full stop that would end the comment early. */
    private static String comment(String text) {
        return text.replaceAll("[\\r\\n]+", " ").replace(".", ",");
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
