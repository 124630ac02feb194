package org.uklad.overview;

import jakarta.inject.Singleton;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.Image;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfTemplate;
import org.openpdf.text.pdf.PdfWriter;
import org.uklad.identification.IdentificationPresenter;
import org.uklad.system.ReportFormat;
import org.uklad.system.Messages;
import org.uklad.system.PdfFonts;
import org.uklad.system.PdfKit;

/**
 * The municipal summary of one wave as an A4 landscape PDF: the heat map of every school's indices
 * (each cell printed as a number with its band's symbol ▼ ● ▲ on a light band colour, so it reads
 * printed in grey and for colour-blind readers; short column codes with their legend, a municipality
 * column, the row order stated above the table),
 * the clusters with their profiles, the partnerships side by side (supported vs mentor), and the
 * context-versus-results scatter (vector, shapes and numbers rather than colours, a key naming the
 * school behind each number) with the schools that beat their context and the suggested partners. It prints the texts of
 * {@link OverviewPresenter}, so every figure and every "fewer than k answers" is exactly the page's.
 *
 * <p>Built with the {@link PdfKit}: Liberation Sans embedded, title and language ({@code /Lang}) in
 * the metadata, "page X of Y" and the generation time at the foot of every page.
 */
@Singleton
class MunicipalSummaryPdf {

    private static final float MARGIN = 36;
    /** Light band colours (orange, grey, blue: told apart with colour-blindness too) under black text; the symbol carries the band. */
    private static final java.util.Map<String, Color> BAND = java.util.Map.of("low", new Color(0xF6, 0xD2, 0xB0),
            "medium", new Color(0xEE, 0xEE, 0xEE), "high", new Color(0xBC, 0xD4, 0xEA));

    /** The summary's type: landscape A4 with wide tables, smaller than the school summary's. */
    private static final PdfKit.Sizes SIZES = new PdfKit.Sizes(17, 12.5f, 10, 9, 6.8f, 12);

    private final PdfKit kit;
    private final PdfFonts fonts;
    private final Messages messages;

    private final IdentificationPresenter identification;

    MunicipalSummaryPdf(PdfKit kit, Messages messages, IdentificationPresenter identification) {
        this.kit = kit;
        this.fonts = kit.fonts();
        this.messages = messages;
        this.identification = identification;
    }

    byte[] render(WaveOverview o, OverviewView v, Locale locale, ReportFormat f, Instant generatedAt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        Document doc = new Document(PageSize.A4.rotate(), MARGIN, MARGIN, MARGIN, MARGIN + 14);
        String title = t(locale, "overview.pdf.title", v.waveName());
        try {
            PdfWriter writer = kit.open(doc, out, new PdfKit.Metadata(title, t(locale, "overview.pdf.subject"),
                    t(locale, "app.name"), locale, generatedAt, f.zone()));
            new Pages(doc, writer, o, v, locale, f, title).write();
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("Writing the municipal summary", e);
        }
        String left = t(locale, "overview.pdf.footer", f.dateTime(generatedAt), f.zone().getId());
        return kit.stampFooter(out.toByteArray(), new PdfKit.Footer(MARGIN, MARGIN - 8, left,
                (page, pages) -> t(locale, "overview.pdf.page", Integer.toString(page), Integer.toString(pages))));
    }

    private String t(Locale locale, String key, Object... args) {
        return messages.get(key, locale, args);
    }

    /** The pages of one document; not reused. */
    private final class Pages {
        private final Document doc;
        private final PdfWriter writer;
        private final WaveOverview o;
        private final OverviewView v;
        private final Locale locale;
        private final ReportFormat f;
        private final String title;
        private final PdfKit.Type type = kit.type(SIZES);
        private final Font h1 = type.titleFont();
        private final Font h3 = type.subheadingFont();
        private final Font body = type.bodyFont();
        private final Font small = type.noteFont();
        private final Font smallBold = fonts.font(6.8f, true);
        private final Font smallItalic = fonts.font(6.3f, false);

