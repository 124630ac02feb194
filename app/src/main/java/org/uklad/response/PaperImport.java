package org.uklad.response;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.ItemType;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.questionnaire.LoadedQuestionnaire;
import org.uklad.system.Dates;
import org.uklad.system.ErrorCode;
import org.uklad.system.Hashes;
import org.uklad.system.Jdbc;
import org.uklad.system.FieldError;
import org.uklad.system.FieldCode;
import org.uklad.system.Names;
import org.uklad.system.ProblemException;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

import static org.uklad.system.SpreadsheetText.unneutralise;

/**
 * Import of paper-collected responses in the layout {@link ResponseExport} writes: every row is
 * checked like an online submission, and either all rows are stored or none, with each rejected
 * row and column reported. Each row's idempotency key is derived from the file's content, the row
 * number and the wave, school and version it is imported into, so importing the same file twice
 * into the same place stores it once, and into another place stores it there. Imported rows are
 * held and published with their group like online submissions ({@link ResponseRelease}).
 */
@Singleton
public class PaperImport {

    static final int MAX_ROWS = 5_000;
    private static final List<String> FIXED = ResponseExport.FIXED;

    private final Jdbc jdbc;
    private final ResponseStore store;
    private final ResponseRelease release;
    private final Waves waves;

    PaperImport(Jdbc jdbc, ResponseStore store, ResponseRelease release, Waves waves) {
        this.jdbc = jdbc;
        this.store = store;
        this.release = release;
        this.waves = waves;
    }

    /** Outcome of an import: rows stored now, and rows found already stored by an earlier import of the same file. */
    @io.micronaut.serde.annotation.Serdeable
    public record ImportReport(int rows, int stored, int alreadyPresent) {}

    /**
     * Imports paper-collected responses into a wave and school: all rows valid, or nothing stored.
     *
     * @throws ProblemException {@link ErrorCode#VALIDATION_FAILED} naming each bad row and column
     */
    public ImportReport importResponses(long waveId, long schoolId, LoadedQuestionnaire q, String text) {
        return importResponses(waveId, schoolId, q, text, null);
    }

