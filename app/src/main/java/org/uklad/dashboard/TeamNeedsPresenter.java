package org.uklad.dashboard;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.uklad.indices.ConstructIndex;
import org.uklad.indices.ConstructLabels;
import org.uklad.indices.LevelBand;
import org.uklad.indices.QuestionnaireIndices;
import org.uklad.indices.SchoolIndex;
import org.uklad.indices.WaveIndices;
import org.uklad.questionnaires.IndexKind;
import org.uklad.system.Messages;
import org.uklad.system.ReportFormat;
import org.uklad.system.ReportFormats;

/**
 * The team's training needs of one school ({@link TeamNeeds}), from the teachers' needs
 * questionnaire ({@value #QUESTIONNAIRE}). Its constructs are worded as readiness, so that a higher
 * score is better as everywhere else; an area's need is the other side, the share of answers that
 * are not favourable (100 − percent favourable, with the readiness rounded first so that the two
 * shown add up to 100). The levels of need are the readiness bands of {@link LevelBand} read from
 * the other side: a low readiness is a great need. Figures only from the indices as computed, so a
 * group under the minimum size shows none.
 */
@Singleton
class TeamNeedsPresenter {

    /** The questionnaire whose level constructs are the team's areas of need. */
    static final String QUESTIONNAIRE = "teachers-needs";
    /** At most this many areas are named in the answer; the rest are in the list beneath. */
    static final int NAMED = 3;

    private final Messages messages;
    private final ReportFormats formats;

    TeamNeedsPresenter(Messages messages, ReportFormats formats) {
        this.messages = messages;
        this.formats = formats;
    }

    /** One area with the school's entry, before formatting. */
    private record Area(String id, String title, SchoolIndex entry, ConstructIndex.ScaleInfo scale, int order) {

        boolean shown() {
            return entry != null && !entry.suppressed() && entry.percentFavourable() != null;
        }

        /** The need in whole percent: 100 − the readiness as the cards round it. */
        int need() {
            return 100 - new BigDecimal(entry.percentFavourable()).setScale(0, RoundingMode.HALF_UP).intValue();
        }

        /** The level from the readiness as it is, so that it agrees with the band of the area's card. */
        Level level() {
            return Level.of(entry.percentFavourable());
        }
    }

    /** The section, or null when the wave has no teachers' needs questionnaire (then the page shows none). */
    @Nullable TeamNeeds section(WaveIndices all, long schoolId, Locale locale) {
        List<Area> areas = new ArrayList<>();
        for (QuestionnaireIndices q : all.questionnaires()) {
            if (!q.key().equals(QUESTIONNAIRE)) {
                continue;
            }
            for (ConstructIndex c : q.constructs()) {
                if (c.indexKind() == IndexKind.LEVEL) {
                    areas.add(new Area(c.construct(), ConstructLabels.local(c.title(), locale), c.entryOf(schoolId),
                            c.scale(), areas.size()));
                }
            }
        }
        if (areas.isEmpty()) {
            return null;
        }
        ReportFormat f = formats.of(locale);
        int k = all.minGroupSize();
        // greatest need (lowest readiness) first; equal shares by the lower mean, then in the questionnaire's order
        List<Area> shown = areas.stream().filter(Area::shown)
                .sorted(Comparator.comparingDouble((Area a) -> a.entry().percentFavourable())
                        .thenComparing(a -> a.entry().mean() == null ? Double.MAX_VALUE : a.entry().mean())
                        .thenComparingInt(Area::order))
                .toList();
        List<TeamNeeds.Need> rows = new ArrayList<>();
        for (Area a : shown) {
            Level level = a.level();
            SchoolIndex e = a.entry();
            rows.add(new TeamNeeds.Need(area(a, locale), false, t("report.rate", locale, f.percent(a.need())),
                    "need-" + level.name().toLowerCase(Locale.ROOT), level.symbol + " " + t(level.key(), locale),
                    t("report.rate", locale, f.percent(100 - a.need())),
                    e.mean() == null ? "—" : t("dashboard.raw.value", locale, f.coefficient(e.mean()),
                            Integer.toString(a.scale().min()), Integer.toString(a.scale().max())),
                    e.n() == null ? "—" : f.count(e.n())));
        }
        for (Area a : areas) {
            if (!a.shown()) {
                rows.add(new TeamNeeds.Need(area(a, locale), true, "", "need-none",
                        t("dashboard.suppressed", locale, f.count(k)), "", "", ""));
            }
        }
        return new TeamNeeds(answer(shown, k, f, locale), t("needs.rule", locale, f.percent(100 - LevelBand.MEDIUM_FROM),
                f.percent(100 - LevelBand.HIGH_FROM)), rows);
    }

    /** The director's answer: the areas of great or moderate need, the greatest first. */
    private String answer(List<Area> shown, int k, ReportFormat f, Locale locale) {
        if (shown.isEmpty()) {
            return t("needs.answer.suppressed", locale, f.count(k));
        }
        List<String> named = shown.stream().filter(a -> a.level() != Level.SMALL).limit(NAMED)
                .map(a -> training(a, locale)).toList();
        if (named.isEmpty()) {
            return t("needs.answer.none", locale, f.percent(LevelBand.HIGH_FROM));
        }
        String and = t("needs.answer.and", locale);
        String list = named.size() == 1 ? named.getFirst()
                : String.join(", ", named.subList(0, named.size() - 1)) + " " + and + " " + named.getLast();
        return t("needs.answer", locale, list);
    }

    /** The area's name as a heading ("Работа с родителями"); the construct's title for an area the texts do not know. */
    private String area(Area a, Locale locale) {
        return known("needs.area." + a.id(), locale, a.title());
    }

    /** The area as what the training is in ("работе с родителями", "working with parents"). */
    private String training(Area a, Locale locale) {
        return known("needs.training." + a.id(), locale, a.title());
    }

    private String known(String key, Locale locale, String otherwise) {
        String text = messages.get(key, locale);
        return text.equals(key) ? otherwise : text;
    }

    private String t(String key, Locale locale, Object... args) {
        return messages.get(key, locale, args);
    }

    /** The need's level: the readiness band read from the other side; more dots, more need. */
    enum Level {
        GREAT("●●●"), MODERATE("●●○"), SMALL("●○○");

        final String symbol;

        Level(String symbol) {
            this.symbol = symbol;
        }

        static Level of(double readiness) {
            return switch (LevelBand.of(readiness)) {
                case LOW -> GREAT;
                case MEDIUM -> MODERATE;
                case HIGH -> SMALL;
                case null -> throw new IllegalArgumentException("no readiness");
            };
        }

        String key() {
            return "needs.level." + name().toLowerCase(Locale.ROOT);
        }
    }
}
