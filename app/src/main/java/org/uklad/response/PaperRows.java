package org.uklad.response;

import io.micronaut.core.annotation.Nullable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.uklad.questionnaire.LoadedQuestionnaire;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.ItemType;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.system.Dates;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldCode;
import org.uklad.system.FieldError;
import org.uklad.system.Names;
import org.uklad.system.ProblemException;
import org.uklad.system.UploadedText;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

import static org.uklad.system.SpreadsheetText.unneutralise;

/**
 * One reading of a paper file, row by row, as {@link PaperImport} checks it and then stores it:
 * the header mapped to the questionnaire's items (case aside), each row checked like an online
 * submission and handed on at once, so neither the file nor its rows are ever held whole. The
 * problems of the whole file are collected in {@link Problems}, the first {@value Problems#KEPT}
 * kept.
 */
final class PaperRows {

    private static final List<String> FIXED = ResponseExport.FIXED;
    /** A whole number with a zero fraction, as R, SPSS or Excel may write it. */
    private static final Pattern WHOLE = Pattern.compile("-?\\d+[.,]0+");

    /** One checked row: its number in the file (the header is row 1), group, day and answers. */
    record Row(long number, String group, LocalDate day, List<StoredAnswer> answers) {}

    /** Where rows go, and where the reading reports how far it got. */
    interface Sink {
        void row(Row row);

        default void read(long rows, long bytes) {
        }
    }

    /** The problems of a file: how many, and the first {@value #KEPT} of them in file order. */
    static final class Problems {
        static final int KEPT = 100;
        private final List<FieldError> first = new ArrayList<>();
        private long count;

        void add(FieldError e) {
            count++;
            if (first.size() < KEPT) {
                first.add(e);
            }
        }

        boolean any() {
            return count > 0;
        }

        /** The refusal: the first problems and, when there were more, one line saying how many more. */
        ProblemException refusal() {
            List<FieldError> shown = new ArrayList<>(first);
            if (count > first.size()) {
                shown.add(FieldError.of("file", FieldCode.MORE_PROBLEMS, count - first.size()));
            }
            return new ProblemException(ErrorCode.VALIDATION_FAILED, shown);
        }
    }

    private final Questionnaire questionnaire;
    private final Map<String, String> known = new HashMap<>();
    private final @Nullable String fixedGroup;
    private final LocalDate firstDay;
    private final LocalDate lastDay;

    PaperRows(LoadedQuestionnaire q, Wave wave, @Nullable String groupLabel) {
        this.questionnaire = q.questionnaire();
        FIXED.forEach(f -> known.put(f, f));
        questionnaire.items().forEach(i -> known.put(i.id().toLowerCase(Locale.ROOT), i.id()));
        this.fixedGroup = groupLabel == null || groupLabel.isBlank() ? null
                : Names.normalise("groupLabel", groupLabel, Waves.GROUP_LABEL_MAX);
        // a paper form is dated within its wave; a day's slack for time zones and late entry
        this.firstDay = LocalDate.ofInstant(wave.opensAt(), ZoneOffset.UTC).minusDays(1);
        this.lastDay = LocalDate.ofInstant(wave.closesAt(), ZoneOffset.UTC).plusDays(1);
    }

