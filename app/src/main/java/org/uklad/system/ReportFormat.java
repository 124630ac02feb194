package org.uklad.system;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How numbers and dates are printed in the PDF, one rule per kind of figure, in the language of
 * the document (Russian: decimal comma; English: decimal point; no digit grouping):
 * <ul>
 *   <li>scores on 0–100 and their 95% interval bounds: one decimal ({@code 62,5}, interval
 *       {@code 55,0–70,0}, cut at 0 and 100);
 *   <li>agreement rWG(J), Cronbach's alpha, gaps on the scale's points: two decimals;
 *   <li>response rates: whole percent;
 *   <li>differences on 0–100: one decimal with a sign; p-values: three decimals, below 0.001 as
 *       {@code < 0,001}; effect sizes (Hedges' g): two decimals;
 *   <li>counts: whole numbers.
 * </ul>
 * Rounding is half-up on the exact decimal value of the double, the way the tests format the API's
 * numbers to compare them. A negative number carries the typographic minus (U+2212, {@code −0,25}),
 * not the hyphen, which a reader takes for a dash and which a line may break after.
 */
public final class ReportFormat {

    /** The typographic minus sign (U+2212). */
    public static final char MINUS = '\u2212';

    private final Locale locale;
    private final ZoneId zone;

    public ReportFormat(Locale locale, ZoneId zone) {
        this.locale = locale;
        this.zone = zone;
    }

    /** A 0–100 score or interval bound. */
    public String score(double x) {
        return decimals(x, 1);
    }

    /**
     * A 95% interval of a 0–100 score, cut at the ends of the scale: the t interval of a mean near 0
     * or 100 reaches past it ("43,7–100,8"), where no score can lie. The method notes say so.
     */
    public String interval(double lower, double upper) {
        return score(Math.max(0, lower)) + "–" + score(Math.min(100, upper));
    }

    /** rWG(J), alpha, a gap in scale points. */
    public String coefficient(double x) {
        return decimals(x, 2);
    }

    /** A gap interval in scale points. */
    public String coefficientInterval(double lower, double upper) {
        return coefficient(lower) + "…" + coefficient(upper);
    }

    /** A difference on 0–100 with its sign ({@code +4,2}, {@code −4,2}). */
    public String signedScore(double x) {
        String s = score(x);
        return x > 0 && !s.equals(score(0)) ? "+" + s : s;
    }

    /** A coefficient with its sign ({@code +0,50}, {@code −0,25}; zero has none). */
    public String signedCoefficient(double x) {
        String s = coefficient(x);
        return x > 0 && !s.equals(coefficient(0)) ? "+" + s : s;
    }

    /** A p-value: three decimals, or {@code < 0,001}. */
    public String pValue(double p) {
        return p < 0.001 ? "< " + decimals(0.001, 3) : decimals(p, 3);
    }

    public String count(long n) {
        return Long.toString(n);
    }

    public String percent(double x) {
        return decimals(x, 0);
    }

    public String date(Instant t) {
        return DateTimeFormatter.ofPattern(datePattern(), locale).withZone(zone).format(t);
    }

    /** A calendar day (a focus group's date) in the same form as {@link #date(Instant)}. */
    public String date(LocalDate day) {
        return DateTimeFormatter.ofPattern(datePattern(), locale).format(day);
    }

    private String datePattern() {
        return russian() ? "dd.MM.yyyy" : "yyyy-MM-dd";
    }

    public String dateTime(Instant t) {
        return DateTimeFormatter.ofPattern(russian() ? "dd.MM.yyyy HH:mm" : "yyyy-MM-dd HH:mm", locale).withZone(zone)
                .format(t);
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean russian() {
        return "ru".equals(locale.getLanguage());
    }

    /** {@code x} with exactly {@code places} decimals in this language, a negative one with {@link #MINUS}. */
    public String decimals(double x, int places) {
        BigDecimal rounded = new BigDecimal(x).setScale(places, RoundingMode.HALF_UP);
        if (rounded.signum() == 0) {
            rounded = rounded.abs(); // never "-0,0"
        }
        DecimalFormat f = new DecimalFormat(places == 0 ? "0" : "0." + "0".repeat(places),
                DecimalFormatSymbols.getInstance(russian() ? Locale.forLanguageTag("ru") : Locale.ENGLISH));
        f.setGroupingUsed(false);
        // the JDK writes a hyphen or U+2212 depending on the locale's data: one sign for both languages
        return f.format(rounded).replace('-', MINUS);
    }
}
