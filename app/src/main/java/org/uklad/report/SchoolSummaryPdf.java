package org.uklad.report;

import jakarta.inject.Singleton;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.Image;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfTemplate;
import org.openpdf.text.pdf.PdfWriter;
import org.uklad.indices.SchoolIndex;
import org.uklad.indices.Text;
import org.uklad.questionnaires.IndexKind;
import org.uklad.risk.RiskPresenter;
import org.uklad.system.Messages;
import org.uklad.system.PdfFonts;
import org.uklad.system.PdfKit;
import org.uklad.system.ReportFormat;

/**
 * Lays a {@link SchoolSummary} out as an A4 PDF. Page 1 is what a director reads first: the school,
 * the responses and the main findings. Then the overview (chart of 0–100 scores with 95% intervals
 * per construct and respondent group, this school beside its reference, and the numbers as a table)
 * with the change since the previous wave; the problem matrix; teachers' shared values (rWG(J)
 * explained) and the real–ideal gap chart; focus groups; method notes with alpha per scale. Every
 * page has "page X of Y" and the generation time; the document carries its title and language
 * ({@code /Lang}) as metadata.
 *
 * <p>Tables: short column labels that never break inside a word, with a legend under the table;
 * a table that fits on a page is never split, a longer one starts only where its header and a few
 * rows fit, and repeats its header rows on every page. When the reader may not see the partner
 * ({@link SchoolSummary.Reference#HIDDEN}), every table and chart has this school's side only.
 *
 * <p>Suppressed entries print the bundle's "fewer than k answers" and nothing else. All texts come
 * from the message bundles ({@code report.*}) and the questionnaires' own titles.
 */
@Singleton
class SchoolSummaryPdf {

    private static final float MARGIN = 42;
    private static final float FOOTER = 28;

    /** The summary's type: portrait A4 read at a desk. */
    static final PdfKit.Sizes SIZES = new PdfKit.Sizes(18, 13, 10.5f, 9.5f, 8, 12.5f);

    private final PdfKit kit;
    private final PdfFonts fonts;
    private final Messages messages;
    private final ComparisonSections comparisons;
    private final FocusGroupSection focusGroups;
    private final RiskPresenter risk;

    SchoolSummaryPdf(PdfKit kit, Messages messages, RiskPresenter risk) {
        this.kit = kit;
        this.risk = risk;
        this.fonts = kit.fonts();
        this.messages = messages;
        this.comparisons = new ComparisonSections(kit, messages);
        this.focusGroups = new FocusGroupSection(kit, messages);
    }

    static boolean isLevel(SchoolSummary.Row row) {
        return row.index().indexKind() == IndexKind.LEVEL || row.index().indexKind() == IndexKind.AGREEMENT;
    }

    byte[] render(SchoolSummary s, Locale locale, ReportFormat f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        Document document = new Document(PageSize.A4, MARGIN, MARGIN, MARGIN, MARGIN + FOOTER);
        try {
            PdfWriter writer = kit.open(document, out, new PdfKit.Metadata(
                    text("report.metadata.title", locale, s.school().name(), s.wave().name()),
                    text("report.document.subject", locale), text("app.name", locale), locale, s.generatedAt(), f.zone()));
            new Pages(document, writer, s, locale, f).write();
            document.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("Writing the school summary", e);
        }
        String left = text("report.footer.generated", locale, s.school().name(), f.dateTime(s.generatedAt()),
                f.zone().getId());
        return kit.stampFooter(out.toByteArray(), new PdfKit.Footer(MARGIN, MARGIN - 6, left,
                (page, pages) -> text("report.footer.page", locale, Integer.toString(page), Integer.toString(pages))));
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.get(key, locale, args);
    }

