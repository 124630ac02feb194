package org.uklad.risk;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.uklad.indices.ConstructLabels;
import org.uklad.indices.Text;
import org.uklad.questionnaires.RiskLevel;
import org.uklad.system.Messages;
import org.uklad.system.ReportFormat;
import org.uklad.system.ReportFormats;

/**
 * Formats a {@link RiskProfile} for a reader ({@link RiskSection}): for the dashboard's section,
 * the school PDF and the coordinator's matrix page, so all three say the same.
 */
@Singleton
public class RiskPresenter {

    private final Messages messages;
    private final ReportFormats formats;

    RiskPresenter(Messages messages, ReportFormats formats) {
        this.messages = messages;
        this.formats = formats;
    }

    /**
     * @param programmeLinks whether to offer "create a support programme" per factor (coordinators)
     */
    public RiskSection section(RiskProfile profile, boolean programmeLinks, Locale locale) {
        ReportFormat f = formats.of(locale);
        List<RiskSection.FactorRow> rows = new ArrayList<>();
        List<RiskSection.Unmeasured> unmeasured = new ArrayList<>();
        for (RiskProfile.Factor factor : profile.factors()) {
            if (!factor.measured()) {
                unmeasured.add(new RiskSection.Unmeasured(factor.id(), local(factor.name(), locale), local(factor.why(), locale)));
                continue;
            }
            List<String> evidence = new ArrayList<>();
            LinkedHashSet<String> rules = new LinkedHashSet<>();
            for (RiskProfile.Evidence e : factor.evidence()) {
                evidence.add(evidence(e, f, locale));
                rules.add(local(e.rule(), locale));
            }
            rows.add(new RiskSection.FactorRow(factor.id(), local(factor.name(), locale), local(factor.meaning(), locale),
                    css(factor.level()), symbol(factor.level()), word(factor.level(), locale), evidence,
                    List.copyOf(rules), programmeLinks
                            ? "/staff/programmes/new?school=" + profile.schoolId() + "&risk=" + factor.id() : null));
        }
        return new RiskSection(messages.get("risk.lead", locale, f.count(profile.minGroupSize()), profile.catalogueVersion()),
                legend(locale), rows, unmeasured);
    }

    /** The levels with their symbols and words, highest first. */
    public List<RiskSection.Level> legend(Locale locale) {
        return java.util.Arrays.stream(RiskLevel.values())
                .map(l -> new RiskSection.Level(css(l), symbol(l), word(l, locale))).toList();
    }

    /** One figure in words: the figure, what it rests on, and the level it gives. */
    String evidence(RiskProfile.Evidence e, ReportFormat f, Locale locale) {
        String subject = local(e.subject(), locale);
        String level = word(e.level(), locale);
        if (e.value() == null) {
            return messages.get("risk.evidence.none", locale, subject);
        }
        String figure = switch (e.source()) {
            case CONSTRUCT -> e.mean() != null && e.lower() != null && e.upper() != null
                    ? messages.get("risk.evidence.construct", locale, f.percent(e.value()), count(e.n(), f),
                    f.score(e.mean()), f.score(e.lower()), f.score(e.upper()))
                    : messages.get("risk.evidence.construct.short", locale, f.percent(e.value()), count(e.n(), f));
            case MATRIX -> messages.get("risk.evidence.matrix", locale, f.count(Math.round(e.value())), count(e.n(), f));
            case EXTERNAL -> messages.get("risk.evidence.external", locale, f.percent(e.value()), count(e.n(), f));
            case CONTEXT -> messages.get("risk.evidence.context", locale, f.percent(e.value()), count(e.n(), f));
            case PROFILE -> RiskProfiles.number(e.value(), locale);
        };
        return messages.get("risk.evidence", locale, subject, figure, level);
    }

    private static String count(Long n, ReportFormat f) {
        return n == null ? "—" : f.count(n);
    }

    /** The css class of a level (the word and symbol carry the meaning). */
    public static String css(RiskLevel level) {
        return "risk-" + level.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The symbol of a level: ‼ high, ! medium, ○ low, … not enough data (all in the PDF's font). */
    public static String symbol(RiskLevel level) {
        return switch (level) {
            case HIGH -> "‼";
            case MEDIUM -> "!";
            case LOW -> "○";
            case NOT_ENOUGH_DATA -> "…";
        };
    }

    /** The level's word ("высокий риск"). */
    public String word(RiskLevel level, Locale locale) {
        return messages.get("risk.level." + level.name(), locale);
    }

    static String local(Text t, Locale locale) {
        return t == null ? "" : ConstructLabels.local(t, locale);
    }
}
