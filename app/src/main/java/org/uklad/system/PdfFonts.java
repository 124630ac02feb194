package org.uklad.system;

import jakarta.inject.Singleton;
import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Font;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.FontMapper;

/**
 * The one typeface of the PDF summaries: Liberation Sans 2 (SIL Open Font License, see
 * {@code fonts/LICENSE-Liberation.txt}), bundled so that output does not depend on the machine's
 * fonts. Embedded as subsets with Identity-H encoding and a ToUnicode map, so every Cyrillic and
 * Latin letter is drawn, selectable and searchable. The same files are loaded as AWT fonts for the
 * charts: JFreeChart lays text out with their metrics and {@link #mapper()} writes it with the
 * embedded PDF font, so chart labels stay text too.
 *
 * <p>Loaded once; {@link BaseFont} objects are read-only after creation and shared by all documents.
 */
@Singleton
public final class PdfFonts {

    private final BaseFont regular;
    private final BaseFont bold;
    private final java.awt.Font awtRegular;
    private final java.awt.Font awtBold;

    public PdfFonts() {
        try {
            byte[] r = read("fonts/LiberationSans-Regular.ttf");
            byte[] b = read("fonts/LiberationSans-Bold.ttf");
            regular = BaseFont.createFont("LiberationSans-Regular.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED,
                    false, r, null);
            bold = BaseFont.createFont("LiberationSans-Bold.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED,
                    false, b, null);
            awtRegular = java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT, new ByteArrayInputStream(r));
            awtBold = java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT, new ByteArrayInputStream(b));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DocumentException | FontFormatException e) {
            throw new IllegalStateException("The bundled report fonts cannot be read", e);
        }
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = PdfFonts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing resource " + resource);
            }
            return in.readAllBytes();
        }
    }

    /** A text font of the given size, regular or bold, in black. */
    public Font font(float size, boolean isBold) {
        return new Font(isBold ? bold : regular, size, Font.NORMAL);
    }

    /** The embedded regular face (invitation sheets draw with it directly). */
    public BaseFont regular() {
        return regular;
    }

    /** The embedded bold face. */
    public BaseFont bold() {
        return bold;
    }

    /** An AWT font for chart text, with the metrics of the embedded font. */
    public java.awt.Font awt(float size, boolean isBold) {
        return (isBold ? awtBold : awtRegular).deriveFont(size);
    }

    /** Writes any AWT font a chart uses with the embedded Liberation Sans (bold stays bold). */
    public FontMapper mapper() {
        return new FontMapper() {
            @Override
            public BaseFont awtToPdf(java.awt.Font font) {
                return font.isBold() || font.getFontName().contains("Bold") ? bold : regular;
            }

            @Override
            public java.awt.Font pdfToAwt(BaseFont font, int size) {
                return (font == bold ? awtBold : awtRegular).deriveFont((float) size);
            }
        };
    }
}