    /**
     * Imports paper-collected responses, reading what R, SPSS and a Russian Excel write: a comma or
     * (when the header has semicolons and no commas) a semicolon between fields; {@code NA},
     * {@code .} and an empty cell as no answer; column names in any case ({@code A1} is item
     * {@code a1}); whole numbers written {@code 4.0} or {@code 4,0}; and, when the file has no
     * {@code group_label} column, every row in {@code groupLabel}.
     *
     * @param groupLabel the group of every row when the file has no {@code group_label} column
     * @throws ProblemException {@link ErrorCode#VALIDATION_FAILED} naming each bad row and column
     */
    public ImportReport importResponses(long waveId, long schoolId, LoadedQuestionnaire q, String text,
                                        @io.micronaut.core.annotation.Nullable String groupLabel) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        Questionnaire questionnaire = q.questionnaire();
        Map<String, String> known = new java.util.HashMap<>();
        FIXED.forEach(f -> known.put(f, f));
        questionnaire.items().forEach(i -> known.put(i.id().toLowerCase(java.util.Locale.ROOT), i.id()));
        String fixedGroup = groupLabel == null || groupLabel.isBlank() ? null
                : Names.normalise("groupLabel", groupLabel, Waves.GROUP_LABEL_MAX);
        List<FieldError> errors = new ArrayList<>();
        List<ImportedRow> rows = new ArrayList<>();
        Wave wave = waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        LocalDate firstDay = LocalDate.ofInstant(wave.opensAt(), ZoneOffset.UTC).minusDays(1);
        LocalDate lastDay = LocalDate.ofInstant(wave.closesAt(), ZoneOffset.UTC).plusDays(1);
        long nextLine = 1;
        try (CSVParser parser = CSVFormat.RFC4180.builder().setDelimiter(delimiter(body)).setHeader().setSkipHeaderRecord(true)
                .setAllowDuplicateHeaderNames(false).get().parse(new StringReader(body))) {
            // the file's column → our name (fixed column or item id), case aside
            Map<String, String> columns = new LinkedHashMap<>();
            for (String column : parser.getHeaderNames()) {
                String ours = known.get(column.strip().toLowerCase(java.util.Locale.ROOT));
                if (ours == null) {
                    errors.add(FieldError.of("header: " + column, FieldCode.UNKNOWN_ITEM));
                } else if (columns.containsValue(ours)) {
                    errors.add(FieldError.of("header: " + column, FieldCode.DUPLICATE));
                } else {
                    columns.put(column, ours);
                }
            }
            Map<String, String> byName = new java.util.HashMap<>();
            columns.forEach((file, ours) -> byName.put(ours, file));
            List<String> header = List.copyOf(byName.keySet());
            if (!header.contains("group_label") && fixedGroup == null) {
                errors.add(FieldError.of("header: group_label", FieldCode.REQUIRED));
            }
            if (!errors.isEmpty()) {
                throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
            }
            nextLine = parser.getCurrentLineNumber() + 1;
            for (CSVRecord record : parser) {
                long rowNumber = record.getRecordNumber() + 1; // the header is line 1
                nextLine = parser.getCurrentLineNumber() + 1;
                if (rows.size() >= MAX_ROWS) {
                    errors.add(FieldError.of("row " + rowNumber, FieldCode.RANGE, 1, MAX_ROWS));
                    break;
                }
                if (!record.isConsistent()) {
                    errors.add(FieldError.of("row " + rowNumber, FieldCode.WRONG_TYPE, parser.getHeaderNames().size() + " columns"));
                    continue;
                }
                String group = header.contains("group_label") && !missing(record.get(byName.get("group_label")))
                        ? Names.normalise("row " + rowNumber + ": group_label", unneutralise(record.get(byName.get("group_label"))),
                                Waves.GROUP_LABEL_MAX, errors)
                        : fixedGroup != null ? fixedGroup
                        : Names.normalise("row " + rowNumber + ": group_label", "", Waves.GROUP_LABEL_MAX, errors);
                LocalDate day = LocalDate.now();
                if (header.contains("submitted_on") && !missing(record.get(byName.get("submitted_on")))) {
                    try {
                        day = LocalDate.parse(record.get(byName.get("submitted_on")).strip());
                        // a paper form is dated within its wave; a day's slack for time zones and late entry
                        Dates.check("row " + rowNumber + ": submitted_on", day, firstDay, lastDay, errors);
                    } catch (java.time.format.DateTimeParseException e) {
                        errors.add(FieldError.of("row " + rowNumber + ": submitted_on", FieldCode.WRONG_TYPE, "YYYY-MM-DD"));
                    }
                }
                Map<String, Object> raw = new LinkedHashMap<>();
                for (Item item : questionnaire.items()) {
                    if (!header.contains(item.id())) {
                        continue;
                    }
                    String cell = unneutralise(record.get(byName.get(item.id())));
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
                rows.add(new ImportedRow(rowNumber, group, day, outcome.answers()));
            }
        } catch (UncheckedIOException e) {
            // the record starting on that line never ends well (an unclosed quote, text after a closing one)
            errors.add(FieldError.of("line " + nextLine, FieldCode.CSV_MALFORMED_AT, String.valueOf(nextLine)));
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            if (e instanceof ProblemException) {
                throw (ProblemException) e;
            }
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, List.of(FieldError.of("file", FieldCode.WRONG_TYPE, "CSV (RFC 4180)")));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        String fileKey = Hashes.sha256Hex(body).substring(0, 32);
        int stored = jdbc.inTransaction(() -> {
            int n = 0;
            for (ImportedRow row : rows) {
                String payload = SubmissionService.fingerprint(waveId, schoolId, q.versionId(), row.group(), row.answers());
                if (store.hold(paperKey(waveId, schoolId, q.versionId(), fileKey, row.number()), payload,
                        new ResponseStore.Group(waveId, schoolId, q.versionId(), row.group()), row.day(), row.answers())) {
                    n++;
                }
            }
            return n;
        });
        rows.stream().map(r -> new ResponseStore.Group(waveId, schoolId, q.versionId(), r.group())).distinct()
                .forEach(release::offer);
        return new ImportReport(rows.size(), stored, rows.size() - stored);
    }

    /**
     * A paper row's idempotency key: the file, the row and where it is imported (wave, school,
     * version), so the same file imported into another school or wave is stored there too, and a
     * row counted as already present really is present in this place. Migration V11 rewrote the
     * keys of earlier imports the same way.
     */
    static String paperKey(long waveId, long schoolId, long versionId, String fileKey, long rowNumber) {
        String place = Hashes.sha256Hex(waveId + "|" + schoolId + "|" + versionId + "|" + fileKey).substring(0, 32);
        return "paper:" + place + ":" + rowNumber;
    }

    /** A whole number with a zero fraction, as R, SPSS or Excel may write it. */
    private static final java.util.regex.Pattern WHOLE = java.util.regex.Pattern.compile("-?\\d+[.,]0+");

    /** No answer, as a spreadsheet or a statistics package writes it: empty, {@code NA} (R) or {@code .} (SPSS, SAS). */
    static boolean missing(String cell) {
        String c = cell.strip();
        return c.isEmpty() || c.equals("NA") || c.equals(".");
    }

    /** A semicolon when the header line has semicolons and no commas (Russian Excel), else a comma. */
    static char delimiter(String body) {
        return org.uklad.system.UploadedText.delimiter(body);
    }

    record ImportedRow(long number, String group, LocalDate day, List<StoredAnswer> answers) {}
}
