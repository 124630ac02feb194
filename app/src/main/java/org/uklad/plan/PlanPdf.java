package org.uklad.plan;

import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.uklad.audit.AuditLog;
import org.uklad.system.Messages;
import org.uklad.system.PdfKit;
import org.uklad.system.ReportFormat;
import org.uklad.system.ReportFormats;

/**
 * The plan-and-fact table as an A4 landscape PDF: the page's rows (the texts of {@link
 * PlanPresenter}, so every figure is exactly the page's), each indicator's places and what is behind
 * each figure below it. The status is printed as its word (the embedded font has no ✓ ○ ✗).
 */
@Singleton
class PlanPdf {

    private static final float MARGIN = 36;
    private static final PdfKit.Sizes SIZES = new PdfKit.Sizes(16, 12, 10, 8.5f, 7, 11);

    private final PdfKit kit;
    private final Messages messages;
    private final PlanPresenter presenter;
    private final ReportFormats formats;
    private final AuditLog audit;

    PlanPdf(PdfKit kit, Messages messages, PlanPresenter presenter, ReportFormats formats, AuditLog audit) {
        this.kit = kit;
        this.messages = messages;
        this.presenter = presenter;
        this.formats = formats;
        this.audit = audit;
    }

    /** The PDF as a download, audited. */
    HttpResponse<byte[]> download(Plan.Table table, Locale locale) {
        byte[] bytes = render(table, locale, Instant.now());
        audit.record(AuditLog.Action.PDF_DOWNLOADED, "plan", "plan and fact, " + locale.getLanguage());
        String name = "uklad-plan-" + table.today() + "-" + locale.getLanguage() + ".pdf";
        return HttpResponse.ok(bytes).contentType(MediaType.of("application/pdf"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    byte[] render(Plan.Table table, Locale locale, Instant generatedAt) {
        ReportFormat f = formats.of(locale);
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        Document doc = new Document(PageSize.A4.rotate(), MARGIN, MARGIN, MARGIN, MARGIN + 14);
        String title = t(locale, "plan.title");
        PdfKit.Type type = kit.type(SIZES);
        try {
            kit.open(doc, out, new PdfKit.Metadata(title, t(locale, "plan.pdf.subject"), t(locale, "app.name"), locale,
                    generatedAt, f.zone()));
            doc.add(new Paragraph(title, type.titleFont()));
            doc.add(type.text(t(locale, "plan.asOf", f.date(table.today()))));
            List<PlanPages.LineView> lines = presenter.lines(table, locale);
            if (lines.isEmpty()) {
                doc.add(type.text(t(locale, "plan.none")));
            } else {
                doc.add(table(lines, locale, type));
            }
            doc.add(type.note(t(locale, "plan.statusRule")));
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("Writing the plan PDF", e);
        }
        String left = t(locale, "plan.pdf.footer", f.dateTime(generatedAt), f.zone().getId());
        return kit.stampFooter(out.toByteArray(), new PdfKit.Footer(MARGIN, MARGIN - 8, left,
                (page, pages) -> t(locale, "plan.pdf.page", Integer.toString(page), Integer.toString(pages))));
    }

    private PdfPTable table(List<PlanPages.LineView> lines, Locale locale, PdfKit.Type type) throws DocumentException {
        Font body = type.bodyFont();
        Font bold = kit.fonts().font(SIZES.body(), true);
        Font small = type.noteFont();
        PdfPTable table = new PdfPTable(new float[] {0.4f, 4.5f, 1.4f, 1.2f, 1.6f, 1.1f});
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        for (String h : List.of("plan.col.number", "plan.col.indicator", "plan.col.plan", "plan.col.due", "plan.col.fact",
                "plan.col.status")) {
            table.addCell(cell(t(locale, h), bold));
        }
        int n = 0;
        for (PlanPages.LineView l : lines) {
            table.addCell(cell(Integer.toString(++n), body));
            PdfPCell name = cell("", body);   // composite: the name, then its details below it
            name.addElement(new Paragraph(l.name(), body));
            name.addElement(new Paragraph(l.level() + " · " + l.source(), small));
            for (String b : l.behind()) {
                name.addElement(new Paragraph("· " + b, small));
            }
            for (PlanPages.PartView p : l.parts()) {
                name.addElement(new Paragraph(p.place() + ": " + p.fact() + " — " + p.status().word(), small));
            }
            table.addCell(name);
            table.addCell(cell(l.plan(), body));
            table.addCell(cell(l.due(), body));
            table.addCell(cell(l.fact(), body));
            table.addCell(cell(l.status().word(), bold));
        }
        return table;
    }

    private static PdfPCell cell(String text, Font font) {
        PdfPCell c = new PdfPCell(new Phrase(text, font));
        c.setVerticalAlignment(Element.ALIGN_TOP);
        c.setHorizontalAlignment(Element.ALIGN_LEFT);
        c.setPadding(3);
        c.setBorderWidth(0.4f);
        return c;
    }

    private String t(Locale locale, String key, Object... args) {
        return messages.get(key, locale, args);
    }
}
