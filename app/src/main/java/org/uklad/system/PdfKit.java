package org.uklad.system;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.GregorianCalendar;
import java.util.Locale;
import java.util.TimeZone;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.ColumnText;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfDate;
import org.openpdf.text.pdf.PdfName;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.PdfStamper;
import org.openpdf.text.pdf.PdfString;
import org.openpdf.text.pdf.PdfWriter;

/**
 * The one way the app makes a PDF (school summary, municipal summary, invitation sheets), so every
 * document is built alike:
 * <ul>
 *   <li>fonts: the embedded Liberation Sans of {@link PdfFonts};
 *   <li>metadata ({@link #open}): title (shown in the viewer's title bar), subject, author and
 *       creator, language ({@code /Lang}, so screen readers read Russian as Russian), creation date
 *       in the configured zone;
 *   <li>the footer ({@link #stampFooter}): a left text and "page X of Y" at the foot of every page
 *       with a rule above, stamped in a second pass when Y is known;
 *   <li>the text blocks of a document's sizes ({@link Type}): headings, sub-headings, paragraphs and
 *       notes.
 * </ul>
 */
@Singleton
public final class PdfKit {

    /** What a reader's "document properties" show. */
    public record Metadata(String title, @Nullable String subject, String author, Locale language,
                           @Nullable Instant created, ZoneId zone) {}

    /** The foot of every page: {@code left} at the margin, the page label at the right margin. */
    public record Footer(float margin, float baseline, String left, PageLabel page) {}

    /** "page X of Y" in the document's language. */
    @FunctionalInterface
    public interface PageLabel {
        String of(int page, int pages);
    }

    /**
     * The type sizes of one kind of document, in points.
     *
     * @param leading the line distance of {@link Type#paragraph} (running text that is read, not scanned)
     */
    public record Sizes(float title, float heading, float subheading, float body, float note, float leading) {}

    private static final float FOOTER_SIZE = 7.5f;

    private final PdfFonts fonts;

    public PdfKit(PdfFonts fonts) {
        this.fonts = fonts;
    }

    public PdfFonts fonts() {
        return fonts;
    }

    /** The fonts and text blocks of a document set in {@code sizes}. */
    public Type type(Sizes sizes) {
        return new Type(fonts, sizes);
    }

    /** A writer for {@code doc} into {@code out}, with the metadata set, and the document opened. */
    public PdfWriter open(Document doc, OutputStream out, Metadata m) throws DocumentException {
        PdfWriter writer = PdfWriter.getInstance(doc, out);
        writer.setViewerPreferences(PdfWriter.DisplayDocTitle);
        writer.getExtraCatalog().put(PdfName.LANG, new PdfString(m.language().getLanguage()));
        doc.addTitle(m.title());
        if (m.subject() != null) {
            doc.addSubject(m.subject());
        }
        doc.addCreator(m.author());
        doc.addAuthor(m.author());
        if (m.created() != null) {
            GregorianCalendar created = new GregorianCalendar(TimeZone.getTimeZone(m.zone()));
            created.setTimeInMillis(m.created().toEpochMilli());
            doc.addCreationDate(new PdfDate(created));
        }
        doc.open();
        return writer;
    }

    /** The finished document with the footer on every page (a second pass: the page count is known). */
    public byte[] stampFooter(byte[] pdf, Footer footer) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 4096);
            PdfReader reader = new PdfReader(pdf);
            PdfStamper stamper = new PdfStamper(reader, out);
            int pages = reader.getNumberOfPages();
            Font font = fonts.font(FOOTER_SIZE, false);
            float y = footer.baseline();
            for (int p = 1; p <= pages; p++) {
                PdfContentByte cb = stamper.getOverContent(p);
                float right = reader.getPageSizeWithRotation(p).getWidth() - footer.margin();
                ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, new Phrase(footer.left(), font), footer.margin(), y, 0);
                ColumnText.showTextAligned(cb, Element.ALIGN_RIGHT, new Phrase(footer.page().of(p, pages), font), right, y, 0);
                cb.setLineWidth(0.4f);
                cb.moveTo(footer.margin(), y + 10);
                cb.lineTo(right, y + 10);
                cb.stroke();
            }
            stamper.close();
            reader.close();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DocumentException e) {
            throw new IllegalStateException("Stamping the footer", e);
        }
    }

    /** The fonts and text blocks of one kind of document. Fonts are shared: do not change them. */
    public static final class Type {
        private final Font title;
        private final Font heading;
        private final Font subheading;
        private final Font body;
        private final Font note;
        private final float leading;

        private Type(PdfFonts fonts, Sizes sizes) {
            this.title = fonts.font(sizes.title(), true);
            this.heading = fonts.font(sizes.heading(), true);
            this.subheading = fonts.font(sizes.subheading(), true);
            this.body = fonts.font(sizes.body(), false);
            this.note = fonts.font(sizes.note(), false);
            this.leading = sizes.leading();
        }

        public Font titleFont() {
            return title;
        }

        public Font headingFont() {
            return heading;
        }

        public Font subheadingFont() {
            return subheading;
        }

        public Font bodyFont() {
            return body;
        }

        public Font noteFont() {
            return note;
        }

        /** A section heading, {@code before} points below what precedes it. */
        public Paragraph heading(String text, float before) {
            return spaced(new Paragraph(text, heading), before, 6);
        }

        /** A heading inside a section. */
        public Paragraph subheading(String text, float before) {
            return spaced(new Paragraph(text, subheading), before, 5);
        }

        /** Body text as it comes, without spacing of its own (leads, one-line statements). */
        public Paragraph text(String text) {
            return new Paragraph(text, body);
        }

        /** Running text that is read: body size at the document's leading, a little space after. */
        public Paragraph paragraph(String text) {
            Paragraph p = spaced(new Paragraph(text, body), 0, 5);
            p.setLeading(leading);
            return p;
        }

        /** A note in small type under a table or chart. */
        public Paragraph note(String text) {
            return spaced(new Paragraph(text, note), 4, 0);
        }

        private static Paragraph spaced(Paragraph p, float before, float after) {
            p.setSpacingBefore(before);
            p.setSpacingAfter(after);
            return p;
        }
    }
}