        Pages(Document doc, PdfWriter writer, WaveOverview o, OverviewView v, Locale locale, ReportFormat f,
              String title) {
            this.doc = doc;
            this.writer = writer;
            this.o = o;
            this.v = v;
            this.locale = locale;
            this.f = f;
            this.title = title;
        }

        private String t(String key, Object... args) {
            return messages.get(key, locale, args);
        }

        void write() throws DocumentException {
            doc.add(new Paragraph(title, h1));
            doc.add(type.text(t("overview.pdf.lead", f.count(v.rows().size()), f.count(o.minGroupSize()))));
            heatMap();
            doc.newPage();
            clusters();
            doc.newPage();
            context();
            doc.newPage();
            pairs();
            identification();
            doc.add(heading(t("overview.pdf.method")));
            for (String key : List.of("overview.heatmap.help", "overview.clusters.help", "overview.context.help")) {
                doc.add(type.text(t(key)));
            }
        }

        private Paragraph heading(String text) {
            return type.heading(text, 10);
        }

        private PdfPCell cell(String text, Font font, int align) {
            PdfPCell c = new PdfPCell(new Phrase(text, font));
            c.setHorizontalAlignment(align);
            c.setVerticalAlignment(Element.ALIGN_MIDDLE);
            c.setPadding(2.5f);
            c.setBorderWidth(0.4f);
            return c;
        }

        /** A heat-map cell: the band's symbol and the number on the band's colour, or the words. */
        private PdfPCell heat(OverviewView.CellView c) {
            if (!c.shown()) {
                return cell(c.text(), smallItalic, Element.ALIGN_CENTER);
            }
            PdfPCell cell = cell(c.symbol() + " " + c.text(), small, Element.ALIGN_RIGHT);
            cell.setBackgroundColor(BAND.get(c.level()));
            return cell;
        }

        private void heatMap() throws DocumentException {
            doc.add(heading(t("overview.heatmap")));
            if (v.columns().isEmpty()) {
                doc.add(type.text(t("overview.heatmap.none")));
                return;
            }
            doc.add(type.text(v.rowOrder()));
            PdfPTable bands = new PdfPTable(v.bands().size() + 1);
            bands.setWidthPercentage(75);
            bands.setHorizontalAlignment(Element.ALIGN_LEFT);
            bands.setSpacingBefore(3);
            bands.setSpacingAfter(6);
            bands.addCell(cell(t("overview.heatmap.bands"), smallBold, Element.ALIGN_LEFT));
            for (OverviewView.BandView b : v.bands()) {
                PdfPCell cell = cell(b.symbol() + " " + b.name() + ": " + b.range(), small, Element.ALIGN_LEFT);
                cell.setBackgroundColor(BAND.get(b.level()));
                bands.addCell(cell);
            }
            doc.add(bands);
            PdfPTable table = new PdfPTable(3 + v.columns().size());
            table.setWidthPercentage(100);
            float[] widths = new float[3 + v.columns().size()];
            widths[0] = 1.2f;
            widths[1] = 7;
            widths[2] = 4.5f;
            for (int j = 3; j < widths.length; j++) {
                widths[j] = 2.6f;
            }
            table.setWidths(widths);
            table.setHeaderRows(1);
            table.addCell(cell(t("overview.number"), smallBold, Element.ALIGN_CENTER));
            table.addCell(cell(t("overview.school"), smallBold, Element.ALIGN_LEFT));
            table.addCell(cell(t("overview.municipality"), smallBold, Element.ALIGN_LEFT));
            for (OverviewView.ColumnView c : v.columns()) {
                table.addCell(cell(c.code(), smallBold, Element.ALIGN_CENTER));
            }
            for (OverviewView.RowView r : v.rows()) {
                table.addCell(cell(Integer.toString(r.number()), small, Element.ALIGN_RIGHT));
                table.addCell(cell(r.name(), small, Element.ALIGN_LEFT));
                table.addCell(cell(r.municipality(), small, Element.ALIGN_LEFT));
                r.cells().forEach(c -> table.addCell(heat(c)));
            }
            doc.add(table);
            // the codes' legend, two codes a line, kept together
            Paragraph codes = new Paragraph(t("overview.heatmap.codes"), smallBold);
            codes.setSpacingBefore(6);
            doc.add(codes);
            PdfPTable legend = new PdfPTable(new float[] {1.2f, 12, 1.2f, 12});
            legend.setWidthPercentage(100);
            legend.setKeepTogether(true);
            for (OverviewView.ColumnView c : v.columns()) {
                legend.addCell(cell(c.code(), smallBold, Element.ALIGN_LEFT));
                legend.addCell(cell(c.legend(), small, Element.ALIGN_LEFT));
            }
            legend.completeRow();
            doc.add(legend);
        }

