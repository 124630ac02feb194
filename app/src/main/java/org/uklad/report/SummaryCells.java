package org.uklad.report;

import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;
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

    /** Rows a long table brings onto a page at least, besides its header rows. */
    static final int MIN_ROWS = 3;

    /**
     * Adds a table over the page's full width so that no row stands alone: a table that fits on a
     * page is kept together (it starts on the next page rather than split); a longer one starts on a
     * new page unless its header and {@link #MIN_ROWS} rows fit where it would begin, and repeats its
     * header rows on every page it runs over. A row is split only when it is taller than a page.
     */
    void place(Document doc, PdfWriter writer, PdfPTable table) throws DocumentException {
        float width = doc.getPageSize().getWidth() - doc.leftMargin() - doc.rightMargin();
        table.setTotalWidth(width);
        table.setLockedWidth(true);
        float page = doc.getPageSize().getHeight() - doc.topMargin() - doc.bottomMargin();
        if (table.getTotalHeight() + table.spacingBefore() < page) {
            table.setKeepTogether(true);
        } else {
            float start = table.spacingBefore();
            for (int row = 0; row < Math.min(table.size(), table.getHeaderRows() + MIN_ROWS); row++) {
                start += table.getRowHeight(row);
            }
            if (writer.getVerticalPosition(true) - doc.bottomMargin() < start) {
                doc.newPage();
            }
        }
        doc.add(table);
    }
}