    /**
     * Reads the file once, handing each checked row to {@code sink} and each problem to
     * {@code problems}; a header that does not fit the questionnaire stops the reading at once.
     *
     * @return the number of rows read
     */
    long read(UploadedText.Source file, UploadedText.Scanned scanned, Problems problems, Sink sink) {
        long[] bytes = {0};
        long rows = 0;
        long nextLine = 1;
        try (InputStream in = counted(file.open(), bytes);
             Reader reader = UploadedText.reader(in, scanned);
             CSVParser parser = CSVFormat.RFC4180.builder().setDelimiter(scanned.delimiter()).setHeader().setSkipHeaderRecord(true)
                     .setAllowDuplicateHeaderNames(false).get().parse(reader)) {
            Map<String, String> byName = header(parser.getHeaderNames(), problems);
            nextLine = parser.getCurrentLineNumber() + 1;
            int width = parser.getHeaderNames().size();
            for (CSVRecord record : parser) {
                long rowNumber = record.getRecordNumber() + 1; // the header is line 1
                nextLine = parser.getCurrentLineNumber() + 1;
                rows++;
                if (!record.isConsistent()) {
                    problems.add(FieldError.of("row " + rowNumber, FieldCode.WRONG_TYPE, width + " columns"));
                } else {
                    Row row = row(record, rowNumber, byName, problems);
                    if (row != null) {
                        sink.row(row);
                    }
                }
                if (rows % 1000 == 0) {
                    sink.read(rows, bytes[0]);
                }
            }
            sink.read(rows, bytes[0]);
        } catch (UncheckedIOException e) {
            // the record starting on that line never ends well (an unclosed quote, text after a closing one)
            problems.add(FieldError.of("line " + nextLine, FieldCode.CSV_MALFORMED_AT, String.valueOf(nextLine)));
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            if (e instanceof ProblemException p) {
                throw p;
            }
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, List.of(FieldError.of("file", FieldCode.WRONG_TYPE, "CSV (RFC 4180)")));
        }
        return rows;
    }

    /** Our name (fixed column or item id) → the file's column; a header that does not fit is refused whole. */
    private Map<String, String> header(List<String> names, Problems problems) {
        Map<String, String> columns = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (String column : names) {
            String ours = known.get(column.strip().toLowerCase(Locale.ROOT));
            if (ours == null) {
                errors.add(FieldError.of("header: " + column, FieldCode.UNKNOWN_ITEM));
            } else if (columns.containsValue(ours)) {
                errors.add(FieldError.of("header: " + column, FieldCode.DUPLICATE));
            } else {
                columns.put(column, ours);
            }
        }
        Map<String, String> byName = new HashMap<>();
        columns.forEach((file, ours) -> byName.put(ours, file));
        if (!byName.containsKey("group_label") && fixedGroup == null) {
            errors.add(FieldError.of("header: group_label", FieldCode.REQUIRED));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        return byName;
    }

    /** One record checked like an online submission; null when it has problems (added to {@code problems}). */
    private @Nullable Row row(CSVRecord record, long rowNumber, Map<String, String> byName, Problems problems) {
        List<FieldError> errors = new ArrayList<>();
        String group = byName.containsKey("group_label") && !missing(record.get(byName.get("group_label")))
                ? Names.normalise("row " + rowNumber + ": group_label", unneutralise(record.get(byName.get("group_label"))),
                        Waves.GROUP_LABEL_MAX, errors)
                : fixedGroup != null ? fixedGroup
                : Names.normalise("row " + rowNumber + ": group_label", "", Waves.GROUP_LABEL_MAX, errors);
        LocalDate day = LocalDate.now();
        if (byName.containsKey("submitted_on") && !missing(record.get(byName.get("submitted_on")))) {
            try {
                day = LocalDate.parse(record.get(byName.get("submitted_on")).strip());
                Dates.check("row " + rowNumber + ": submitted_on", day, firstDay, lastDay, errors);
            } catch (java.time.format.DateTimeParseException e) {
                errors.add(FieldError.of("row " + rowNumber + ": submitted_on", FieldCode.WRONG_TYPE, "YYYY-MM-DD"));
            }
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        for (Item item : questionnaire.items()) {
            String column = byName.get(item.id());
            if (column == null) {
                continue;
            }
            String cell = unneutralise(record.get(column));
            if (missing(cell)) {
                continue;
            }
            if ((item.type() == ItemType.LIKERT || item.type() == ItemType.NUMBER) && WHOLE.matcher(cell.strip()).matches()) {
                cell = cell.strip().split("[.,]")[0]; // 4.0 or 4,0 (a Russian Excel's decimal comma) is 4
            }
            raw.put(item.id(), item.type() == ItemType.MULTIPLE ? List.of(cell.split(";", -1)).stream().map(String::strip).toList() : cell);
        }
        AnswerValidator.Outcome outcome = AnswerValidator.validate(questionnaire, raw, true);
        for (FieldError e : outcome.errors()) {
            errors.add(new FieldError("row " + rowNumber + ": " + e.field(), e.code(), e.args()));
        }
        errors.forEach(problems::add);
        return errors.isEmpty() ? new Row(rowNumber, group, day, outcome.answers()) : null;
    }

    /** No answer, as a spreadsheet or a statistics package writes it: empty, {@code NA} (R) or {@code .} (SPSS, SAS). */
    static boolean missing(String cell) {
        String c = cell.strip();
        return c.isEmpty() || c.equals("NA") || c.equals(".");
    }

    /** The stream, counting the bytes read from it (the progress through the file). */
    private static InputStream counted(InputStream in, long[] count) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count[0]++;
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                int n = super.read(buffer, off, len);
                if (n > 0) {
                    count[0] += n;
                }
                return n;
            }
        };
    }
}