        private void clusters() throws DocumentException {
            OverviewView.ClustersView c = v.clusters();
            doc.add(heading(t("overview.clusters")));
            doc.add(type.text(c.message()));
            for (OverviewView.ClusterView cl : c.clusters()) {
                Paragraph p = new Paragraph(cl.title(), h3);
                p.setSpacingBefore(8);
                doc.add(p);
                StringBuilder members = new StringBuilder();
                for (OverviewView.MemberView m : cl.members()) {
                    members.append(members.isEmpty() ? "" : "; ").append(m.name()).append(" (")
                            .append(t("overview.clusters.silhouette")).append(' ').append(m.silhouette())
                            .append(m.filled() == null ? "" : ", " + m.filled()).append(')');
                }
                doc.add(type.text(members.toString()));
                PdfPTable table = new PdfPTable(new float[] {8, 2, 3});
                table.setWidthPercentage(70);
                table.setHorizontalAlignment(Element.ALIGN_LEFT);
                table.setSpacingBefore(4);
                table.addCell(cell(t("overview.construct"), smallBold, Element.ALIGN_LEFT));
                table.addCell(cell(t("overview.clusters.mean"), smallBold, Element.ALIGN_RIGHT));
                table.addCell(cell(t("overview.clusters.position"), smallBold, Element.ALIGN_LEFT));
                for (int u = 0; u < cl.profile().size(); u++) {
                    table.addCell(cell(c.columns().get(u), small, Element.ALIGN_LEFT));
                    table.addCell(cell(cl.profile().get(u).score(), small, Element.ALIGN_RIGHT));
                    table.addCell(cell(cl.profile().get(u).position(), small, Element.ALIGN_LEFT));
                }
                doc.add(table);
            }
            if (!c.leftOut().isEmpty()) {
                Paragraph p = new Paragraph(t("overview.clusters.leftOut"), h3);
                p.setSpacingBefore(8);
                doc.add(p);
                for (String l : c.leftOut()) {
                    doc.add(type.text("• " + l));
                }
            }
        }

        private void pairs() throws DocumentException {
            doc.add(heading(t("overview.pairs")));
            if (v.pairs().isEmpty()) {
                doc.add(type.text(t("overview.pairs.none")));
            }
            for (OverviewView.PairView p : v.pairs()) {
                PdfPTable table = new PdfPTable(new float[] {8, 2.4f, 2.4f, 2});
                table.setWidthPercentage(75);
                table.setHorizontalAlignment(Element.ALIGN_LEFT);
                table.setSpacingBefore(9);
                // the pair's title is the table's first header row: it never stays behind alone at a page's foot
                table.setHeaderRows(2);
                table.setKeepTogether(true); // a pair on one page: its rows are read against each other
                PdfPCell title = new PdfPCell(new Phrase(t("overview.pairs.caption", p.supported(), p.mentor()), h3));
                title.setColspan(4);
                title.setBorder(PdfPCell.NO_BORDER);
                title.setPaddingBottom(4);
                table.addCell(title);
                table.addCell(cell(t("overview.construct"), smallBold, Element.ALIGN_LEFT));
                table.addCell(cell(t("overview.pairs.supported"), smallBold, Element.ALIGN_RIGHT));
                table.addCell(cell(t("overview.pairs.mentor"), smallBold, Element.ALIGN_RIGHT));
                table.addCell(cell(t("overview.pairs.difference"), smallBold, Element.ALIGN_RIGHT));
                for (OverviewView.PairRow r : p.rows()) {
                    table.addCell(cell(r.column(), small, Element.ALIGN_LEFT));
                    table.addCell(heat(r.supported()));
                    table.addCell(heat(r.mentor()));
                    table.addCell(cell(r.difference(), small, Element.ALIGN_RIGHT));
                }
                doc.add(table);
            }
        }

