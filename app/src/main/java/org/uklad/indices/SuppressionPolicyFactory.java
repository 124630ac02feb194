package org.uklad.indices;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import org.uklad.analysis.SuppressionPolicy;

/**
 * The small-group rule of the whole service, built eagerly so that a threshold below the
 * allowed minimum stops the start instead of surfacing on the first dashboard request.
 */
@Factory
class SuppressionPolicyFactory {

    @Context
    SuppressionPolicy suppressionPolicy(IndicesConfiguration configuration) {
        try {
            return new SuppressionPolicy(configuration.minGroupSize());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("uklad.indices.min-group-size must be at least "
                    + SuppressionPolicy.LOWEST_ALLOWED + " (no figure may rest on fewer respondents), but is "
                    + configuration.minGroupSize(), e);
        }
    }
}
