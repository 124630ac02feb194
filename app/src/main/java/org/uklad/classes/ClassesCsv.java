package org.uklad.classes;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.uklad.system.SpreadsheetText;

/** {@link ClassResults} as a CSV that R's {@code read.csv} and Excel read as they are. */
final class ClassesCsv {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();
    static final String[] HEADER = {"questionnaire", "respondent", "construct", "class", "merged", "responses", "n",
            "mean", "sd", "score_0_100", "ci_lower_0_100", "ci_upper_0_100", "icc1"};

    private ClassesCsv() {
    }

    static String write(ClassResults results) {
        StringWriter out = new StringWriter();
        out.write('\uFEFF');   // Excel reads UTF-8 only with the mark
        try (CSVPrinter csv = new CSVPrinter(out, FORMAT)) {
            csv.printRecord((Object[]) HEADER);
            for (ClassResults.QuestionnaireClasses q : results.questionnaires()) {
                for (ClassResults.ConstructClasses c : q.constructs()) {
                    for (int i = 0; i < c.classes().size(); i++) {
                        ClassResults.ClassScore s = c.classes().get(i);
                        csv.printRecord(q.key(), q.respondent().name(), c.construct(), SpreadsheetText.neutralise(s.label()),
                                s.merged(), q.classes().get(i).responses(), cell(s.n()), cell(s.mean()), cell(s.sd()),
                                cell(s.score()), cell(s.ciLower()), cell(s.ciUpper()), cell(c.icc1()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String cell(Object value) {
        return value == null ? "" : value.toString();
    }
}
