package org.uklad.statements;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.uklad.indices.Text;
import org.uklad.system.Messages;
import org.uklad.system.ReportFormat;

/**
 * The safety section's texts in one language: the page fragment ({@link SafetyPresenter}) and
 * the PDF summary print the same words and figures.
 */
public final class SafetyFormat {

    private final Messages messages;

    public SafetyFormat(Messages messages) {
        this.messages = messages;
    }

    /** The figures formatted in a supported language with its format. */
    public SafetyView view(SafetyFigures s, Locale language, ReportFormat f) {
        boolean en = "en".equals(language.getLanguage());
        String suppressed = t("report.suppressed", language, f.count(s.minGroupSize()));
        List<SafetyView.Block> blocks = s.questionnaires().stream().map(q -> new SafetyView.Block(q.questionnaireKey(),
                t("report.role." + q.respondent().toLowerCase(Locale.ROOT), language) + " · " + local(q.title(), en),
                q.suppressed(),
                q.hurt().stream().map(h -> hurt(h, f, language, en)).toList(),
                q.where().stream().map(w -> where(w, f, language, en)).toList())).toList();
        String verdict = !s.flagShown() ? null
                : t(s.attention() ? "safety.verdict.attention" : "safety.verdict.below", language, f.percent(s.attentionPercent()));
        return new SafetyView(s.attention(), verdict, t("safety.rule", language, f.percent(s.attentionPercent())),
                s.questionnaires().isEmpty(), suppressed, blocks);
    }

    private SafetyView.HurtRow hurt(SafetyFigures.Hurt h, ReportFormat f, Locale locale, boolean en) {
        String text = local(h.text(), en);
        if (h.suppressed()) {
            return new SafetyView.HurtRow(h.itemId(), text, true, "", "", null, "", "");
        }
        String n = t("safety.n", locale, f.count(h.n()));
        String hurt = t("safety.hurt", locale, local(h.hurtFrom(), en), percent(h.hurtPercent(), f, locale),
                f.count(h.hurt()), f.count(h.n()));
        if (h.flagFrom() == null) {
            return new SafetyView.HurtRow(h.itemId(), text, false, n, hurt, null, t("safety.mark.noflag", locale),
                    "safety-noflag");
        }
        String flagged = t("safety.flagged", locale, local(h.flagFrom(), en), percent(h.flaggedPercent(), f, locale),
                f.count(h.flagged()), f.count(h.n()));
        return new SafetyView.HurtRow(h.itemId(), text, false, n, hurt, flagged,
                t(h.attention() ? "safety.mark.attention" : "safety.mark.below", locale),
                h.attention() ? "safety-attention" : "safety-below");
    }

    private SafetyView.WhereRow where(SafetyFigures.Where w, ReportFormat f, Locale locale, boolean en) {
        String text = local(w.text(), en);
        if (w.suppressed()) {
            return new SafetyView.WhereRow(w.itemId(), text, true, "", List.of());
        }
        List<SafetyView.Place> places = w.places().stream()
                .sorted(Comparator.comparingLong(SafetyFigures.Place::count).reversed())
                .map(p -> new SafetyView.Place(local(p.label(), en), StatementsPresenter.answer(local(p.label(), en),
                        percent(p.percent(), f, locale), f.count(p.count())), SafetyPresenter.bar(p.percent())))
                .toList();
        return new SafetyView.WhereRow(w.itemId(), text, false, t("safety.where.n", locale, f.count(w.n())), places);
    }

    private String percent(double x, ReportFormat f, Locale locale) {
        return t("report.rate", locale, f.percent(x));
    }

    private static String local(Text text, boolean en) {
        return en ? text.en() : text.ru();
    }

    private String t(String key, Locale locale, Object... args) {
        return messages.get(key, locale, args);
    }
}