    /** The pages of one document; not reused. */
    private final class Pages {
        private final Document doc;
        private final PdfWriter writer;
        private final SchoolSummary s;
        private final Locale locale;
        private final ReportFormat f;
        private final PdfKit.Type type = kit.type(SIZES);
        private final Font h1 = type.titleFont();
        private final Font h2 = type.headingFont();
        private final Font h3 = type.subheadingFont();
        private final Font body = type.bodyFont();
        private final Font small = type.noteFont();
        private final Font factLabel = fonts.font(8, true);
        private final SummaryCells cells = new SummaryCells(fonts);
        private final boolean english;

        Pages(Document doc, PdfWriter writer, SchoolSummary s, Locale locale, ReportFormat f) {
            this.doc = doc;
            this.writer = writer;
            this.s = s;
            this.locale = locale;
            this.f = f;
            this.english = "en".equals(locale.getLanguage());
        }

        void write() throws DocumentException {
            titlePage();
            findings();
            // the safety page right after the first: a school with weekly bullying is told on page 2
            new SafetySection(kit, messages).write(doc, s.safety(), locale, f);
            doc.newPage();
            overview();
            comparisons.changeSincePrevious(doc, writer, s, locale, f);
            doc.newPage();
            comparisons.problemMatrix(doc, writer, s, locale, f);
            doc.newPage();
            new RiskPdfSection(kit, messages).write(doc, risk.section(s.risk(), false, locale), locale);
            doc.newPage();
            sharedValues();
            doc.newPage();
            focusGroups.write(doc, writer, s.focusGroups(), locale, f);
            doc.newPage();
            methodNotes();
        }

        private String t(String key, Object... args) {
            return text(key, locale, args);
        }

        private String local(Text text) {
            return english ? text.en() : text.ru();
        }

        private String suppressed() {
            return t("report.suppressed", f.count(s.minGroupSize()));
        }

        private String referenceName() {
            return s.partner() != null ? s.partner().name() : t("report.reference.wave");
        }

        /** Whether the reference has a side of its own in tables and charts (not for a hidden partner). */
        private boolean twoSides() {
            return s.reference() != SchoolSummary.Reference.HIDDEN;
        }

        /** Column widths: the label, then the given columns once per side shown. */
        private float[] widths(float label, float... side) {
            int sides = twoSides() ? 2 : 1;
            float[] w = new float[1 + side.length * sides];
            w[0] = label;
            for (int i = 0; i < sides; i++) {
                System.arraycopy(side, 0, w, 1 + i * side.length, side.length);
            }
            return w;
        }

        private String referenceLabel() {
            return t("report.reference." + s.reference().name().toLowerCase(Locale.ROOT));
        }

        /** The construct's level name with its respondent group (unless the name carries the form already). */
        private String rowLabel(SchoolSummary.Row row) {
            return withRole(row, row.names().level());
        }

        /** The name of the respondents' agreement (rWG(J)), told apart from the level's. */
        private String agreementLabel(SchoolSummary.Row row) {
            return withRole(row, row.names().agreement());
        }

        private String withRole(SchoolSummary.Row row, Text name) {
            return local(name) + (row.names().namesForm() ? ""
                    : " (" + t("report.role." + Findings.role(row)).toLowerCase(locale) + ")");
        }

        // ---- title page ----

