package org.uklad.exchange;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.uklad.questionnaires.ChoiceOption;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.questionnaires.ResponseScale;
import org.uklad.questionnaires.ScalePoint;

/**
 * An SPSS syntax file ({@code .sps}) that reads a questionnaire's responses CSV (the layout of
 * {@code response/ResponseExport}) and labels it, as LimeSurvey's SPSS export does: {@code GET
 * DATA} with each column's format, {@code VARIABLE LABELS} (the question texts), {@code VALUE
 * LABELS} (scale points and options), {@code MISSING VALUES} for unanswered choices, and one 0/1
 * variable per option of a multiple-choice question. SPSS and GNU PSPP run it unchanged; the
 * CSV is expected beside it under the name it was downloaded with.
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
     * @param questionnaire the version the CSV holds
     * @param csvFileName   the CSV's file name as downloaded
     * @param groupLabelMax the longest group label, in characters
     * @param locale        the language of the labels
     */
    public static String of(Questionnaire questionnaire, String csvFileName, int groupLabelMax, Locale locale) {
        String lang = locale.getLanguage();
        boolean en = "en".equals(lang);
        StringBuilder s = new StringBuilder();
        s.append("* ").append(comment(questionnaire.title().in(lang))).append(" (").append(questionnaire.key()).append(").\n");
        s.append(en ? "* Reads the responses CSV downloaded beside this file; an empty cell is an unanswered question.\n"
                : "* Читает CSV с ответами, скачанный рядом с этим файлом; пустая ячейка - вопрос без ответа.\n");
        s.append("GET DATA\n  /TYPE=TXT\n  /FILE=").append(quote(csvFileName)).append("\n  /ENCODING='UTF-8'\n")
                .append("  /ARRANGEMENT=DELIMITED\n  /DELCASE=LINE\n  /FIRSTCASE=2\n  /DELIMITERS=\",\"\n  /QUALIFIER='\"'\n")
                .append("  /VARIABLES=");
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
            s.append(columns.get(c)).append(c + 2 < columns.size() ? "\n    " + columns.get(c + 1) + " " : "\n    " + columns.get(c + 1) + ".\n");
        }
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
            if (i.type() != org.uklad.questionnaires.ItemType.MULTIPLE) {
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
