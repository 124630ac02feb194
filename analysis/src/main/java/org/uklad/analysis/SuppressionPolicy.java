package org.uklad.analysis;

/**
 * The small-group rule: a statistic over fewer than {@code minGroupSize} respondents is not
 * computed into any output but marked {@link Suppressible.Suppressed}.
 *
 * @param minGroupSize the minimum number of respondents a statistic may rest on; default
 *     {@value #DEFAULT_MIN_GROUP_SIZE}, never below {@value #LOWEST_ALLOWED}
 */
public record SuppressionPolicy(int minGroupSize) {

    /** Default minimum group size (the product's anonymity rule). */
    public static final int DEFAULT_MIN_GROUP_SIZE = 5;
    /** The lowest minimum group size that may be configured. */
    public static final int LOWEST_ALLOWED = 3;
    /** The default policy, k = 5. */
    public static final SuppressionPolicy DEFAULT = new SuppressionPolicy(DEFAULT_MIN_GROUP_SIZE);

    /** @throws IllegalArgumentException when {@code minGroupSize < 3} */
    public SuppressionPolicy {
        if (minGroupSize < LOWEST_ALLOWED) {
            throw new IllegalArgumentException(
                    "minimum group size must be at least " + LOWEST_ALLOWED + ", was " + minGroupSize);
        }
    }

    /** @return true when a statistic over {@code n} respondents may be shown */
    public boolean allows(long n) {
        return n >= minGroupSize;
    }

    /** Wraps {@code value} as shown when {@code n} is large enough, else suppressed. */
    public <T> Suppressible<T> apply(long n, java.util.function.Supplier<T> value) {
        return allows(n) ? Suppressible.shown(value.get()) : Suppressible.suppressed();
    }
}