        private void titlePage() throws DocumentException {
            doc.add(new Paragraph(t("app.name") + " · " + t("report.document.title"), h3));
            Paragraph name = new Paragraph(s.school().name(), h1);
            name.setSpacingBefore(24);
            name.setSpacingAfter(12);
            doc.add(name);
            PdfPTable facts = new PdfPTable(new float[] {1.1f, 2.9f});
            facts.setWidthPercentage(100);
            fact(facts, t("report.title.municipality"), s.school().municipality());
            fact(facts, t("report.title.category"), t("report.category." + s.school().category().name()));
            String partner = s.reference() == SchoolSummary.Reference.HIDDEN ? t("report.title.partner.hidden")
                    : s.partner() == null ? t("report.title.partner.none")
                    : t(s.partnerIsMentor() ? "report.title.partner.mentor" : "report.title.partner.supported",
                    s.partner().name());
            fact(facts, t("report.title.partner"), partner);
            fact(facts, t("report.title.wave"), s.wave().name() + " (" + t("report.wave.kind." + s.wave().kind().name()) + ")");
            fact(facts, t("report.title.dates"), t("report.title.dates.value", f.date(s.wave().opensAt()),
                    f.date(s.wave().closesAt())));
            fact(facts, t("report.title.generated"), f.dateTime(s.generatedAt()) + " (" + f.zone().getId() + ")");
            doc.add(facts);

            heading(t("report.title.responses"), 16);
            boolean partner2 = s.partner() != null;
            PdfPTable table = partner2 ? new PdfPTable(new float[] {1.2f, 2.2f, 1f, 1f, 1f, 1f})
                    : new PdfPTable(new float[] {1.2f, 2.2f, 1f, 1f});
            table.setHeaderRows(2);
            cells.head(table, t("report.column.role"), 1, 2);
            cells.head(table, t("report.column.questionnaire"), 1, 2);
            cells.head(table, t("report.school.this"), 2, 1);
            if (partner2) {
                cells.head(table, t("report.reference.partner"), 2, 1);
            }
            for (int i = 0; i < (partner2 ? 2 : 1); i++) {
                cells.head(table, t("report.short.responses"), 1, 1);
                cells.head(table, t("report.short.rate"), 1, 1);
            }
            for (SchoolSummary.RoleCount r : s.roles()) {
                cells.cell(table, t("report.role." + r.role().name().toLowerCase(Locale.ROOT)), Element.ALIGN_LEFT);
                cells.cell(table, local(r.questionnaire()), Element.ALIGN_LEFT);
                counts(table, r.responses(), r.ratePercent());
                if (partner2) {
                    counts(table, r.partnerResponses(), r.partnerRatePercent());
                }
            }
            place(table);
            note(t("report.title.responses.note", f.count(s.minGroupSize())));
        }

        /** The main findings, on the first page under the responses: what a director reads first. */
        private void findings() throws DocumentException {
            heading(t("report.overview.findings"), 14);
            for (String finding : Findings.of(s, messages, locale, f)) {
                Paragraph p = new Paragraph("•  " + finding, body);
                p.setIndentationLeft(10);
                p.setFirstLineIndent(-10);
                p.setSpacingAfter(3);
                doc.add(p);
            }
        }

        private void counts(PdfPTable table, Long n, Double rate) {
            if (n == null) {
                PdfPCell c = cells.cell(suppressed(), Element.ALIGN_CENTER);
                c.setColspan(2);
                table.addCell(c);
            } else {
                cells.cell(table, f.count(n), Element.ALIGN_RIGHT);
                cells.cell(table, rate == null ? t("report.none") : t("report.rate", f.percent(rate)), Element.ALIGN_RIGHT);
            }
        }

        private void fact(PdfPTable table, String label, String value) {
            PdfPCell l = new PdfPCell(new Phrase(label, factLabel));
            PdfPCell v = new PdfPCell(new Phrase(value, body));
            for (PdfPCell c : List.of(l, v)) {
                c.setBorder(Rectangle.BOTTOM);
                c.setBorderColor(new java.awt.Color(0xBB, 0xBB, 0xBB));
                c.setPaddingTop(5);
                c.setPaddingBottom(6);
                table.addCell(c);
            }
        }

        // ---- overview ----

