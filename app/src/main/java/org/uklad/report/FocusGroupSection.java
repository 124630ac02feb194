package org.uklad.report;

import java.util.List;
import java.util.Locale;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.Paragraph;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;
import org.uklad.focusgroup.FocusSummaries;
import org.uklad.system.Messages;
import org.uklad.system.PdfFonts;
import org.uklad.system.PdfKit;
import org.uklad.system.ReportFormat;

/**
 * The focus-group page of the school summary: sessions and participants by audience, coded
 * excerpts by construct and sentiment, a few representative quotes, and the triangulation with the
 * survey indices by the rule of {@link FocusSummaries} (this class only prints its verdicts).
 *
 * <p>It shows what the focus-group summary page shows to the same readers: the counts, the quotes
 * the psychologist marked as representative (at most {@value #QUOTES}), never notes or other
 * excerpts. Quotes are free text and are set as plain text runs: nothing in them is interpreted.
 * Survey scores come suppressed from the indices, so a group under the threshold prints "no survey
 * figure" and no number.
 */
final class FocusGroupSection {

    /** Quotes printed at most: a page a director reads, not the whole coding. */
    static final int QUOTES = 6;

    private final PdfFonts fonts;
    private final PdfKit.Type type;
    private final Messages messages;

    FocusGroupSection(PdfKit kit, Messages messages) {
        this.fonts = kit.fonts();
        this.type = kit.type(SchoolSummaryPdf.SIZES);
        this.messages = messages;
    }

    /** Writes the section at the current position (the caller starts it on a new page). */
    void write(Document doc, PdfWriter pdf, FocusSummaries.Summary summary, Locale locale, ReportFormat f)
            throws DocumentException {
        new Writer(doc, pdf, summary, locale, f).write();
    }

    private final class Writer {
        private final Document doc;
        private final PdfWriter pdf;
        private final FocusSummaries.Summary s;
        private final Locale locale;
        private final ReportFormat f;
        private final Font body = type.bodyFont();
        private final Font small = type.noteFont();
        private final SummaryCells cells = new SummaryCells(fonts);

        Writer(Document doc, PdfWriter pdf, FocusSummaries.Summary s, Locale locale, ReportFormat f) {
            this.pdf = pdf;
            this.doc = doc;
            this.s = s;
            this.locale = locale;
            this.f = f;
        }

        private String t(String key, Object... args) {
            return messages.get(key, locale, args);
        }

        private String audience(org.uklad.questionnaires.Respondent r) {
            return t("focus.audience." + r.name());
        }

        void write() throws DocumentException {
            heading(t("report.focus.title"), 0);
            if (s.sessions().isEmpty()) {
                doc.add(type.text(t("report.focus.none")));
                return;
            }
            for (FocusSummaries.SessionCount c : s.sessions()) {
                doc.add(new Paragraph(t("report.focus.sessions", audience(c.audience()), f.count(c.sessions()),
                        f.count(c.participants())), body));
            }
            themes();
            quotes();
            triangulation();
        }

        private void themes() throws DocumentException {
            heading(t("report.focus.themes"), 10);
            if (s.byCode().isEmpty()) {
                doc.add(type.text(t("report.focus.noExcerpts")));
                return;
            }
            PdfPTable table = new PdfPTable(new float[] {3.4f, 1f, 1f, 1f, 1f});
            table.setWidthPercentage(100);
            table.setHeaderRows(1);
            cells.head(table, t("report.column.construct"));
            cells.head(table, t("focus.sentiment.POSITIVE"));
            cells.head(table, t("focus.sentiment.NEGATIVE"));
            cells.head(table, t("focus.sentiment.MIXED"));
            cells.head(table, t("focus.summary.totalColumn"));
            for (FocusSummaries.CodeCount c : s.byCode()) {
                cells.cell(table, c.label(), Element.ALIGN_LEFT);
                for (int n : new int[] {c.positive(), c.negative(), c.mixed(), c.total()}) {
                    cells.cell(table, f.count(n), Element.ALIGN_RIGHT);
                }
            }
            cells.place(doc, pdf, table);
            note(t("focus.summary.total", f.count(s.excerpts())));
        }

