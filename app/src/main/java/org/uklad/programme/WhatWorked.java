package org.uklad.programme;

import io.micronaut.core.annotation.Introspected;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.uklad.account.StaffPages;
import org.uklad.system.Messages;
import org.uklad.system.ReportFormat;
import org.uklad.system.ReportFormats;

/**
 * The coordinator's "what worked" page: every measure of every programme with a measured effect on
 * a construct (the school's group and the comparison shown in both waves, at least k), one row per
 * later wave, ranked by the difference of the changes, the largest first, so successful practices
 * can be passed on. External results carry no interval and are left out (their figures are on the
 * programme's page and report).
 */
@Singleton
class WhatWorked {

    /** The page's model. */
    @Introspected
    record WhatWorkedPage(StaffPages.Chrome chrome, String rule, List<Row> rows) {}

    /** One measured step, as shown. */
    @Introspected
    record Row(int rank, long programmeId, String programme, String pair, String measure, String indicator,
               String period, String difference, String interval, String symbol, String verdict, String css,
               double value) {}

    private final MeasuredEffects effects;
    private final EffectPresenter presenter;
    private final Messages messages;
    private final ReportFormats formats;

    WhatWorked(MeasuredEffects effects, EffectPresenter presenter, Messages messages, ReportFormats formats) {
        this.effects = effects;
        this.presenter = presenter;
        this.messages = messages;
        this.formats = formats;
    }

    WhatWorkedPage page(StaffPages.Chrome chrome, Locale locale) {
        ReportFormat f = formats.of(locale);
        List<Row> unranked = new ArrayList<>();
        int k = 0;
        for (MeasuredEffects.ProgrammeEffects p : effects.all()) {
            k = p.minGroupSize();
            String pair = p.mentorSchool() == null ? p.supportedSchool()
                    : messages.get("whatworked.pair", locale, p.supportedSchool(), p.mentorSchool());
            for (MeasureEffect m : p.measures()) {
                if (!"CONSTRUCT".equals(m.indicatorKind())) {
                    continue;
                }
                for (MeasureEffect.Step s : m.steps()) {
                    if (!s.measured() || s.ciLower() == null) {
                        continue;
                    }
                    unranked.add(new Row(0, p.programmeId(), p.title(), pair, m.measure(),
                            f.russian() ? m.indicator().ru() : m.indicator().en(), m.baseline() + " → " + s.period(),
                            f.signedScore(s.difference()), f.signedScore(s.ciLower()) + " … " + f.signedScore(s.ciUpper()),
                            EffectPresenter.symbol(s.verdict()), presenter.verdict(s.verdict(), locale),
                            "effect-" + s.verdict().toLowerCase(Locale.ROOT).replace('_', '-'), s.difference()));
                }
            }
        }
        List<Row> sorted = unranked.stream().sorted(Comparator.comparingDouble(Row::value).reversed()).toList();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Row r = sorted.get(i);
            rows.add(new Row(i + 1, r.programmeId(), r.programme(), r.pair(), r.measure(), r.indicator(), r.period(),
                    r.difference(), r.interval(), r.symbol(), r.verdict(), r.css(), r.value()));
        }
        return new WhatWorkedPage(chrome, messages.get("whatworked.rule", locale,
                k == 0 ? String.valueOf(org.uklad.analysis.SuppressionPolicy.DEFAULT_MIN_GROUP_SIZE) : String.valueOf(k)), rows);
    }
}
