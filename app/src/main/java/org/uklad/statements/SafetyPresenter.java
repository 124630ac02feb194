package org.uklad.statements;

import jakarta.inject.Singleton;
import java.util.Locale;
import org.uklad.system.Messages;
import org.uklad.system.ReportFormats;

/**
 * Builds the safety fragment's {@link SafetyView} ({@code views/staff/safety.html :: safety(model)}).
 * For a page that shows the section (the statements page; the dashboard):
 * {@code view(waveId, schoolId, locale)}, after the page has checked that the caller may read the school.
 */
@Singleton
public class SafetyPresenter {

    private final Statements statements;
    private final Messages messages;
    private final ReportFormats formats;

    SafetyPresenter(Statements statements, Messages messages, ReportFormats formats) {
        this.statements = statements;
        this.messages = messages;
        this.formats = formats;
    }

    /** The safety section of a school in a wave, read and formatted (the caller has checked access). */
    public SafetyView view(long waveId, long schoolId, Locale locale) {
        return view(statements.safety(waveId, schoolId), locale);
    }

    /** Figures already read, formatted. */
    public SafetyView view(SafetyFigures s, Locale locale) {
        Locale language = Messages.supported(locale);
        return new SafetyFormat(messages).view(s, language, formats.of(language));
    }

    /** An SVG width: never a locale's decimal comma. */
    static String bar(double percent) {
        return String.format(Locale.ROOT, "%.2f%%", Math.max(0, Math.min(100, percent)));
    }
}
