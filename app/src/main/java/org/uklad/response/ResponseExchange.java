package org.uklad.response;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.uklad.questionnaires.ChoiceOption;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.ItemType;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.questionnaires.ResponseScale;
import org.uklad.survey.LoadedQuestionnaire;
import org.uklad.system.Dates;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldError;
import org.uklad.system.Names;
import org.uklad.system.ProblemException;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * Responses in and out as CSV for R, SPSS and Excel: one row per response, one column per item
 * (item ids as headers), UTF-8 with a byte-order mark so Excel reads Cyrillic, CRLF line ends.
 * Multiple-choice answers are option codes joined by {@code ;}. Free text and group labels that
 * start with {@code = + - @} (or a tab or CR) get a leading apostrophe, so a spreadsheet never
 * runs them as formulas; import removes it again.
 *
 * <p>Import of paper-collected responses uses the same layout: every row is checked like an
 * online submission, and either all rows are stored or none, with each rejected row and column
 * reported. Each row's idempotency key is derived from the file's content and the row number,
 * so importing the same file twice stores it once.
 */
@Singleton
public class ResponseExchange {

    static final List<String> FIXED = List.of("wave_id", "school_id", "questionnaire", "version", "group_label", "submitted_on");
    static final int MAX_ROWS = 5_000;
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    private final TransactionOperations<Connection> transactions;

    private final Waves waves;

    ResponseExchange(TransactionOperations<Connection> transactions, Waves waves) {
        this.transactions = transactions;
        this.waves = waves;
    }

