package org.uklad.indices;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * @param minGroupSize the anonymity threshold: no figure rests on fewer respondents
 *                     ({@code uklad.indices.min-group-size}, default 5, never below 3)
 * @param computeThreads platform threads that compute whole waves ({@code uklad.indices.compute-threads};
 *                       0, the default, means half the processors, at least one)
 */
@ConfigurationProperties("uklad.indices")
record IndicesConfiguration(@Bindable(defaultValue = "5") int minGroupSize,
                            @Bindable(defaultValue = "0") int computeThreads) {}
