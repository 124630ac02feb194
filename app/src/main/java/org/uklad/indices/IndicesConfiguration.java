package org.uklad.indices;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * @param minGroupSize the anonymity threshold: no figure rests on fewer respondents
 *                     ({@code uklad.indices.min-group-size}, default 5, never below 3)
 */
@ConfigurationProperties("uklad.indices")
record IndicesConfiguration(@Bindable(defaultValue = "5") int minGroupSize) {}
