package org.uklad.programme;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.uklad.audit.AuditLog;
import org.uklad.programme.EffectStore.MeasureRow;
import org.uklad.programme.EffectStore.ProgrammeRow;
import org.uklad.system.Messages;
import org.uklad.system.PdfKit;
import org.uklad.system.ReportFormat;
import org.uklad.system.ReportFormats;

/**
 * A support programme's report in the shape a region files (A4 landscape, ru/en): the pair, the
 * risks it addresses, its goals, then one table row per measure (what is done, responsible role,
 * risk, indicator, baseline / target / actual value, start and due dates, status) and, per measure,
 * the measured effect in the words and figures of {@link EffectPresenter} (the page's). Baseline is
 * the measure's stored baseline value, else the school's value at the baseline wave (year); actual is
 * the school's value at the latest wave (year) with the indicator shown; a dash where there is none.
 */
@Singleton
class ProgrammePdf {

    private static final float MARGIN = 36;
    private static final PdfKit.Sizes SIZES = new PdfKit.Sizes(16, 12.5f, 10.5f, 9, 7, 12);

    private final PdfKit kit;
    private final Messages messages;
    private final ReportFormats formats;
    private final EffectStore store;
    private final MeasuredEffects effects;
    private final EffectPresenter presenter;
    private final AuditLog audit;

    ProgrammePdf(PdfKit kit, Messages messages, ReportFormats formats, EffectStore store, MeasuredEffects effects,
                 EffectPresenter presenter, AuditLog audit) {
        this.kit = kit;
        this.messages = messages;
        this.formats = formats;
        this.store = store;
        this.effects = effects;
        this.presenter = presenter;
        this.audit = audit;
    }