    /** Writes the responses of one questionnaire version of a wave (optionally one school). */
    public String exportResponses(long waveId, LoadedQuestionnaire q, @Nullable Long schoolId) {
        List<Item> items = q.questionnaire().items();
        StringBuilder out = new StringBuilder("\uFEFF");
        try (CSVPrinter csv = new CSVPrinter(out, FORMAT)) {
            List<String> header = new ArrayList<>(FIXED);
            items.forEach(i -> header.add(i.id()));
            csv.printRecord(header);
            transactions.executeRead(status -> {
                Connection c = status.getConnection();
                try (PreparedStatement ps = c.prepareStatement("""
                        SELECT r.id, r.school_id, r.group_label, r.submitted_on, a.item_id, a.value_int, a.value_text, a.value_choices
                        FROM response r LEFT JOIN answer a ON a.response_id = r.id
                        WHERE r.wave_id = ? AND r.questionnaire_version_id = ? AND (?::bigint IS NULL OR r.school_id = ?)
                        ORDER BY r.school_id, r.group_label, r.id""")) {
                    ps.setFetchSize(1000);
                    ps.setLong(1, waveId);
                    ps.setLong(2, q.versionId());
                    ps.setObject(3, schoolId);
                    ps.setObject(4, schoolId);
                    try (ResultSet rs = ps.executeQuery()) {
                        Object current = null;
                        Map<String, String> cells = new LinkedHashMap<>();
                        List<String> fixed = null;
                        while (rs.next()) {
                            Object id = rs.getObject(1);
                            if (!id.equals(current)) {
                                if (current != null) {
                                    print(csv, fixed, items, cells);
                                }
                                current = id;
                                cells.clear();
                                fixed = List.of(String.valueOf(waveId), String.valueOf(rs.getLong(2)), q.key(),
                                        String.valueOf(q.version()), neutralise(rs.getString(3)), rs.getObject(4, LocalDate.class).toString());
                            }
                            String item = rs.getString(5);
                            if (item != null) {
                                cells.put(item, cell(rs));
                            }
                        }
                        if (current != null) {
                            print(csv, fixed, items, cells);
                        }
                    }
                } catch (SQLException | IOException e) {
                    throw new IllegalStateException(e);
                }
                return null;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String cell(ResultSet rs) throws SQLException {
        int v = rs.getInt(6);
        if (!rs.wasNull()) {
            return String.valueOf(v);
        }
        String text = rs.getString(7);
        if (text != null) {
            return neutralise(text);
        }
        Array choices = rs.getArray(8);
        return choices == null ? "" : String.join(";", (String[]) choices.getArray());
    }

    private static void print(CSVPrinter csv, List<String> fixed, List<Item> items, Map<String, String> cells) throws IOException {
        List<String> row = new ArrayList<>(fixed);
        items.forEach(i -> row.add(cells.getOrDefault(i.id(), "")));
        csv.printRecord(row);
    }

    /** The codebook: what each column means, for reading the export in R or SPSS. */
    public String exportCodebook(LoadedQuestionnaire loaded) {
        Questionnaire q = loaded.questionnaire();
        StringBuilder out = new StringBuilder("\uFEFF");
        try (CSVPrinter csv = new CSVPrinter(out, FORMAT)) {
            csv.printRecord("item_id", "type", "text_ru", "text_en", "construct", "reverse", "scale", "values", "required", "show_if");
            for (Item i : q.items()) {
                String values = switch (i.type()) {
                    case LIKERT -> {
                        ResponseScale s = q.scaleOf(i);
                        yield String.join("; ", s.points().stream().map(p -> p.value() + "=" + p.label().ru() + " / " + p.label().en()).toList());
                    }
                    case SINGLE, MULTIPLE -> String.join("; ", i.options().stream()
                            .map((ChoiceOption o) -> o.value() + "=" + o.label().ru() + " / " + o.label().en()).toList());
                    case NUMBER -> i.min() + ".." + i.max();
                    case TEXT -> "max " + i.maxLength() + " characters";
                };
                csv.printRecord(i.id(), i.type().name().toLowerCase(java.util.Locale.ROOT), neutralise(i.text().ru()),
                        neutralise(i.text().en()), i.construct() == null ? "" : i.construct(), i.reverse() ? "1" : "0",
                        i.scale() == null ? "" : i.scale(), neutralise(values), i.required() ? "1" : "0",
                        i.showIf() == null ? "" : i.showIf().item() + " in " + String.join(";", i.showIf().anyOf()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
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
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        Questionnaire questionnaire = q.questionnaire();
        Set<String> itemIds = new java.util.HashSet<>();
        questionnaire.items().forEach(i -> itemIds.add(i.id()));
        List<FieldError> errors = new ArrayList<>();
        List<ImportedRow> rows = new ArrayList<>();
        Wave wave = waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        LocalDate firstDay = LocalDate.ofInstant(wave.opensAt(), ZoneOffset.UTC).minusDays(1);
        LocalDate lastDay = LocalDate.ofInstant(wave.closesAt(), ZoneOffset.UTC).plusDays(1);
        long nextLine = 1;
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(body))) {
            List<String> header = parser.getHeaderNames();
            for (String column : header) {
                if (!FIXED.contains(column) && !itemIds.contains(column)) {
                    errors.add(FieldError.of("header: " + column, "unknown-item"));
                }
            }
            if (!header.contains("group_label")) {
                errors.add(FieldError.of("header: group_label", "required"));
            }
            if (!errors.isEmpty()) {
                throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
            }
            nextLine = parser.getCurrentLineNumber() + 1;
            for (CSVRecord record : parser) {
                long rowNumber = record.getRecordNumber() + 1; // the header is line 1
                nextLine = parser.getCurrentLineNumber() + 1;
                if (rows.size() >= MAX_ROWS) {
                    errors.add(FieldError.of("row " + rowNumber, "range", 1, MAX_ROWS));
                    break;
                }
                if (!record.isConsistent()) {
                    errors.add(FieldError.of("row " + rowNumber, "wrong-type", header.size() + " columns"));
                    continue;
                }
                String group = Names.normalise("row " + rowNumber + ": group_label", unneutralise(record.get("group_label")),
                        Waves.GROUP_LABEL_MAX, errors);
                LocalDate day = LocalDate.now();
                if (header.contains("submitted_on") && !record.get("submitted_on").isBlank()) {
                    try {
                        day = LocalDate.parse(record.get("submitted_on").strip());
                        // a paper form is dated within its wave; a day's slack for time zones and late entry
                        Dates.check("row " + rowNumber + ": submitted_on", day, firstDay, lastDay, errors);
                    } catch (java.time.format.DateTimeParseException e) {
                        errors.add(FieldError.of("row " + rowNumber + ": submitted_on", "wrong-type", "YYYY-MM-DD"));
                    }
                }
                Map<String, Object> raw = new LinkedHashMap<>();
                for (Item item : questionnaire.items()) {
                    if (!header.contains(item.id())) {
                        continue;
                    }
                    String cell = unneutralise(record.get(item.id()));
                    if (cell.isBlank()) {
                        continue;
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
            errors.add(FieldError.of("line " + nextLine, "csv-malformed-at", String.valueOf(nextLine)));
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            if (e instanceof ProblemException) {
                throw (ProblemException) e;
            }
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, List.of(FieldError.of("file", "wrong-type", "CSV (RFC 4180)")));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        String fileKey = sha256(body).substring(0, 32);
        int stored = transactions.executeWrite(status -> {
            int n = 0;
            for (ImportedRow row : rows) {
                UUID id = UUID.randomUUID();
                String payload = SubmissionService.fingerprint(waveId, schoolId, q.versionId(), row.group(), row.answers());
                if (SubmissionService.insertResponse(status.getConnection(), id, "paper:" + fileKey + ":" + row.number(), payload,
                        waveId, schoolId, q.versionId(), row.group(), row.day(),
                        SubmissionService.likertAnswers(questionnaire, row.answers()))) {
                    SubmissionService.insertAnswers(status.getConnection(), id, row.answers());
                    n++;
                }
            }
            return n;
        });
        return new ImportReport(rows.size(), stored, rows.size() - stored);
    }

    record ImportedRow(long number, String group, LocalDate day, List<StoredAnswer> answers) {}

    /** Keeps a spreadsheet from reading text as a formula. */
    public static String neutralise(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + text : text;
    }

    public static String unneutralise(String cell) {
        if (cell.length() > 1 && cell.charAt(0) == '\'') {
            char next = cell.charAt(1);
            if (next == '=' || next == '+' || next == '-' || next == '@' || next == '\t' || next == '\r') {
                return cell.substring(1);
            }
        }
        return cell;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
