package org.uklad.context;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.uklad.school.School;
import org.uklad.system.FieldCode;
import org.uklad.system.FieldError;
import org.uklad.system.Names;
import org.uklad.system.SpreadsheetText;
import org.uklad.system.UploadedText;

/**
 * Reads the CSV of external results a regional monitoring centre publishes: one row per school ×
 * year × assessment × subject. Column names in Russian or English, in any case; a comma or a
 * semicolon between fields; a decimal comma or point. Every problem is collected with its line
 * and column ({@code "line 3: mean_score"}, the header is line 1); a row is never skipped.
 */
final class ExternalScoresCsv {

    static final int MAX_ROWS = 100_000;

    /** A row read and checked: what to store. */
    record Row(long line, ExternalScore.Key key, double meanScore, int participants, Double belowPassShare) {}

    /** The file's rows, or the problems found (then no row is to be stored). */
    record Read(List<Row> rows, List<FieldError> errors) {}

    /** Our column → every header that names it (spaces and hyphens read as underscores). */
    static final Map<String, List<String>> COLUMNS = columns();

    private static Map<String, List<String>> columns() {
        Map<String, List<String>> c = new LinkedHashMap<>();
        c.put("school_id", List.of("school_id", "id_школы", "код_школы", "код_оо", "школа_id"));
        c.put("municipality", List.of("municipality", "муниципалитет", "муниципальное_образование", "мо", "район"));
        c.put("school", List.of("school", "school_name", "школа", "наименование_школы", "название_школы", "оо"));
        c.put("year", List.of("year", "год"));
        c.put("assessment", List.of("assessment", "процедура", "оценочная_процедура", "экзамен"));
        c.put("subject", List.of("subject", "предмет"));
        c.put("mean_score", List.of("mean_score", "mean", "средний_балл"));
        c.put("participants", List.of("participants", "участники", "число_участников", "участников"));
        c.put("below_pass_share", List.of("below_pass_share", "доля_ниже_порога", "доля_не_преодолевших_порог",
                "ниже_порога"));
        return c;
    }

    private ExternalScoresCsv() {
    }

    /**
     * @param schoolById         a school by id, if registered
     * @param schoolByName       a school by municipality and name, if registered
     */
    static Read read(String text, java.util.function.LongFunction<Optional<School>> schoolById,
                     BiFunction<String, String, Optional<School>> schoolByName) {
        String body = UploadedText.withoutBom(text);
        List<FieldError> errors = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        long nextLine = 1;
        try (CSVParser parser = CSVFormat.RFC4180.builder().setDelimiter(UploadedText.delimiter(body)).setHeader()
                .setSkipHeaderRecord(true).setAllowDuplicateHeaderNames(true).setIgnoreEmptyLines(true).get()
                .parse(new StringReader(body))) {
            Map<String, String> byName = header(parser.getHeaderNames(), errors);
            if (!errors.isEmpty()) {
                return new Read(List.of(), errors);
            }
            Map<ExternalScore.Key, Long> seen = new HashMap<>();
            long[] line = {0, 1}; // a position in the text and the line it is on
            nextLine = parser.getCurrentLineNumber() + 1;
            for (CSVRecord record : parser) {
                line = lineOf(body, record.getCharacterPosition(), line);
                long number = line[1];
                nextLine = parser.getCurrentLineNumber() + 1;
                if (rows.size() >= MAX_ROWS) {
                    errors.add(FieldError.of("line " + number, FieldCode.RANGE, 1, MAX_ROWS));
                    break;
                }
                if (!record.isConsistent()) {
                    errors.add(FieldError.of("line " + number, FieldCode.WRONG_TYPE, parser.getHeaderNames().size() + " columns"));
                    continue;
                }
                Row row = row(number, record, byName, schoolById, schoolByName, errors);
                if (row != null) {
                    Long first = seen.putIfAbsent(row.key(), number);
                    if (first != null) {
                        errors.add(FieldError.of("line " + number, FieldCode.DUPLICATE, first));
                    } else {
                        rows.add(row);
                    }
                }
            }
        } catch (UncheckedIOException e) {
            // the record starting on that line never ends well (an unclosed quote, text after a closing one)
            errors.add(FieldError.of("line " + nextLine, FieldCode.CSV_MALFORMED_AT, String.valueOf(nextLine)));
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            errors.add(FieldError.of("file", FieldCode.CSV_MALFORMED));
        }
        if (errors.isEmpty() && rows.isEmpty()) {
            errors.add(FieldError.of("file", FieldCode.REQUIRED));
        }
        return new Read(errors.isEmpty() ? rows : List.of(), errors);
    }