        private void quotes() throws DocumentException {
            heading(t("focus.summary.quotes"), 12);
            List<FocusSummaries.Quote> chosen = s.quotes().stream().limit(QUOTES).toList();
            if (chosen.isEmpty()) {
                doc.add(type.text(t("report.focus.noQuotes")));
                return;
            }
            for (FocusSummaries.Quote q : chosen) {
                // the excerpt is one plain text run: markup in it is printed, never interpreted
                Paragraph p = new Paragraph("«" + q.text() + "»", body);
                p.setIndentationLeft(12);
                p.setSpacingBefore(4);
                doc.add(p);
                Paragraph who = new Paragraph("— " + t("report.focus.quoteSource", audience(q.audience()), q.label(),
                        t("focus.sentiment." + q.sentiment().name())), small);
                who.setIndentationLeft(24);
                doc.add(who);
            }
            if (s.quotes().size() > chosen.size()) {
                note(t("report.focus.moreQuotes", f.count(s.quotes().size() - chosen.size())));
            }
        }

        private void triangulation() throws DocumentException {
            heading(t("focus.summary.triangulation"), 12);
            if (s.triangulation().isEmpty()) {
                doc.add(type.text(t("report.focus.noExcerpts")));
                return;
            }
            List<FocusSummaries.Triangulation> disagree = s.triangulation().stream()
                    .filter(FocusSummaries.Triangulation::flagged).toList();
            if (disagree.isEmpty()) {
                doc.add(type.text(t("report.focus.noDisagreement")));
            }
            for (FocusSummaries.Triangulation d : disagree) {
                Paragraph p = new Paragraph("•  " + t(d.balance() < 0 ? "report.focus.disagree.negative"
                        : "report.focus.disagree.positive", d.label(), audience(d.audience()),
                        f.score(d.surveyScore())), body);
                p.setIndentationLeft(10);
                p.setFirstLineIndent(-10);
                p.setSpacingAfter(3);
                doc.add(p);
            }
            PdfPTable table = new PdfPTable(new float[] {1.2f, 2.6f, 0.9f, 0.9f, 1.2f, 1.4f});
            table.setWidthPercentage(100);
            table.setSpacingBefore(6);
            table.setHeaderRows(1);
            cells.head(table, t("report.column.role"));
            cells.head(table, t("report.column.construct"));
            cells.head(table, t("focus.summary.excerptsColumn"));
            cells.head(table, t("focus.summary.balance"));
            cells.head(table, t("focus.summary.survey"));
            cells.head(table, t("focus.summary.verdict"));
            for (FocusSummaries.Triangulation r : s.triangulation()) {
                cells.cell(table, t("report.role." + r.audience().name().toLowerCase(Locale.ROOT)), Element.ALIGN_LEFT);
                cells.cell(table, r.label(), Element.ALIGN_LEFT);
                cells.cell(table, f.count(r.excerpts()), Element.ALIGN_RIGHT);
                cells.cell(table, f.signedCoefficient(r.balance()), Element.ALIGN_RIGHT);
                cells.cell(table, r.surveyScore() == null ? t("focus.summary.noSurvey") : f.score(r.surveyScore()),
                        Element.ALIGN_RIGHT);
                cells.cell(table, t("focus.agreement." + r.agreement().name()), Element.ALIGN_LEFT);
            }
            cells.place(doc, pdf, table);
            note(t("focus.summary.rule"));
        }

        /** The section's heading at the top of its page, a sub-heading below. */
        private void heading(String text, float before) throws DocumentException {
            doc.add(before == 0 ? type.heading(text, 0) : type.subheading(text, before));
        }

        private void note(String text) throws DocumentException {
            doc.add(type.note(text));
        }

    }
}