        /** The proposed categories with their reason and the coordinator's decisions (issue #20). */
        private void identification() throws DocumentException {
            doc.newPage();
            doc.add(heading(t("identification.pdf.title")));
            doc.add(type.text(t("identification.pdf.lead")));
            PdfPTable table = new PdfPTable(new float[] {4, 3, 3, 6, 3, 3});
            table.setWidthPercentage(100);
            table.setSpacingBefore(6);
            table.setHeaderRows(1);
            for (String key : List.of("staff.school.name", "staff.school.municipality", "identification.col.proposed",
                    "identification.pdf.because", "identification.col.decided", "identification.col.latest")) {
                table.addCell(cell(t(key), smallBold, Element.ALIGN_LEFT));
            }
            for (IdentificationPresenter.SummaryLine l : identification.summary(locale)) {
                for (String text : List.of(l.school(), l.municipality(), l.proposed(), l.because(), l.decided(), l.latest())) {
                    table.addCell(cell(text, small, Element.ALIGN_LEFT));
                }
            }
            doc.add(table);
        }

        private void context() throws DocumentException {
            OverviewView.ContextView c = v.context();
            doc.add(heading(t("overview.context")));
            doc.add(type.text(c.message()));
            if (!c.labels().isEmpty()) {
                doc.add(type.text(c.labels()));
            }
            if (c.chart() != null) {
                Image chart = Image.getInstance(scatter(c.chart()));
                chart.scaleToFit(440, 275);
                doc.add(chart);
                doc.add(new Paragraph(t("overview.context.caption"), smallItalic));
                StringBuilder key = new StringBuilder(t("overview.context.key")).append(' ');
                for (OverviewView.KeyEntry e : c.chart().key()) {
                    key.append(e.label()).append(" — ").append(e.name())
                            .append(e == c.chart().key().getLast() ? "." : "; ");
                }
                doc.add(type.text(key.toString()));
            }
            if (!c.beating().isEmpty()) {
                Paragraph p = new Paragraph(t("overview.context.beating", String.join("; ", c.beating())), h3);
                p.setSpacingBefore(6);
                doc.add(p);
            }
            if (c.rows().isEmpty()) {
                return;
            }
            PdfPTable table = new PdfPTable(new float[] {1, 7, 2, 2.4f, 2, 2, 2, 3.4f, 6});
            table.setWidthPercentage(100);
            table.setSpacingBefore(6);
            table.setHeaderRows(1);
            table.setKeepTogether(true); // no lone row on a page of its own
            for (String key : List.of("overview.number", "overview.school", "overview.context.index", "overview.context.bottomThird",
                    "overview.context.result",
                    "overview.context.predicted", "overview.context.resilience", "overview.context.verdict",
                    "overview.context.partners")) {
                table.addCell(cell(t(key), smallBold, Element.ALIGN_LEFT));
            }
            for (OverviewView.ContextRow r : c.rows()) {
                table.addCell(cell(r.number() == 0 ? "" : Integer.toString(r.number()), small, Element.ALIGN_RIGHT));
                table.addCell(cell(r.name(), small, Element.ALIGN_LEFT));
                table.addCell(cell(r.context(), small, Element.ALIGN_RIGHT));
                table.addCell(cell(r.bottomThird(), small, Element.ALIGN_RIGHT));
                table.addCell(cell(r.result(), small, Element.ALIGN_RIGHT));
                table.addCell(cell(r.predicted(), small, Element.ALIGN_RIGHT));
                table.addCell(cell(r.resilience(), small, Element.ALIGN_RIGHT));
                table.addCell(cell(r.verdict(), small, Element.ALIGN_LEFT));
                table.addCell(cell(r.partners(), small, Element.ALIGN_LEFT));
            }
            doc.add(table);
        }

