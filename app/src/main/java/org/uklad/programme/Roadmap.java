package org.uklad.programme;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.uklad.programme.ProgrammeRecords.IndicatorKind;
import org.uklad.programme.ProgrammeRecords.Measure;
import org.uklad.programme.ProgrammeRecords.Programme;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.SpreadsheetText;

/**
 * The road map: every measure of the programmes a user may read (the coordinator: of the region or
 * one municipality) with its status, overdue measures first (due before today and neither done nor
 * dropped), then by due day. The CSV export carries the same rows, UTF-8 with a byte-order mark
 * (Excel reads it as UTF-8), every text cell {@link SpreadsheetText neutralised} against formulas.
 */
@Singleton
public class Roadmap {

    static final List<String> COLUMNS = List.of("municipality", "supported_school", "mentor_school", "programme_id",
            "programme", "measure_id", "measure", "owner", "risk_factor", "indicator", "baseline", "target", "starts_on",
            "due_on", "status", "overdue");
    private static final String BOM = "\uFEFF";
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    private final Programmes programmes;
    private final Schools schools;

    Roadmap(Programmes programmes, Schools schools) {
        this.programmes = programmes;
        this.schools = schools;
    }

    /** One measure of the road map with its programme's schools. */
    public record Row(Programme programme, Measure measure, String municipality, String supportedSchool,
                      @Nullable String mentorSchool, boolean overdue) {}

    /** The road map's rows as of {@code today}: overdue first, then by due day, school and measure. */
    public List<Row> rows(Authentication auth, @Nullable String municipality, LocalDate today) {
        Map<Long, School> byId = schools.all().stream().collect(Collectors.toMap(School::id, s -> s));
        List<Row> out = new ArrayList<>();
        for (Programmes.Detail d : programmes.details(auth, programmes.list(auth, municipality))) {
            Programme p = d.programme();
            School supported = byId.get(p.supportedSchoolId());
            School mentor = p.mentorSchoolId() == null ? null : byId.get(p.mentorSchoolId());
            for (Programmes.MeasureDetail m : d.measures()) {
                out.add(new Row(p, m.measure(), supported == null ? "" : supported.municipality(),
                        supported == null ? "" : supported.name(), mentor == null ? null : mentor.name(),
                        m.measure().overdueOn(today)));
            }
        }
        out.sort(Comparator.comparing((Row r) -> !r.overdue()).thenComparing(r -> r.measure().dueOn())
                .thenComparing(Row::supportedSchool).thenComparing(r -> r.measure().id()));
        return List.copyOf(out);
    }

    /** How a CSV row names an indicator: {@code questionnaire/construct} or {@code assessment: subject}. */
    static String indicator(Measure m) {
        return m.indicatorKind() == IndicatorKind.CONSTRUCT ? m.questionnaireKey() + "/" + m.constructId()
                : m.assessment() + ": " + m.subject();
    }

    /** The rows as CSV (machine column names, codes for owner and status, ISO days, figures with a point). */
    public String csv(List<Row> rows) {
        StringWriter out = new StringWriter();
        out.write(BOM);
        try (CSVPrinter csv = new CSVPrinter(out, FORMAT)) {
            csv.printRecord(COLUMNS);
            for (Row r : rows) {
                Measure m = r.measure();
                csv.printRecord(text(r.municipality()), text(r.supportedSchool()), text(r.mentorSchool()), r.programme().id(),
                        text(r.programme().title()), m.id(), text(m.title()), m.owner().name(), text(m.riskFactor()),
                        text(indicator(m)), number(m.baselineValue()), number(m.targetValue()), m.startsOn(), m.dueOn(),
                        m.status().name(), r.overdue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String text(@Nullable String s) {
        return SpreadsheetText.neutralise(s == null ? "" : s);
    }

    private static String number(@Nullable Double x) {
        return x == null ? "" : String.valueOf(Math.round(x * 10) / 10.0);
    }
}
