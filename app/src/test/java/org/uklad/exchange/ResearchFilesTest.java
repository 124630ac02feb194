package org.uklad.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.uklad.questionnaires.ChoiceOption;
import org.uklad.questionnaires.Instruments;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.system.SpreadsheetText;

/**
 * The SPSS syntax carries the responses of a CSV in the export's layout, and the R script reads
 * that CSV, the way a researcher needs: GNU PSPP ({@code apt-get install pspp}) runs the syntax
 * and prints each question's value labels and the values read (a two-line free-text answer
 * included); R ({@code r-base-core}) runs the script and
 * prints the factors, the option columns and the unguarded text. Every bundled questionnaire,
 * in Russian and English.
 */
class ResearchFilesTest {

    @TempDir
    Path dir;

    /** Two rows: every item answered with its first option/point (text with quotes and a formula guard), then all empty. */
    private String csv(Questionnaire q) throws IOException {
        StringBuilder out = new StringBuilder("\uFEFF");
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get())) {
            List<String> header = new ArrayList<>(List.of("wave_id", "school_id", "questionnaire", "version", "group_label", "submitted_on"));
            q.items().forEach(i -> header.add(i.id()));
            p.printRecord(header);
            List<String> full = new ArrayList<>(List.of("7", "3", q.key(), "1", SpreadsheetText.neutralise("-7Б"), "2026-11-02"));
            List<String> empty = new ArrayList<>(List.of("7", "3", q.key(), "1", "5А", "2026-11-03"));
            for (Item i : q.items()) {
                full.add(switch (i.type()) {
                    case LIKERT -> String.valueOf(q.scaleOf(i).max());
                    case NUMBER -> String.valueOf(i.max());
                    case SINGLE -> i.options().getLast().value();
                    case MULTIPLE -> String.join(";", i.options().stream().limit(2).map(ChoiceOption::value).toList());
                    case TEXT -> SpreadsheetText.neutralise("=Учитель сказал \"молодец\", it's fine\nвторая строка");
                });
                empty.add("");
            }
            p.printRecord(full);
            p.printRecord(empty);
        }
        return out.toString();
    }

    private String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @ParameterizedTest
    @ValueSource(strings = {"parents", "teachers", "students-5-11", "students-2-4", "example"})
    void psppReadsTheCsvWithEveryLabel(String key) throws Exception {
        Questionnaire q = Instruments.bundledQuestionnaire(key);
        for (Locale locale : List.of(Locale.of("ru"), Locale.ENGLISH)) {
            String syntax = SpssSyntax.of(q, csv(q), 50, locale)
                    + "DISPLAY DICTIONARY.\nLIST.\n";
            Files.writeString(dir.resolve("read.sps"), syntax);
            // CSV output: tables without line wrapping, so every label is found whole
            String out = run(List.of("pspp", "-o", "out.csv", "read.sps"));
            String listing = Files.readString(dir.resolve("out.csv"));
            assertThat(out + listing).as(listing).doesNotContainIgnoringCase("error").doesNotContainIgnoringCase("warning");
            String lang = locale.getLanguage();
            for (Item i : q.items()) {
                assertThat(listing).as(i.id()).contains(i.id());
                switch (i.type()) {
                    case LIKERT -> q.scaleOf(i).points().forEach(p -> assertThat(listing).contains(p.label().in(lang)));
                    case SINGLE -> i.options().forEach(o -> assertThat(listing).contains(o.label().in(lang)));
                    case MULTIPLE -> i.options().forEach(o -> assertThat(listing).contains(i.id() + "_" + o.value()));
                    default -> {
                    }
                }
            }
            // the first row's values arrive: the top scale point, the guarded group label, the day
            assertThat(listing).contains("2026/11/02").contains("-7Б").doesNotContain("'-7Б").contains("5А");
            if (q.items().stream().anyMatch(i -> i.type() == org.uklad.questionnaires.ItemType.TEXT)) {
                assertThat(listing).contains("=Учитель сказал ”молодец”, it's fine вторая строка");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"parents", "teachers", "students-5-11", "students-2-4", "example"})
    void rReadsTheCsvWithFactorsAndLabels(String key) throws Exception {
        Questionnaire q = Instruments.bundledQuestionnaire(key);
        Files.writeString(dir.resolve("responses.csv"), csv(q));
        StringBuilder check = new StringBuilder(RReadScript.of(q, "responses.csv", Locale.of("ru")));
        check.append("stopifnot(nrow(d) == 2, identical(d$group_label, c(\"-7Б\", \"5А\")), inherits(d$submitted_on, \"Date\"))\n");
        for (Item i : q.items()) {
            String col = "d$" + i.id();
            switch (i.type()) {
                case LIKERT -> check.append("stopifnot(identical(").append(col).append("[[1]], ").append(q.scaleOf(i).max())
                        .append("L), is.na(").append(col).append("[[2]]), length(attr(").append(col).append(", \"labels\")) == ")
                        .append(q.scaleOf(i).points().size()).append(")\n");
                case SINGLE -> check.append("stopifnot(is.factor(").append(col).append("), identical(as.character(").append(col)
                        .append("[[1]]), ").append(RReadScript.string(i.options().getLast().label().ru())).append("), is.na(")
                        .append(col).append("[[2]]), nlevels(").append(col).append(") == ").append(i.options().size()).append(")\n");
                case MULTIPLE -> {
                    for (int o = 0; o < i.options().size(); o++) {
                        String opt = "d$" + i.id() + "_" + i.options().get(o).value();
                        check.append("stopifnot(identical(as.vector(").append(opt).append("), c(").append(o < 2 ? "TRUE" : "FALSE").append(", NA)))\n");
                    }
                }
                case TEXT -> check.append("stopifnot(identical(").append(col)
                        .append("[[1]], \"=Учитель сказал \\\"молодец\\\", it's fine\\nвторая строка\"), is.na(").append(col).append("[[2]]))\n");
                case NUMBER -> check.append("stopifnot(identical(").append(col).append("[[1]], ").append(i.max()).append("L))\n");
            }
            check.append("stopifnot(nchar(attr(").append(col).append(", \"label\")) > 0)\n");
        }
        check.append("cat(\"read\", ncol(d), \"columns\\n\")\n");
        Files.writeString(dir.resolve("read.R"), check.toString());
        String out = run(List.of("Rscript", "read.R"));
        assertThat(out).contains("read ").contains(" columns");
    }
}
