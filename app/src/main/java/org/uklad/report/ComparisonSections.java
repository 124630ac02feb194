package org.uklad.report;

import java.util.List;
import java.util.Locale;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.uklad.indices.Comparison;
import org.uklad.indices.ProblemMatrix;
import org.uklad.system.Messages;
import org.uklad.system.PdfFonts;
import org.uklad.system.PdfKit;
import org.uklad.system.ReportFormat;

/**
 * The summary's comparison sections, by the rule of {@link org.uklad.indices.Verdict} as on the
 * dashboard: "change since the previous wave" (a table under the overview: then, now, the
 * difference with its 95% interval, Hedges' g and the words) and the problem matrix (management,
 * teaching, school culture; each construct marked with a symbol and a word, so it reads in black and
 * white). A comparison with "too few answers" prints the words and no number.
 */
final class ComparisonSections {

    private final PdfFonts fonts;
    private final PdfKit.Type type;
    private final Messages messages;

    private final SummaryCells cells;

    ComparisonSections(PdfKit kit, Messages messages) {
        this.fonts = kit.fonts();
        this.type = kit.type(SchoolSummaryPdf.SIZES);
        this.cells = new SummaryCells(fonts);
        this.messages = messages;
    }

    /** "Change since the previous wave", or one sentence saying there is no earlier wave. */
    void changeSincePrevious(Document doc, SchoolSummary s, Locale locale, ReportFormat f) throws DocumentException {
        heading(doc, messages.get("report.change.title", locale));
        Comparison previous = s.previousWave();
        if (previous == null) {
            doc.add(type.text(messages.get("report.change.none", locale)));
            return;
        }
        doc.add(new Paragraph(messages.get("report.change.lead", locale, previous.referenceWaveName(),
                f.date(previous.referenceOpensAt())), fonts.font(8, false)));
        PdfPTable table = new PdfPTable(new float[] {3.0f, 0.8f, 0.8f, 1.7f, 1.5f, 1.4f});
        table.setWidthPercentage(100);
        table.setSpacingBefore(6);
        table.setHeaderRows(1);
        for (String key : List.of("report.column.construct", "report.change.then", "report.change.now",
                "compare.difference", "compare.effect", "compare.verdict")) {
            cells.head(table, messages.get(key, locale));
        }
        for (var c : previous.constructs()) {
            ComparisonText.Row r = ComparisonText.of(c, messages, locale, f);
            cells.cell(table, r.title() + " (" + r.respondent() + ")", Element.ALIGN_LEFT);
            if (r.numbers()) {
                // the reference of an earlier-wave comparison is the school then; "score" is the school now
                cells.cell(table, r.reference(), Element.ALIGN_RIGHT);
                cells.cell(table, r.score(), Element.ALIGN_RIGHT);
                cells.cell(table, r.difference() + " (" + r.interval() + ")", Element.ALIGN_RIGHT);
                cells.cell(table, r.effect() + " (" + r.effectInterval() + ")", Element.ALIGN_RIGHT);
            } else {
                PdfPCell blank = cells.cell("", Element.ALIGN_CENTER);
                blank.setColspan(4);
                table.addCell(blank);
            }
            cells.cell(table, r.word(), Element.ALIGN_LEFT);
        }
        doc.add(table);
    }

    /** The problem matrix with its rule. */
    void problemMatrix(Document doc, SchoolSummary s, Locale locale, ReportFormat f) throws DocumentException {
        heading(doc, messages.get("matrix.title", locale));
        doc.add(type.text(messages.get("matrix.rule", locale)));
        List<ProblemMatrix.Column> columns = s.matrix().domains();
        PdfPTable table = new PdfPTable(columns.size());
        table.setWidthPercentage(100);
        table.setSpacingBefore(8);
        table.setHeaderRows(1);
        boolean en = "en".equals(locale.getLanguage());
        for (ProblemMatrix.Column column : columns) {
            cells.head(table, messages.get("matrix.domain." + column.domain().name().toLowerCase(Locale.ROOT), locale));
        }
        Font bold = fonts.font(8, true);
        Font small = fonts.font(8, false);
        Font note = fonts.font(7, false);
        for (ProblemMatrix.Column column : columns) {
            PdfPCell c = new PdfPCell();
            c.setPadding(4);
            if (column.cells().isEmpty()) {
                c.addElement(new Paragraph(messages.get("matrix.empty", locale), small));
            }
            for (ProblemMatrix.Cell cell : column.cells()) {
                Paragraph p = new Paragraph();
                p.add(new Phrase(ComparisonText.mark(cell.mark(), messages, locale) + "  ", bold));
                p.add(new Phrase((en ? cell.title().en() : cell.title().ru()) + " ("
                        + messages.get("report.role." + cell.respondent().name().toLowerCase(Locale.ROOT), locale)
                        .toLowerCase(locale) + ")", small));
                p.setSpacingAfter(1);
                c.addElement(p);
                Paragraph why = new Paragraph(ComparisonText.markDetail(cell, messages, locale, f), note);
                why.setSpacingAfter(5);
                c.addElement(why);
            }
            table.addCell(c);
        }
        doc.add(table);
    }

    private void heading(Document doc, String text) throws DocumentException {
        doc.add(type.heading(text, 12));
    }

}