        private void overview() throws DocumentException {
            heading(t("report.overview.title"), 0);
            List<SchoolSummary.Row> rows = s.constructs().stream().filter(SchoolSummaryPdf::isLevel).toList();
            doc.add(new Paragraph(twoSides() ? t("report.overview.lead", referenceName()) : t("report.overview.lead.alone"),
                    small));
            if (!rows.isEmpty()) {
                int sides = twoSides() ? 2 : 1;
                List<String> labels = new ArrayList<>();
                double[][][] values = new double[sides][rows.size()][];
                for (int i = 0; i < rows.size(); i++) {
                    SchoolSummary.Row row = rows.get(i);
                    labels.add(rowLabel(row) + (Findings.comparable(row.school()) ? "" : " — " + suppressed()));
                    values[0][i] = score(row.school());
                    if (twoSides()) {
                        values[1][i] = score(row.reference());
                    }
                }
                float height = Math.min(400, 60 + rows.size() * (twoSides() ? 29 : 20));
                chart(SummaryCharts.bars(labels, seriesNames(), values, t("report.chart.score"), 0.0, 100.0, fonts, f),
                        height);
            }
            PdfPTable table = titled(t("report.overview.table"), widths(3.0f, 0.9f, 1.4f, 0.7f));
            sideBySideHead(table, "report.column.construct", "report.short.score", "report.short.interval", "report.short.n");
            for (SchoolSummary.Row row : rows) {
                cells.cell(table, rowLabel(row), Element.ALIGN_LEFT);
                scoreCells(table, row.school());
                if (twoSides()) {
                    scoreCells(table, row.reference());
                }
            }
            place(table);
            note(t("report.legend.scores"));
        }

        /** The names of the chart's series: this school, and its reference when it has a side. */
        private List<String> seriesNames() {
            return twoSides() ? List.of(t("report.school.this"), referenceLabel()) : List.of(t("report.school.this"));
        }

        private double[] score(SchoolIndex x) {
            return Findings.comparable(x)
                    ? new double[] {x.score100().mean(), x.score100().ciLower(), x.score100().ciUpper()} : null;
        }

        private void scoreCells(PdfPTable table, SchoolIndex x) {
            if (!Findings.comparable(x)) {
                PdfPCell c = cells.cell(suppressed(), Element.ALIGN_CENTER);
                c.setColspan(3);
                table.addCell(c);
                return;
            }
            cells.cell(table, f.score(x.score100().mean()), Element.ALIGN_RIGHT);
            cells.cell(table, f.interval(x.score100().ciLower(), x.score100().ciUpper()), Element.ALIGN_RIGHT);
            cells.cell(table, f.count(x.n()), Element.ALIGN_RIGHT);
        }

        // ---- shared values and gap ----

        private void sharedValues() throws DocumentException {
            heading(t("report.agreement.title"), 0);
            List<SchoolSummary.Row> agreement = s.constructs().stream()
                    .filter(r -> r.index().indexKind() == IndexKind.AGREEMENT).toList();
            if (agreement.isEmpty()) {
                doc.add(new Paragraph(t("report.agreement.absent"), body));
            } else {
                doc.add(new Paragraph(t("report.agreement.lead"), body));
                PdfPTable table = new PdfPTable(widths(2.2f, 1.0f, 1.7f, 0.7f));
                table.setSpacingBefore(8);
                table.setHeaderRows(2);
                sideBySideHead(table, "report.column.construct", "report.short.rwg", "report.short.band", "report.short.n");
                for (SchoolSummary.Row row : agreement) {
                    cells.cell(table, agreementLabel(row), Element.ALIGN_LEFT);
                    agreementCells(table, row.school());
                    if (twoSides()) {
                        agreementCells(table, row.reference());
                    }
                }
                place(table);
                note(t("report.legend.agreement"));
            }

            heading(t("report.gap.title"), 16);
            List<SchoolSummary.Row> gaps = s.constructs().stream()
                    .filter(r -> r.index().indexKind() == IndexKind.GAP).toList();
            if (gaps.isEmpty()) {
                doc.add(new Paragraph(t("report.gap.absent"), body));
                return;
            }
            doc.add(new Paragraph(t("report.gap.lead"), body));
            for (SchoolSummary.Row row : gaps) {
                gapOverall(t("report.school.this"), row.school());
                if (twoSides()) {
                    gapOverall(referenceLabel(), row.reference());
                }
                List<String> labels = new ArrayList<>();
                List<SchoolIndex.PairGap> mine = pairs(row.school());
                List<SchoolIndex.PairGap> theirs = pairs(row.reference());
                double[][][] values = new double[twoSides() ? 2 : 1][mine.size()][];
                for (int i = 0; i < mine.size(); i++) {
                    String pair = mine.get(i).pair();
                    labels.add(Findings.pairText(row, pair, locale));
                    values[0][i] = gap(mine.get(i));
                    if (twoSides()) {
                        values[1][i] = theirs.stream().filter(p -> p.pair().equals(pair)).findFirst().map(this::gap)
                                .orElse(null);
                    }
                }
                if (!mine.isEmpty()) {
                    chart(SummaryCharts.bars(labels, seriesNames(), values, t("report.chart.gap"), null, null, fonts, f),
                            Math.min(400, 60 + mine.size() * (twoSides() ? 29 : 20)));
                }
                PdfPTable table = new PdfPTable(widths(3.2f, 0.9f, 1.5f, 0.7f));
                table.setHeaderRows(2);
                sideBySideHead(table, "report.column.pair", "report.short.gap", "report.short.interval", "report.short.n");
                for (String pair : row.pairTexts().keySet()) {
                    cells.cell(table, Findings.pairText(row, pair, locale), Element.ALIGN_LEFT);
                    pairCells(table, pairs(row.school()), pair);
                    if (twoSides()) {
                        pairCells(table, pairs(row.reference()), pair);
                    }
                }
                place(table);
                note(t("report.legend.gap"));
            }
        }

