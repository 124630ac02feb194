package org.uklad.analysis;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;

/**
 * A statistic that is either shown or suppressed because it would rest on too few respondents.
 *
 * <p>A {@link Suppressed} value carries no numbers at all, not even the group size, so nothing
 * computed over fewer than {@link SuppressionPolicy#minGroupSize()} respondents can leak into an
 * output. Callers pattern-match:
 *
 * <pre>{@code
 * switch (result) {
 *     case Suppressible.Shown<GroupScaleResult>(var r) -> render(r);
 *     case Suppressible.Suppressed<GroupScaleResult> s -> renderDash();
 * }
 * }</pre>
 *
 * @param <T> type of the statistic
 */
public sealed interface Suppressible<T> permits Suppressible.Shown, Suppressible.Suppressed {

    /** A statistic computed over enough respondents. @param value the statistic, never null */
    record Shown<T>(T value) implements Suppressible<T> {
        public Shown {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A statistic withheld because its group was smaller than the minimum group size. */
    record Suppressed<T>() implements Suppressible<T> {
    }

    /** @return a shown value */
    static <T> Suppressible<T> shown(T value) {
        return new Shown<>(value);
    }

    /** @return the suppressed marker */
    static <T> Suppressible<T> suppressed() {
        return new Suppressed<>();
    }

    /** @return true when the value is withheld */
    default boolean isSuppressed() {
        return this instanceof Suppressed;
    }

    /**
     * @return the value
     * @throws NoSuchElementException when suppressed
     */
    default T orElseThrow() {
        if (this instanceof Shown<T>(T v)) {
            return v;
        }
        throw new NoSuchElementException("statistic suppressed: too few respondents");
    }

    /** @return the value, or {@code other} when suppressed */
    default T orElse(T other) {
        return this instanceof Shown<T>(T v) ? v : other;
    }

    /** Applies {@code f} to a shown value; a suppressed value stays suppressed. */
    default <R> Suppressible<R> map(Function<? super T, ? extends R> f) {
        return this instanceof Shown<T>(T v) ? new Shown<>(f.apply(v)) : new Suppressed<>();
    }
}