        /** The page's scatter drawn as vectors: y flipped (PDF y grows upwards), same shapes and labels. */
        private PdfTemplate scatter(OverviewView.Chart ch) {
            PdfContentByte cb = writer.getDirectContent();
            float h = ch.height();
            PdfTemplate tp = cb.createTemplate(ch.width(), h);
            BaseFont font = fonts.regular();
            tp.setLineWidth(0.5f);
            tp.setGrayStroke(0.8f);
            for (OverviewView.ChartTick tk : ch.ticks()) {
                tp.moveTo(tk.x1(), h - tk.y1());
                tp.lineTo(tk.x2(), h - tk.y2());
                tp.stroke();
            }
            tp.setGrayStroke(0);
            tp.setLineWidth(0.8f);
            tp.moveTo(ch.plotLeft(), h - ch.plotTop());
            tp.lineTo(ch.plotLeft(), h - ch.plotBottom());
            tp.lineTo(ch.plotRight(), h - ch.plotBottom());
            tp.stroke();
            tp.beginText();
            tp.setFontAndSize(font, 9);
            tp.setGrayFill(0);
            for (OverviewView.ChartTick tk : ch.ticks()) {
                int align = "end".equals(tk.anchor()) ? PdfContentByte.ALIGN_RIGHT : PdfContentByte.ALIGN_CENTER;
                tp.showTextAligned(align, tk.label(), tk.labelX(), h - tk.labelY(), 0);
            }
            tp.setFontAndSize(font, 10);
            tp.showTextAligned(PdfContentByte.ALIGN_CENTER, ch.xTitle(), ch.xTitleX(), h - ch.xTitleY(), 0);
            tp.showTextAligned(PdfContentByte.ALIGN_LEFT, ch.yTitle(), ch.yTitleX(), h - ch.yTitleY(), 0);
            tp.endText();
            // the fitted line, dashed
            String[] line = ch.line().replace("M", "").replace("L", "").trim().split("\\s+");
            tp.setLineDash(6, 4, 0);
            tp.setLineWidth(1.2f);
            tp.moveTo(Float.parseFloat(line[0]), h - Float.parseFloat(line[1]));
            tp.lineTo(Float.parseFloat(line[2]), h - Float.parseFloat(line[3]));
            tp.stroke();
            tp.setLineDash(0);
            tp.setLineWidth(1);
            for (OverviewView.ChartPoint p : ch.points()) {
                float x = p.x();
                float y = h - p.y();
                if (p.cssClass().endsWith("triangle")) {
                    tp.moveTo(x, y + 7);
                    tp.lineTo(x + 7, y - 5);
                    tp.lineTo(x - 7, y - 5);
                    tp.closePath();
                    tp.setGrayFill(0);
                    tp.fillStroke();
                } else if (p.cssClass().endsWith("square")) {
                    tp.rectangle(x - 5, y - 5, 10, 10);
                    tp.setGrayFill(1);
                    tp.fillStroke();
                } else {
                    tp.circle(x, y, 5);
                    tp.setGrayFill(1);
                    tp.fillStroke();
                }
            }
            tp.beginText();
            tp.setFontAndSize(font, 9);
            tp.setGrayFill(0);
            for (OverviewView.ChartPoint p : ch.points()) {
                tp.showTextAligned(PdfContentByte.ALIGN_LEFT, p.label(), p.labelX(), h - p.labelY(), 0);
            }
            tp.endText();
            return tp;
        }
    }
}
