package org.uklad.report;

import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.uklad.system.PdfFonts;

/** The table cells of a school summary: one look for every table of every section. */
final class SummaryCells {

    private final Font head;
    private final Font body;

    SummaryCells(PdfFonts fonts) {
        this.head = fonts.font(8, true);
        this.body = fonts.font(8, false);
    }

    /** A column heading: bold on light grey (grey, not colour, so it prints in black and white). */
    void head(PdfPTable table, String text) {
        head(table, text, 1, 1);
    }

    void head(PdfPTable table, String text, int colspan, int rowspan) {
        PdfPCell c = new PdfPCell(new Phrase(text, head));
        c.setColspan(colspan);
        c.setRowspan(rowspan);
        c.setGrayFill(0.9f);
        c.setHorizontalAlignment(Element.ALIGN_CENTER);
        c.setVerticalAlignment(Element.ALIGN_MIDDLE);
        c.setPadding(3);
        table.addCell(c);
    }

    PdfPCell cell(String text, int align) {
        PdfPCell c = new PdfPCell(new Phrase(text, body));
        c.setHorizontalAlignment(align);
        c.setVerticalAlignment(Element.ALIGN_MIDDLE);
        c.setPadding(2.5f);
        return c;
    }

    void cell(PdfPTable table, String text, int align) {
        table.addCell(cell(text, align));
    }
}