    /** Our column → the file's header; each unknown, repeated or missing column is an error. */
    private static Map<String, String> header(List<String> names, List<FieldError> errors) {
        Map<String, String> ours = new HashMap<>();
        COLUMNS.forEach((column, aliases) -> aliases.forEach(a -> ours.put(a, column)));
        Map<String, String> byName = new LinkedHashMap<>();
        for (String name : names) {
            String column = ours.get(name.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_"));
            if (column == null) {
                errors.add(FieldError.of("header: " + name, FieldCode.UNKNOWN_COLUMN, name));
            } else if (byName.containsKey(column)) {
                errors.add(FieldError.of("header: " + name, FieldCode.DUPLICATE, column));
            } else {
                byName.put(column, name);
            }
        }
        for (String needed : List.of("year", "assessment", "subject", "mean_score", "participants")) {
            if (!byName.containsKey(needed)) {
                errors.add(FieldError.of("header: " + needed, FieldCode.MISSING_COLUMN, needed));
            }
        }
        if (!byName.containsKey("school_id") && !(byName.containsKey("municipality") && byName.containsKey("school"))) {
            errors.add(FieldError.of("header: school_id", FieldCode.MISSING_COLUMN, "school_id / municipality + school"));
        }
        return byName;
    }

    private static Row row(long line, CSVRecord record, Map<String, String> byName,
                           java.util.function.LongFunction<Optional<School>> schoolById,
                           BiFunction<String, String, Optional<School>> schoolByName, List<FieldError> errors) {
        int before = errors.size();
        String at = "line " + line + ": ";
        Long school = null;
        String id = cell(record, byName, "school_id");
        if (!id.isEmpty()) {
            school = id.matches("\\d{1,18}") ? schoolById.apply(Long.parseLong(id)).map(School::id).orElse(null) : null;
            if (school == null) {
                errors.add(FieldError.of(at + byName.get("school_id"), FieldCode.UNKNOWN_REFERENCE, id));
            }
        } else if (byName.containsKey("municipality") && byName.containsKey("school")) {
            String municipality = cell(record, byName, "municipality");
            String name = cell(record, byName, "school");
            if (name.isEmpty()) {
                errors.add(FieldError.of(at + byName.get("school"), FieldCode.REQUIRED));
            } else {
                school = schoolByName.apply(municipality, name).map(School::id).orElse(null);
                if (school == null) {
                    errors.add(FieldError.of(at + byName.get("school"), FieldCode.UNKNOWN_REFERENCE, municipality + ", " + name));
                }
            }
        } else {
            errors.add(FieldError.of(at + byName.get("school_id"), FieldCode.REQUIRED));
        }
        Integer year = ExternalScores.year(at + byName.get("year"), cell(record, byName, "year"), errors);
        String assessment = ExternalScores.assessment(at + byName.get("assessment"), cell(record, byName, "assessment"), errors);
        String subject = ExternalScores.subject(at + byName.get("subject"), cell(record, byName, "subject"), errors);
        Double mean = ExternalScores.meanScore(at + byName.get("mean_score"), cell(record, byName, "mean_score"), errors);
        Integer participants = ExternalScores.participants(at + byName.get("participants"), cell(record, byName, "participants"), errors);
        Double share = ExternalScores.share(at + byName.get("below_pass_share"), cell(record, byName, "below_pass_share"), errors);
        if (errors.size() > before) {
            return null;
        }
        return new Row(line, new ExternalScore.Key(school, year, assessment, subject), mean, participants, share);
    }

    /**
     * The line (from 1) a record starts on, counted on from the last record's {@code at} (a
     * position and its line): quoted cells may hold line breaks, and blank lines are skipped.
     */
    private static long[] lineOf(String body, long position, long[] at) {
        long line = at[1];
        for (int i = (int) at[0]; i < position && i < body.length(); i++) {
            if (body.charAt(i) == '\n') {
                line++;
            }
        }
        return new long[] {position, line};
    }

    /** A cell's text ("" for an absent column, NA or a lone dot: nothing given). */
    private static String cell(CSVRecord record, Map<String, String> byName, String column) {
        String header = byName.get(column);
        if (header == null) {
            return "";
        }
        String c = SpreadsheetText.unneutralise(record.get(header)).strip();
        return c.equals("NA") || c.equals(".") ? "" : c;
    }

    /** Names compare as the registry keeps them: spaces collapsed, case aside. */
    static String nameKey(String name) {
        return Names.normalise("name", name, 10_000, new ArrayList<>()).toLowerCase(Locale.ROOT);
    }
}