        private List<SchoolIndex.PairGap> pairs(SchoolIndex x) {
            return x.suppressed() || x.gap() == null ? List.of() : x.gap().pairs();
        }

        private double[] gap(SchoolIndex.PairGap p) {
            return p.suppressed() || p.mean() == null || p.ciLower() == null || p.ciUpper() == null ? null
                    : new double[] {p.mean(), p.ciLower(), p.ciUpper()};
        }

        private void pairCells(PdfPTable table, List<SchoolIndex.PairGap> pairs, String pair) {
            SchoolIndex.PairGap p = pairs.stream().filter(x -> x.pair().equals(pair)).findFirst().orElse(null);
            if (p == null || gap(p) == null) {
                PdfPCell c = cells.cell(suppressed(), Element.ALIGN_CENTER);
                c.setColspan(3);
                table.addCell(c);
                return;
            }
            cells.cell(table, f.coefficient(p.mean()), Element.ALIGN_RIGHT);
            cells.cell(table, f.coefficientInterval(p.ciLower(), p.ciUpper()), Element.ALIGN_RIGHT);
            cells.cell(table, f.count(p.n()), Element.ALIGN_RIGHT);
        }

        private void gapOverall(String who, SchoolIndex x) throws DocumentException {
            SchoolIndex.GapIndex g = x.gap();
            String line;
            if (x.suppressed() || g == null || g.mean() == null || g.nowMean() == null || g.idealMean() == null
                    || g.ciLower() == null || g.ciUpper() == null) {
                line = who + ": " + suppressed();
            } else {
                line = who + ". " + t("report.gap.overall", f.coefficient(g.nowMean()), f.coefficient(g.idealMean()),
                        f.coefficient(g.mean()), f.coefficientInterval(g.ciLower(), g.ciUpper()), f.count(x.n()));
            }
            Paragraph p = new Paragraph(line, body);
            p.setSpacingBefore(4);
            doc.add(p);
        }

        private void agreementCells(PdfPTable table, SchoolIndex x) {
            if (x.suppressed() || x.rwgJ() == null) {
                PdfPCell c = cells.cell(suppressed(), Element.ALIGN_CENTER);
                c.setColspan(3);
                table.addCell(c);
                return;
            }
            cells.cell(table, f.coefficient(x.rwgJ()), Element.ALIGN_RIGHT);
            cells.cell(table, t("report.agreement.band." + Findings.band(x.rwgJ())), Element.ALIGN_LEFT);
            cells.cell(table, f.count(x.n()), Element.ALIGN_RIGHT);
        }

        // ---- method notes ----

