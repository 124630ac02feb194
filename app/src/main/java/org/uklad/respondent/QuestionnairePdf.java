package org.uklad.respondent;

import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Locale;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Phrase;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;
import org.uklad.system.Messages;
import org.uklad.system.PdfKit;
import org.uklad.system.ReportFormats;

/**
 * The printable form of a questionnaire, for paper collection. Its layout is the paper-import CSV's:
 * beside each question its item id (the CSV column) in small type, beside each answer the code the
 * import expects in that column, and a line for the group ({@code group_label}); whoever types the
 * sheets in writes what is printed, nothing to look up.
 */
@Singleton
class QuestionnairePdf {

    private static final float MARGIN = 40;
    private static final PdfKit.Sizes SIZES = new PdfKit.Sizes(16, 12.5f, 10.5f, 10, 7.5f, 13);
    /** The item ids and answer codes: small, grey, out of a respondent's way but legible for typing in. */
    private static final float CODE_SIZE = 7.5f;

    private final PdfKit kit;
    private final Messages messages;
    private final ReportFormats formats;

    QuestionnairePdf(PdfKit kit, Messages messages, ReportFormats formats) {
        this.kit = kit;
        this.messages = messages;
        this.formats = formats;
    }

    byte[] render(QuestionnairePreview.PreviewPage p, Locale locale) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        Document doc = new Document(PageSize.A4, MARGIN, MARGIN, MARGIN, MARGIN + 14);
        PdfKit.Type type = kit.type(SIZES);
        Font code = kit.fonts().font(CODE_SIZE, false);
        code.setColor(new java.awt.Color(0x55, 0x55, 0x5c));
        try {
            kit.open(doc, out, new PdfKit.Metadata(p.title(), t(locale, "preview.pdf.subject"), t(locale, "app.name"),
                    locale, Instant.now(), formats.zone()));
            doc.add(type.heading(p.title(), 0));
            doc.add(type.note(t(locale, "preview.pdf.version", p.key(), p.version())));
            doc.add(type.paragraph(t(locale, "preview.pdf.group")));
            if (p.intro() != null) {
                doc.add(type.paragraph(p.intro()));
            }
            doc.add(type.paragraph(t(locale, "preview.pdf.how")));
            doc.add(type.note(t(locale, "preview.pdf.codes")));
            for (QuestionnairePreview.PreviewSection s : p.sections()) {
                if (s.title() != null) {
                    doc.add(type.heading(s.title(), 10));
                }
                for (QuestionnairePreview.PreviewItem item : s.items()) {
                    doc.add(item(item, type, code));
                }
            }
            doc.add(type.heading(t(locale, "preview.who.title"), 12));
            for (String line : p.whoSees()) {
                doc.add(type.paragraph(line));
            }
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("Writing the printable questionnaire", e);
        }
        return kit.stampFooter(out.toByteArray(), new PdfKit.Footer(MARGIN, MARGIN - 6, p.title(),
                (page, pages) -> t(locale, "preview.pdf.page", Integer.toString(page), Integer.toString(pages))));
    }

    /** One question, kept on one page: its text and id, then a box, the label and the code per answer. */
    private static PdfPTable item(QuestionnairePreview.PreviewItem item, PdfKit.Type type, Font code)
            throws DocumentException {
        PdfPTable table = new PdfPTable(new float[] {0.35f, 6.6f, 1.8f});
        table.setWidthPercentage(100);
        table.setKeepTogether(true);
        table.setSpacingBefore(6);
        PdfPCell text = plain(new Phrase(item.text(), type.subheadingFont()));
        text.setColspan(2);
        table.addCell(text);
        PdfPCell id = plain(new Phrase(item.id(), code));
        id.setHorizontalAlignment(Element.ALIGN_RIGHT);
        table.addCell(id);
        if (item.help() != null) {
            table.addCell(wide(new Phrase(item.help(), type.noteFont())));
        }
        if (item.note() != null) {
            table.addCell(wide(new Phrase(item.note(), type.noteFont())));
        }
        for (QuestionnairePreview.PreviewOption o : item.options()) {
            PdfPCell box = new PdfPCell(new Phrase(" ", type.bodyFont()));
            box.setBorder(Rectangle.BOX);
            box.setBorderWidth(0.7f);
            box.setFixedHeight(9);
            box.setPadding(0);
            PdfPTable holder = new PdfPTable(1);   // a small square, not a cell the height of the row
            holder.setWidthPercentage(100);
            holder.addCell(box);
            PdfPCell boxCell = plain(null);
            boxCell.addElement(holder);
            boxCell.setPaddingTop(3);
            table.addCell(boxCell);
            table.addCell(plain(new Phrase(o.label(), type.bodyFont())));
            PdfPCell value = plain(new Phrase(o.code(), code));
            value.setHorizontalAlignment(Element.ALIGN_RIGHT);
            table.addCell(value);
        }
        if (item.options().isEmpty()) {
            // room to write a number or a few lines of one's own words
            int lines = "text".equals(item.type()) ? 4 : 1;
            for (int i = 0; i < lines; i++) {
                PdfPCell line = wide(new Phrase(" ", type.bodyFont()));
                line.setBorder(Rectangle.BOTTOM);
                line.setBorderWidth(0.5f);
                line.setFixedHeight(20);
                table.addCell(line);
            }
        }
        return table;
    }

    private static PdfPCell plain(Phrase phrase) {
        PdfPCell c = phrase == null ? new PdfPCell() : new PdfPCell(phrase);
        c.setBorder(Rectangle.NO_BORDER);
        c.setPadding(2);
        return c;
    }

    private static PdfPCell wide(Phrase phrase) {
        PdfPCell c = plain(phrase);
        c.setColspan(3);
        return c;
    }

    private String t(Locale locale, String key, Object... args) {
        return messages.get(key, locale, args);
    }
}
