package org.uklad.indices;

import io.micronaut.core.annotation.Nullable;
import java.util.Locale;

/**
 * The named level of a construct from its percent favourable, the one place its cut points live
 * (the dashboard's legend, the PDF and the README quote them from here):
 * <pre>
 *   high    percent favourable ≥ {@value #HIGH_FROM}
 *   medium  {@value #MEDIUM_FROM} ≤ percent favourable &lt; {@value #HIGH_FROM}
 *   low     percent favourable &lt; {@value #MEDIUM_FROM}
 * </pre>
 * Fixed cut points, the same for every school, wave and questionnaire, so that a band means the
 * same on every page and a change of band between waves is a change of the school, not of the
 * other schools: "high" means that at least seven answers in ten are favourable (the
 * scale's favourable points), "low" that fewer than half are. They are a reading aid, not a norm;
 * whether a difference from the partner or an earlier wave is real is decided by {@link Verdict}.
 */
public enum LevelBand {
    HIGH, MEDIUM, LOW;

    /** The lowest percent favourable of "high". */
    public static final double HIGH_FROM = 70.0;
    /** The lowest percent favourable of "medium"; below it is "low". */
    public static final double MEDIUM_FROM = 50.0;

    /** The band of a percent favourable, or null when there is none (a group not shown). */
    public static @Nullable LevelBand of(@Nullable Double percentFavourable) {
        if (percentFavourable == null || percentFavourable.isNaN()) {
            return null;
        }
        return percentFavourable >= HIGH_FROM ? HIGH : percentFavourable >= MEDIUM_FROM ? MEDIUM : LOW;
    }

    /** The message key of the band's name ({@code band.high}: "высокий уровень"). */
    public String messageKey() {
        return "band." + name().toLowerCase(Locale.ROOT);
    }

    /** The symbol that carries the band without colour: ▲ high, ● medium, ▼ low. */
    public String symbol() {
        return switch (this) {
            case HIGH -> "▲";
            case MEDIUM -> "●";
            case LOW -> "▼";
        };
    }
}
