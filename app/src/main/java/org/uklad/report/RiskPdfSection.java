package org.uklad.report;

import java.util.Locale;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.uklad.risk.RiskSection;
import org.uklad.system.Messages;
import org.uklad.system.PdfKit;

/**
 * The risk profile page of the school summary, in the words the dashboard's section uses
 * ({@link org.uklad.risk.RiskPresenter}): each factor's level as a symbol and a word (it reads in
 * black and white), its figures and rule; then what the instruments cannot measure.
 */
final class RiskPdfSection {

    private final PdfKit.Type type;
    private final Messages messages;

    RiskPdfSection(PdfKit kit, Messages messages) {
        this.type = kit.type(SchoolSummaryPdf.SIZES);
        this.messages = messages;
    }

    /** Writes the section from where the document stands (the caller starts the page). */
    void write(Document doc, RiskSection risk, Locale locale) throws DocumentException {
        doc.add(type.heading(messages.get("risk.title", locale), 0));
        doc.add(type.paragraph(risk.lead()));
        for (RiskSection.FactorRow f : risk.factors()) {
            doc.add(type.subheading(f.symbol() + " " + f.name() + ": " + f.word(), 8));
            for (String e : f.evidence()) {
                doc.add(type.text("– " + e));
            }
            for (String r : f.rules()) {
                doc.add(type.note(messages.get("risk.rules", locale) + ": " + r));
            }
        }
        if (!risk.unmeasured().isEmpty()) {
            doc.add(type.subheading(messages.get("risk.unmeasured", locale), 12));
            for (RiskSection.Unmeasured u : risk.unmeasured()) {
                doc.add(type.text(u.name() + ": " + u.why()));
            }
        }
    }
}
