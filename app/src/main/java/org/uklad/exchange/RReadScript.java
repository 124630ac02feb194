package org.uklad.exchange;

import java.util.Locale;
import java.util.stream.Collectors;
import org.uklad.questionnaires.ChoiceOption;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.ItemType;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.questionnaires.ScalePoint;

/**
 * An R script that reads a questionnaire's responses CSV (the layout of
 * {@code response/ResponseExport}) into a data frame {@code d} ready to analyse, as LimeSurvey's
 * R export does: single choices become factors with their options' labels, each option of a
 * multiple choice a logical column ({@code NA} when unanswered), likert items stay numbers (a
 * scale is analysed as numbers) with their points' labels in the attribute {@code labels}, every
 * column carries its question in the attribute {@code label} (as haven and Hmisc read it), the
 * day is a {@code Date}, and the spreadsheet guard (a leading apostrophe before {@code = + - @})
 * is taken off free text again. Base R only.
 */
public final class RReadScript {

    private RReadScript() {
    }

    /**
     * @param questionnaire the version the CSV holds
     * @param csvFileName   the CSV's file name as downloaded
     * @param locale        the language of the labels
     */
    public static String of(Questionnaire questionnaire, String csvFileName, Locale locale) {
        String lang = locale.getLanguage();
        boolean en = "en".equals(lang);
        StringBuilder s = new StringBuilder();
        s.append("# ").append(line(questionnaire.title().in(lang))).append(" (").append(questionnaire.key()).append(")\n");
        s.append(en ? "# Reads the responses CSV downloaded beside this script into the data frame d.\n"
                : "# Читает CSV с ответами, скачанный рядом со скриптом, в таблицу d.\n");
        s.append("d <- read.csv(").append(string(csvFileName))
                .append(", fileEncoding = \"UTF-8-BOM\", na.strings = \"\", stringsAsFactors = FALSE,\n")
                .append("              colClasses = c(questionnaire = \"character\", group_label = \"character\"");
        for (Item i : questionnaire.items()) {
            if (i.type() == ItemType.SINGLE || i.type() == ItemType.MULTIPLE || i.type() == ItemType.TEXT) {
                s.append(", ").append(i.id()).append(" = \"character\"");
            }
        }
        s.append("))\n");
        s.append("unguard <- function(x) sub(\"^'([-=+@\\t\\r])\", \"\\\\1\", x)\n");
        s.append("d$group_label <- unguard(d$group_label)\n");
        s.append("d$submitted_on <- as.Date(d$submitted_on)\n");
        for (Item i : questionnaire.items()) {
            String col = "d$" + i.id();
            switch (i.type()) {
                case LIKERT -> {
                    var points = questionnaire.scaleOf(i).points();
                    s.append("attr(").append(col).append(", \"labels\") <- c(")
                            .append(points.stream().map((ScalePoint p) -> string(p.label().in(lang)) + " = " + p.value())
                                    .collect(Collectors.joining(", ")))
                            .append(")\n");
                }
                case SINGLE -> s.append(col).append(" <- factor(").append(col).append(", levels = c(")
                        .append(i.options().stream().map(o -> string(o.value())).collect(Collectors.joining(", ")))
                        .append("), labels = c(")
                        .append(i.options().stream().map(o -> string(o.label().in(lang))).collect(Collectors.joining(", ")))
                        .append("))\n");
                case MULTIPLE -> {
                    for (ChoiceOption o : i.options()) {
                        String name = "d$" + i.id() + "_" + o.value();
                        s.append(name).append(" <- ifelse(is.na(").append(col).append("), NA, grepl(")
                                .append(string("(^|;)" + o.value().replace(".", "\\.") + "(;|$)")).append(", ").append(col).append("))\n");
                        s.append("attr(").append(name).append(", \"label\") <- ")
                                .append(string(i.text().in(lang) + ": " + o.label().in(lang))).append('\n');
                    }
                }
                case TEXT -> s.append(col).append(" <- unguard(").append(col).append(")\n");
                case NUMBER -> {
                }
            }
            s.append("attr(").append(col).append(", \"label\") <- ").append(string(i.text().in(lang))).append('\n');
        }
        return s.toString();
    }

    /** An R string literal. */
    static String string(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String line(String text) {
        return text.replaceAll("[\\r\\n]+", " ");
    }
}
