package org.uklad.focusgroup;

import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.uklad.focusgroup.Focus.Excerpt;
import org.uklad.focusgroup.Focus.NewExcerpt;
import org.uklad.focusgroup.Focus.Sentiment;
import org.uklad.focusgroup.Focus.Session;
import org.uklad.system.SpreadsheetText;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldError;
import org.uklad.system.FieldCode;
import org.uklad.system.ProblemException;

/**
 * Coded excerpts of a school's focus groups in a wave as CSV, for QualCoder or a spreadsheet, and
 * the import of the same layout (after recoding elsewhere).
 *
 * <p>Layout: UTF-8 with a byte order mark (so Excel reads Cyrillic), RFC 4180 (comma, CRLF, double
 * quotes), one header row: {@value #HEADER}. {@code tags} are separated by commas;
 * {@code representative} is {@code yes} or {@code no}. A cell starting with {@code = + - @}, a tab
 * or a carriage return gets a leading apostrophe so that no spreadsheet runs it as a formula; the
 * import removes that apostrophe again.
 *
 * <p>Import: every row names a session of the same school and wave; a row with the
 * {@code excerpt_id} of an excerpt of that session updates it (question, text, code, sentiment,
 * tags, representative), a row with an empty {@code excerpt_id} adds a new excerpt. {@code audience}
 * and {@code held_on} are for reading only. Every row is checked first; one bad row stores nothing.
 */
@Singleton
public class FocusCsv {

    static final String HEADER = "excerpt_id,session_id,audience,held_on,question_id,code,sentiment,tags,representative,text";
    static final List<String> COLUMNS = List.of(HEADER.split(","));
    static final Set<String> REQUIRED = Set.of("session_id", "code", "sentiment", "text");
    static final int MAX_ROWS = 5000;
    private static final String BOM = "\uFEFF";
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    private final FocusSessions sessions;
    private final FocusCoding coding;

    FocusCsv(FocusSessions sessions, FocusCoding coding) {
        this.sessions = sessions;
        this.coding = coding;
    }

    public record ImportReport(int rows, int inserted, int updated) {}

    public String export(Authentication auth, long schoolId, long waveId) {
        Map<Long, Session> byId = new HashMap<>();
        sessions.sessions(auth, schoolId, waveId).forEach(s -> byId.put(s.id(), s));
        List<Excerpt> excerpts = coding.excerptsOf(byId.keySet());
        StringWriter out = new StringWriter();
        out.write(BOM);
        try (CSVPrinter csv = new CSVPrinter(out, FORMAT)) {
            csv.printRecord(COLUMNS);
            for (Excerpt e : excerpts) {
                Session s = byId.get(e.sessionId());
                csv.printRecord(e.id(), e.sessionId(), s.audience().name(), s.heldOn(),
                        SpreadsheetText.neutralise(e.questionId()), SpreadsheetText.neutralise(e.code()),
                        e.sentiment().name(), SpreadsheetText.neutralise(String.join(", ", e.tags())),
                        e.representative() ? "yes" : "no", SpreadsheetText.neutralise(e.text()));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }

    public ImportReport importCsv(Authentication auth, long schoolId, long waveId, String text) {
        Map<Long, Session> ofWave = new HashMap<>();
        sessions.sessions(auth, schoolId, waveId).forEach(s -> ofWave.put(s.id(), s));
        String body = text.startsWith(BOM) ? text.substring(1) : text;
        List<FieldError> errors = new ArrayList<>();
        List<Excerpt> rows = new ArrayList<>();
        Map<Long, Long> excerptSession = new HashMap<>();
        coding.excerptsOf(ofWave.keySet()).forEach(e -> excerptSession.put(e.id(), e.sessionId()));
        Set<String> codes = coding.codes();
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(body))) {
            List<String> header = parser.getHeaderNames();
            for (String required : REQUIRED) {
                if (!header.contains(required)) {
                    errors.add(FieldError.of("header", FieldCode.MISSING_COLUMN, required));
                }
            }
            for (String h : header) {
                if (!COLUMNS.contains(h)) {
                    errors.add(FieldError.of("header", FieldCode.UNKNOWN_COLUMN, h.length() > 40 ? "" : h));
                }
            }
            if (!errors.isEmpty()) {
                throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
            }
            Set<Long> seenIds = new java.util.HashSet<>();
            for (CSVRecord r : parser) {
                if (rows.size() >= MAX_ROWS) {
                    errors.add(FieldError.of("rows", FieldCode.RANGE, 1, MAX_ROWS));
                    break;
                }
                String prefix = "row " + (r.getRecordNumber() + 1) + ".";
                Session s = null;
                try {
                    s = ofWave.get(Long.parseLong(cell(r, "session_id")));
                } catch (NumberFormatException ignored) {
                    // reported below
                }
                if (s == null) {
                    String v = cell(r, "session_id");
                    errors.add(FieldError.of(prefix + "session_id", FieldCode.UNKNOWN_REFERENCE, v.length() > 20 ? "" : v));
                    continue;
                }
                long id = 0;
                String idCell = cell(r, "excerpt_id");
                if (!idCell.isEmpty()) {
                    try {
                        id = Long.parseLong(idCell);
                    } catch (NumberFormatException e) {
                        id = -1;
                    }
                    if (id <= 0 || !Long.valueOf(s.id()).equals(excerptSession.get(id)) || !seenIds.add(id)) {
                        errors.add(FieldError.of(prefix + "excerpt_id", FieldCode.UNKNOWN_REFERENCE,
                                idCell.length() > 20 ? "" : idCell));
                        continue;
                    }
                }
                Sentiment sentiment = null;
                String sv = cell(r, "sentiment").toUpperCase(Locale.ROOT);
                for (Sentiment x : Sentiment.values()) {
                    if (x.name().equals(sv)) {
                        sentiment = x;
                    }
                }
                if (sentiment == null && !sv.isEmpty()) {
                    errors.add(FieldError.of(prefix + "sentiment", FieldCode.WRONG_TYPE, "POSITIVE | NEGATIVE | MIXED"));
                    continue;
                }
                String rep = cell(r, "representative").toLowerCase(Locale.ROOT);
                boolean representative = rep.equals("yes") || rep.equals("true") || rep.equals("1") || rep.equals("да");
                Excerpt e = coding.check(s, new NewExcerpt(cell(r, "question_id"), cell(r, "text"), cell(r, "code"),
                        sentiment, List.of(cell(r, "tags")), representative), codes, prefix, errors);
                rows.add(new Excerpt(id, s.id(), e.questionId(), e.text(), e.code(), e.sentiment(), e.tags(),
                        e.representative()));
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException ex) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, List.of(FieldError.of("csv", FieldCode.CSV_MALFORMED)));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors.size() > 50 ? errors.subList(0, 50) : errors);
        }
        FocusCoding.Stored done = coding.storeImported(rows);
        return new ImportReport(rows.size(), done.inserted(), done.updated());
    }

    private static String cell(CSVRecord r, String column) {
        if (!r.isMapped(column) || !r.isSet(column)) {
            return "";
        }
        return SpreadsheetText.unneutralise(r.get(column)).strip();
    }
}
