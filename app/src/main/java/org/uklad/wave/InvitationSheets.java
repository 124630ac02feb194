package org.uklad.wave;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openpdf.text.Chunk;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.ColumnText;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfWriter;
import org.uklad.questionnaires.Respondent;
import org.uklad.system.Messages;
import org.uklad.system.PdfFonts;
import org.uklad.system.PdfKit;
import org.uklad.system.ReportFormats;

/**
 * Invitation sheets: A4 pages of cut-out blocks, one per access code, each with the school, the
 * group, the questionnaire, the link, the code in large letters and a QR code of the link drawn as
 * vector squares (sharp at any printer resolution). Liberation Sans is embedded for Cyrillic.
 */
@Singleton
class InvitationSheets {

    static final float MARGIN = 20;
    static final int COLUMNS = 2;
    static final int ROWS = 4;
    static final float PADDING = 10;
    static final float QR_SIZE = 100;

    /**
     * A school class in a group label: its year 1-11 and an optional letter ("7Б", "7 б", "7-Б",
     * "11А"), standing apart from other letters and digits ("2025" and "7 класс" name no letter).
     */
    static final Pattern SCHOOL_CLASS = Pattern.compile("(?<![\\p{L}\\d])(1[01]|[1-9])(?:\\s*[-–]?\\s*(\\p{L}))?(?![\\p{L}\\d])");
    /** Russian ordinal endings written after a hyphen ("5-х классов", "5-е"), not class letters. */
    static final String ORDINAL_ENDINGS = "хеймяы";

    /**
     * One block: everything printed about one access code; {@code preview} is the public page with every
     * question of the questionnaire (for parents to read first), or null for one imported at run time.
     */
    record Block(String heading, String school, String group, String questionnaire, String code, String link,
                 String usage, @io.micronaut.core.annotation.Nullable String preview) {}

    private final Messages messages;
    private final PdfKit kit;
    private final PdfFonts fonts;
    private final ReportFormats formats;

    InvitationSheets(Messages messages, PdfKit kit, ReportFormats formats) {
        this.messages = messages;
        this.kit = kit;
        this.fonts = kit.fonts();
        this.formats = formats;
    }

    /**
     * The group line of a block. Parents' codes take the class whatever staff typed: a label naming
     * one class ("7Б", "родители 7Б", "Родители 7Б класса") gives "Родители учащихся 7Б класса" /
     * "Parents of pupils of class 7Б", never the typed phrase inside the sentence, and a label naming
     * no class ("Родительский комитет") is printed as typed. Students' and teachers' labels are the
     * group's name ("Класс 7Б", "Группа педагоги") as before.
     */
    String group(Respondent respondent, String label, Locale locale) {
        if (respondent != Respondent.PARENT) {
            return messages.get("invitation.group." + respondent.name(), locale, label);
        }
        List<String> classes = schoolClasses(label);
        if (classes.isEmpty()) {
            return label.isEmpty() ? label : label.substring(0, 1).toUpperCase(locale) + label.substring(1);
        }
        return messages.get(classes.size() > 1 ? "invitation.group.PARENT.several" : "invitation.group.PARENT", locale,
                String.join(", ", classes));
    }