    /** The report as a download, audited. */
    HttpResponse<byte[]> download(long programmeId, Locale locale) {
        byte[] bytes = render(programmeId, locale, Instant.now());
        audit.record(AuditLog.Action.PDF_DOWNLOADED, "programme " + programmeId, "programme report, " + locale.getLanguage());
        String name = "uklad-programme-" + programmeId + "-" + locale.getLanguage() + ".pdf";
        return HttpResponse.ok(bytes).contentType(MediaType.of("application/pdf"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    byte[] render(long programmeId, Locale locale, Instant generatedAt) {
        MeasuredEffects.ProgrammeEffects e = effects.of(programmeId);
        ProgrammeRow p = store.programme(programmeId).orElseThrow();
        Map<Long, MeasureRow> rows = store.measures(programmeId).stream()
                .collect(Collectors.toMap(MeasureRow::id, Function.identity()));
        ReportFormat f = formats.of(locale);
        PdfKit.Type type = kit.type(SIZES);
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        Document doc = new Document(PageSize.A4.rotate(), MARGIN, MARGIN, MARGIN, MARGIN + 14);
        String title = t(locale, "effect.pdf.title", e.title());
        try {
            kit.open(doc, out, new PdfKit.Metadata(title, t(locale, "effect.pdf.subject"), t(locale, "app.name"), locale,
                    generatedAt, f.zone()));
            doc.add(new org.openpdf.text.Paragraph(title, type.titleFont()));
            doc.add(type.paragraph(t(locale, "effect.pdf.pair", e.supportedSchool(),
                    e.mentorSchool() == null ? t(locale, "effect.pdf.no-mentor") : e.mentorSchool())));
            doc.add(type.heading(t(locale, "effect.pdf.risks"), 8));
            doc.add(type.paragraph(p.risks().isEmpty() ? "—" : String.join(", ", p.risks())));
            doc.add(type.heading(t(locale, "effect.pdf.goals"), 8));
            doc.add(type.paragraph(p.goals().isBlank() ? "—" : p.goals()));
            doc.add(type.heading(t(locale, "effect.pdf.measures"), 8));
            if (e.measures().isEmpty()) {
                doc.add(type.paragraph(t(locale, "effect.pdf.no-measures")));
            } else {
                doc.add(measures(e.measures(), rows, type, locale, f));
                doc.add(type.heading(t(locale, "effect.title"), 10));
                doc.add(type.note(t(locale, "effect.pdf.rule", e.minGroupSize())));
                for (MeasureEffect m : e.measures()) {
                    EffectPresenter.MeasureEffectView v = presenter.view(m, locale);
                    doc.add(type.subheading(v.measure(), 8));
                    doc.add(type.text(v.indicator() + " · " + v.baseline()));
                    if (v.none() != null) {
                        doc.add(type.paragraph(v.none()));
                    }
                    for (EffectPresenter.StepView s : v.steps()) {
                        doc.add(type.paragraph(s.symbol() + " " + s.sentence()));
                        if (s.measured()) {
                            doc.add(type.note(t(locale, "effect.figures.school") + ": " + s.school()));
                            doc.add(type.note(t(locale, "effect.figures.reference") + ": " + s.reference()));
                            doc.add(type.note(t(locale, "effect.figures.difference") + ": " + s.difference()));
                            doc.add(type.note(t(locale, "effect.figures.comparison") + ": " + s.comparison()));
                        }
                    }
                }
            }
            doc.close();
        } catch (DocumentException ex) {
            throw new IllegalStateException("Writing the programme report", ex);
        }
        String left = t(locale, "effect.pdf.footer", f.dateTime(generatedAt), f.zone().getId());
        return kit.stampFooter(out.toByteArray(), new PdfKit.Footer(MARGIN, MARGIN - 8, left,
                (page, pages) -> t(locale, "effect.pdf.page", Integer.toString(page), Integer.toString(pages))));
    }

    private PdfPTable measures(List<MeasureEffect> effects, Map<Long, MeasureRow> rows, PdfKit.Type type, Locale locale,
                               ReportFormat f) throws DocumentException {
        Font head = type.subheadingFont();
        Font body = type.noteFont();
        PdfPTable table = new PdfPTable(9);
        table.setWidthPercentage(100);
        table.setWidths(new float[] {19, 10, 9, 16, 9, 7, 7, 14, 9});
        table.setHeaderRows(1);
        for (String col : List.of("measure", "owner", "risk", "indicator", "baseline", "target", "actual", "dates", "status")) {
            table.addCell(cell(t(locale, "effect.pdf.col." + col), head));
        }
        for (MeasureEffect m : effects) {
            MeasureRow r = rows.get(m.measureId());
            List<MeasureEffect.Step> shown = m.steps().stream().filter(MeasureEffect.Step::measured).toList();
            Double baseline = r.baselineValue() != null ? r.baselineValue()
                    : shown.isEmpty() ? null : shown.getFirst().school().baseline();
            Double actual = shown.isEmpty() ? null : shown.getLast().school().later();
            table.addCell(cell(m.measure(), body));
            table.addCell(cell(t(locale, "effect.owner." + r.owner()), body));
            table.addCell(cell(r.riskFactor() == null ? "—" : r.riskFactor(), body));
            table.addCell(cell(f.russian() ? m.indicator().ru() : m.indicator().en(), body));
            table.addCell(number(baseline, f, body));
            table.addCell(number(r.targetValue(), f, body));
            table.addCell(number(actual, f, body));
            table.addCell(cell(f.date(r.startsOn()) + " – " + f.date(r.dueOn()), body));
            table.addCell(cell(t(locale, "effect.status." + r.status()), body));
        }
        return table;
    }

    private static PdfPCell number(Double x, ReportFormat f, Font font) {
        PdfPCell c = cell(x == null ? "—" : f.score(x), font);
        c.setHorizontalAlignment(Element.ALIGN_RIGHT);
        return c;
    }

    private static PdfPCell cell(String text, Font font) {
        PdfPCell c = new PdfPCell(new Phrase(text, font));
        c.setPadding(3);
        return c;
    }

    private String t(Locale locale, String key, Object... args) {
        return messages.get(key, locale, args);
    }
}
