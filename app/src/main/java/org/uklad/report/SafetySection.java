package org.uklad.report;

import java.util.Locale;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Paragraph;
import org.openpdf.text.pdf.PdfPTable;
import org.uklad.statements.SafetyFigures;
import org.uklad.statements.SafetyFormat;
import org.uklad.statements.SafetyView;
import org.uklad.system.Messages;
import org.uklad.system.PdfKit;
import org.uklad.system.ReportFormat;

/**
 * The safety page of the school summary: the students' answers on being hurt at school and where
 * it happens, with the plain threshold flag of {@link SafetyFigures}, in the words and figures the
 * statements page and the dashboard show ({@link SafetyFormat}); a group under the threshold prints
 * "fewer than k answers" and no number. The mark is a symbol and words, so it reads in black and white.
 */
final class SafetySection {

    private final PdfKit.Type type;
    private final SummaryCells cells;
    private final Messages messages;

    SafetySection(PdfKit kit, Messages messages) {
        this.type = kit.type(SchoolSummaryPdf.SIZES);
        this.cells = new SummaryCells(kit.fonts());
        this.messages = messages;
    }

    /** Writes the section on a page of its own; nothing when the wave's forms ask no safety question. */
    void write(Document doc, SafetyFigures figures, Locale locale, ReportFormat f) throws DocumentException {
        SafetyView v = new SafetyFormat(messages).view(figures, locale, f);
        if (v.none()) {
            return; // no safety questions in this wave's forms: no near-empty page
        }
        doc.newPage();
        doc.add(type.heading(messages.get("safety.pdf.title", locale), 0));
        doc.add(type.paragraph(messages.get("safety.lead", locale)));
        if (v.verdict() != null) {
            doc.add(type.subheading(v.verdict(), 4));
        }
        doc.add(type.note(v.rule()));
        for (SafetyView.Block b : v.questionnaires()) {
            doc.add(type.subheading(b.title(), 12));
            if (b.suppressed()) {
                doc.add(type.text(v.suppressedText()));
                continue;
            }
            for (SafetyView.HurtRow h : b.hurt()) {
                if (!question(doc, h.text(), h.suppressed(), v)) {
                    continue;
                }
                doc.add(type.text(h.hurt()));
                if (h.flagged() != null) {
                    doc.add(type.text(h.flagged()));
                }
                doc.add(type.text(h.mark()));
                doc.add(type.note(h.n()));
            }
            for (SafetyView.WhereRow w : b.where()) {
                if (!question(doc, w.text(), w.suppressed(), v)) {
                    continue;
                }
                PdfPTable table = new PdfPTable(new float[] {1f});
                table.setWidthPercentage(100);
                table.setSpacingBefore(3);
                for (SafetyView.Place p : w.places()) {
                    cells.cell(table, p.text(), Element.ALIGN_LEFT);
                }
                doc.add(table);
                doc.add(type.note(w.n()));
            }
        }
    }

    /** The question in bold; under it "fewer than k answers" when suppressed. Whether its figures follow. */
    private boolean question(Document doc, String text, boolean suppressed, SafetyView v) throws DocumentException {
        Paragraph question = new Paragraph(text, type.subheadingFont());
        question.setSpacingBefore(6);
        doc.add(question);
        if (suppressed) {
            doc.add(type.text(v.suppressedText()));
        }
        return !suppressed;
    }
}
