package org.uklad.statements;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.uklad.account.StaffPages;
import org.uklad.indices.Text;
import org.uklad.school.School;
import org.uklad.system.Messages;
import org.uklad.system.ReportFormat;
import org.uklad.system.ReportFormats;
import org.uklad.wave.Wave;

/** Builds the statements page's {@link StatementsPage} from what {@link Statements} read. */
@Singleton
class StatementsPresenter {

    /** A segment narrower than this (percent of the bar) has its percent only in the legend: it would not fit at 360 px. */
    static final double ON_BAR_FROM = 12.0;
    /** Distinct fills (pattern and shade); answers past them reuse them in order, their legend still tells them apart. */
    static final int FILLS = 7;

    private final Messages messages;
    private final ReportFormats formats;
    private final SafetyPresenter safety;

    StatementsPresenter(Messages messages, ReportFormats formats, SafetyPresenter safety) {
        this.messages = messages;
        this.formats = formats;
        this.safety = safety;
    }

    StatementsPage page(StaffPages.Chrome chrome, Wave wave, School school, Statements.Read read, Locale locale) {
        ReportFormat f = formats.of(locale);
        boolean en = "en".equals(locale.getLanguage());
        SchoolStatements s = read.statements();
        String k = f.count(s.minGroupSize());
        List<StatementsPage.Block> blocks = new ArrayList<>();
        for (SchoolStatements.QuestionnaireStatements q : s.questionnaires()) {
            List<StatementsPage.Group> groups = new ArrayList<>();
            for (SchoolStatements.Group g : q.groups()) {
                String title = g.title() == null ? t("statements.other", locale) : local(g.title(), en);
                groups.add(new StatementsPage.Group(q.questionnaireKey() + "-" + (g.construct() == null ? "other" : g.construct()),
                        title, g.statements().stream().map(st -> row(st, f, locale, en)).toList()));
            }
            blocks.add(new StatementsPage.Block(q.questionnaireKey(),
                    t("report.role." + q.respondent().toLowerCase(Locale.ROOT), locale) + " · " + local(q.title(), en),
                    q.respondents() == null ? "" : t("statements.respondents", locale, f.count(q.respondents())),
                    q.suppressed(), groups));
        }
        return new StatementsPage(chrome, wave.id(), school.id(), wave.name(), school.name(),
                t("statements.lead", locale, k), t("report.suppressed", locale, k), blocks,
                safety.view(read.safety(), locale));
    }

    private StatementsPage.Row row(SchoolStatements.Statement st, ReportFormat f, Locale locale, boolean en) {
        String text = local(st.text(), en);
        boolean multiple = "multiple".equals(st.type());
        String note = multiple ? t("statements.note.multiple", locale)
                : st.reverse() ? t("statements.note.reverse", locale) : null;
        if (st.suppressed()) {
            return new StatementsPage.Row(st.itemId(), text, note, true, "", !multiple, List.of(), text, null);
        }
        List<StatementsPage.Segment> segments = new ArrayList<>();
        List<String> spoken = new ArrayList<>();
        double at = 0;
        for (int i = 0; i < st.answers().size(); i++) {
            SchoolStatements.Answer a = st.answers().get(i);
            String label = local(a.label(), en);
            String percent = t("report.rate", locale, f.percent(a.percent()));
            String legend = answer(label, percent, f.count(a.count()));
            double x = multiple ? 0 : at;
            segments.add(new StatementsPage.Segment(label, legend, percent, SafetyPresenter.bar(x),
                    SafetyPresenter.bar(a.percent()), SafetyPresenter.bar(x + a.percent() / 2),
                    a.percent() >= ON_BAR_FROM, a.exclusive() ? "fill-x" : "fill-" + (i % FILLS)));
            spoken.add(legend);
            at += a.percent();
        }
        return new StatementsPage.Row(st.itemId(), text, note, false, t("statements.n", locale, f.count(st.n())), !multiple,
                segments, text + ": " + String.join("; ", spoken),
                st.percentFavourable() == null ? null
                        : t("statements.favourable", locale, t("report.rate", locale, f.percent(st.percentFavourable()))));
    }

    /** "Agree: 40 % (12)": the same in both languages. */
    static String answer(String label, String percent, String count) {
        return label + ": " + percent + " (" + count + ")";
    }

    private static String local(Text text, boolean en) {
        return en ? text.en() : text.ru();
    }

    private String t(String key, Locale locale, Object... args) {
        return messages.get(key, locale, args);
    }
}