    /** The classes a group label names, written the same way ("7 б" and "7-Б" are "7Б"), each once. */
    static List<String> schoolClasses(String label) {
        List<String> out = new java.util.ArrayList<>();
        Matcher m = SCHOOL_CLASS.matcher(label);
        while (m.find()) {
            String letter = m.group(2);
            boolean ordinal = letter != null && m.group().contains("-") && ORDINAL_ENDINGS.contains(letter);
            String name = m.group(1) + (letter == null || ordinal ? "" : letter.toUpperCase(Locale.ROOT));
            if (!out.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    byte[] render(String title, List<Block> blocks, Locale locale) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, MARGIN, MARGIN, MARGIN, MARGIN);
        try {
            BaseFont base = fonts.regular();
            BaseFont baseBold = fonts.bold();
            PdfWriter writer = kit.open(document, out, new PdfKit.Metadata(title, null, messages.get("app.name", locale),
                    locale, Instant.now(), formats.zone()));
            if (blocks.isEmpty()) {
                document.add(new Paragraph(messages.get("invitation.none", locale), new Font(base, 12)));
            }
            float width = (PageSize.A4.getWidth() - 2 * MARGIN) / COLUMNS;
            float height = (PageSize.A4.getHeight() - 2 * MARGIN) / ROWS;
            for (int i = 0; i < blocks.size(); i++) {
                int slot = i % (COLUMNS * ROWS);
                if (slot == 0 && i > 0) {
                    document.newPage();
                }
                float x = MARGIN + (slot % COLUMNS) * width;
                float top = PageSize.A4.getHeight() - MARGIN - (float) (slot / COLUMNS) * height;
                block(writer.getDirectContent(), blocks.get(i), x, top - height, width, height, base, baseBold, locale);
            }
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("Could not write the invitation sheet", e);
        }
        return out.toByteArray();
    }

    private void block(PdfContentByte cb, Block b, float x, float y, float w, float h, BaseFont font, BaseFont bold,
                       Locale locale) throws DocumentException {
        // the cut line
        cb.saveState();
        cb.setLineWidth(0.5f);
        cb.setGrayStroke(0.55f);
        cb.setLineDash(4, 3, 0);
        cb.rectangle(x, y, w, h);
        cb.stroke();
        cb.restoreState();

        float qrX = x + w - PADDING - QR_SIZE;
        float qrY = y + h - PADDING - QR_SIZE;
        drawQr(cb, b.link(), qrX, qrY, QR_SIZE);

        ColumnText head = new ColumnText(cb);
        head.setSimpleColumn(x + PADDING, qrY, qrX - 6, y + h - PADDING);
        head.addElement(paragraph(b.heading(), new Font(bold, 11), 13));
        head.addElement(paragraph(b.school(), new Font(font, 9), 11));
        head.addElement(paragraph(b.group(), new Font(bold, 10), 13));
        head.addElement(paragraph(b.questionnaire(), new Font(font, 8.5f), 10));
        // beside the QR code, so the line with every question fits under the code
        head.addElement(paragraph(b.usage(), new Font(font, 7.5f), 9));
        head.go();

        float codeBaseline = qrY - 26;
        ColumnText.showTextAligned(cb, Element.ALIGN_CENTER, new Phrase(AccessCodeGenerator.display(b.code()),
                new Font(bold, 24)), x + w / 2, codeBaseline, 0);

        ColumnText rest = new ColumnText(cb);
        rest.setSimpleColumn(x + PADDING, y + PADDING - 2, x + w - PADDING, codeBaseline - 8);
        Paragraph link = paragraph(b.link(), new Font(font, 8.5f), 10);
        link.setAlignment(Element.ALIGN_CENTER);
        rest.addElement(link);
        Paragraph how = paragraph(messages.get("invitation.instructions", locale), new Font(font, 8), 9.5f);
        how.setAlignment(Element.ALIGN_CENTER);
        rest.addElement(how);
        if (b.preview() != null) {
            Paragraph preview = paragraph(messages.get("invitation.preview", locale, b.preview()), new Font(font, 7.5f), 9);
            preview.setAlignment(Element.ALIGN_CENTER);
            rest.addElement(preview);
        }
        rest.go();
    }

    private static Paragraph paragraph(String text, Font font, float leading) {
        Paragraph p = new Paragraph(leading, new Chunk(text, font));
        p.setSpacingAfter(1.5f);
        return p;
    }

    /** The QR code of {@code text} as filled squares (runs of dark modules joined), quiet zone included. */
    static void drawQr(PdfContentByte cb, String text, float x, float y, float size) {
        BitMatrix m;
        try {
            m = new QRCodeWriter().encode(text, com.google.zxing.BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 4, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                            EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalStateException("Link too long for a QR code", e);
        }
        float module = size / m.getWidth();
        cb.saveState();
        cb.setGrayFill(0f);
        for (int row = 0; row < m.getHeight(); row++) {
            int col = 0;
            while (col < m.getWidth()) {
                if (!m.get(col, row)) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < m.getWidth() && m.get(col, row)) {
                    col++;
                }
                cb.rectangle(x + start * module, y + size - (row + 1) * module, (col - start) * module, module);
            }
        }
        cb.fill();
        cb.restoreState();
    }
}
