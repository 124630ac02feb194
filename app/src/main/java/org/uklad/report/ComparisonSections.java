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
import org.openpdf.text.pdf.PdfWriter;
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
 * white; in order of priority, the first problems and strengths of each domain with their reasons,
 * the rest named in one line "and N more"; what holds for every cell said once above the table).
 * A comparison with "too few answers" prints the words and no number.
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
    void changeSincePrevious(Document doc, PdfWriter writer, SchoolSummary s, Locale locale, ReportFormat f)
            throws DocumentException {
        heading(doc, messages.get("report.change.title", locale));
        Comparison previous = s.previousWave();
        if (previous == null) {
            doc.add(type.text(messages.get("report.change.none", locale)));
            return;
        }
        doc.add(new Paragraph(messages.get("report.change.lead", locale, previous.referenceWaveName(),
                f.date(previous.referenceOpensAt())), fonts.font(8, false)));
        PdfPTable table = new PdfPTable(new float[] {3.0f, 0.8f, 0.8f, 1.7f, 1.5f, 1.4f});
        table.setSpacingBefore(6);
        table.setHeaderRows(1);
        for (String key : List.of("report.column.construct", "report.change.then", "report.change.now",
                "report.short.difference", "report.short.effect", "report.short.verdict")) {
            cells.head(table, messages.get(key, locale));
        }
        for (var c : previous.constructs()) {
            ComparisonText.Row r = ComparisonText.of(c, messages, locale, f);
            cells.cell(table, r.label(), Element.ALIGN_LEFT);
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
        cells.place(doc, writer, table);
        doc.add(type.note(messages.get("report.legend.change", locale)));
    }

    /** The problem matrix with its rule. */
    void problemMatrix(Document doc, PdfWriter writer, SchoolSummary s, Locale locale, ReportFormat f)
            throws DocumentException {
        heading(doc, messages.get("matrix.title", locale));
        doc.add(type.text(messages.get("matrix.rule", locale)));
        for (String note : ComparisonText.matrixNotes(s.matrix(), messages, locale, f)) {
            doc.add(type.note(note));
        }
        List<ProblemMatrix.Column> columns = s.matrix().domains();
        PdfPTable table = new PdfPTable(columns.size());
        table.setSpacingBefore(8);
        table.setHeaderRows(1);
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
            } else if (column.top().isEmpty()) {
                c.addElement(new Paragraph(messages.get("matrix.top.none", locale), small));
            }
            for (ProblemMatrix.Cell cell : column.top()) {
                Paragraph p = new Paragraph();
                p.add(new Phrase(ComparisonText.mark(cell.mark(), messages, locale) + "  ", bold));
                p.add(new Phrase(ComparisonText.label(cell, messages, locale), small));
                p.setLeading(0, 1.25f);
                p.setSpacingAfter(1);
                c.addElement(p);
                Paragraph why = new Paragraph(ComparisonText.markDetail(cell, messages, locale, f), note);
                why.setSpacingAfter(5);
                c.addElement(why);
            }
            List<ProblemMatrix.Cell> rest = column.rest();
            if (!rest.isEmpty()) {
                String names = String.join("; ", rest.stream().map(x -> ComparisonText.brief(x, messages, locale)).toList());
                Paragraph more = new Paragraph();
                more.add(new Phrase(messages.get("matrix.more", locale, f.count(rest.size())) + " ", bold));
                more.add(new Phrase(names, note));
                more.setLeading(0, 1.25f);
                c.addElement(more);
            }
            table.addCell(c);
        }
        cells.place(doc, writer, table);
    }

    private void heading(Document doc, String text) throws DocumentException {
        doc.add(type.heading(text, 12));
    }

}