        private void methodNotes() throws DocumentException {
            heading(t("report.method.title"), 0);
            for (String key : List.of("report.method.scores", "report.method.interval")) {
                paragraph(t(key));
            }
            paragraph(twoSides() ? t("report.method.comparison", referenceName()) : t("report.method.comparison.alone"));
            paragraph(t("report.method.suppressed", f.count(s.minGroupSize())));
            for (String key : List.of("report.method.agreement", "report.method.gap", "report.method.alpha")) {
                paragraph(t(key));
            }
            PdfPTable table = titled(t("report.method.alpha.table"), widths(3.6f, 0.8f, 0.8f));
            sideBySideHead(table, "report.column.construct", "report.short.alpha", "report.short.n");
            for (SchoolSummary.Row row : s.constructs().stream().filter(SchoolSummaryPdf::isLevel).toList()) {
                cells.cell(table, rowLabel(row), Element.ALIGN_LEFT);
                alphaCells(table, row.school());
                if (twoSides()) {
                    alphaCells(table, row.reference());
                }
            }
            place(table);
            note(t("report.legend.alpha"));
        }

        private void alphaCells(PdfPTable table, SchoolIndex x) {
            if (x.suppressed()) {
                PdfPCell c = cells.cell(suppressed(), Element.ALIGN_CENTER);
                c.setColspan(2);
                table.addCell(c);
                return;
            }
            cells.cell(table, x.alpha() == null ? suppressed() : f.coefficient(x.alpha()), Element.ALIGN_RIGHT);
            cells.cell(table, f.count(x.n()), Element.ALIGN_RIGHT);
        }

        // ---- building blocks ----

        /**
         * The two header rows of a table that sets this school beside its reference: the row label
         * over both rows, then each side's columns under its name.
         */
        private void sideBySideHead(PdfPTable table, String rowLabelKey, String... columnKeys) {
            cells.head(table, t(rowLabelKey), 1, 2);
            cells.head(table, t("report.school.this"), columnKeys.length, 1);
            if (twoSides()) {
                cells.head(table, referenceLabel(), columnKeys.length, 1);
            }
            for (int side = 0; side < (twoSides() ? 2 : 1); side++) {
                for (String key : columnKeys) {
                    cells.head(table, t(key), 1, 1);
                }
            }
        }

        /**
         * A side-by-side table under a heading that is its first header row, so the heading never stays
         * behind at a page's foot; {@link #sideBySideHead} adds the other two header rows.
         */
        private PdfPTable titled(String heading, float[] widths) {
            PdfPTable table = new PdfPTable(widths);
            table.setSpacingBefore(10);
            PdfPCell title = new PdfPCell(new Phrase(heading, h2));
            title.setColspan(widths.length);
            title.setBorder(Rectangle.NO_BORDER);
            title.setPaddingBottom(6);
            table.addCell(title);
            table.setHeaderRows(3);
            return table;
        }

        /** A table on the page's full width, placed so that no row is left alone (see {@link SummaryCells#place}). */
        private void place(PdfPTable table) throws DocumentException {
            cells.place(doc, writer, table);
        }

        private void heading(String text, float before) throws DocumentException {
            doc.add(type.heading(text, before));
        }

        private void paragraph(String text) throws DocumentException {
            doc.add(type.paragraph(text));
        }

        private void note(String text) throws DocumentException {
            doc.add(type.note(text));
        }

        /** A chart as vector graphics in a form XObject, placed in the text flow. */
        private void chart(JFreeChart chart, float height) throws DocumentException {
            float width = doc.getPageSize().getWidth() - 2 * MARGIN;
            PdfTemplate template = writer.getDirectContent().createTemplate(width, height);
            Graphics2D g = template.createGraphics(width, height, fonts.mapper());
            try {
                chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
            } finally {
                g.dispose();
            }
            Image image = Image.getInstance(template);
            image.setSpacingBefore(6);
            image.setSpacingAfter(4);
            doc.add(image);
        }
    }
}
