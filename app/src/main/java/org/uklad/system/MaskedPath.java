package org.uklad.system;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.regex.Pattern;

/**
 * A request path as logs, metrics and error details may carry it: whatever follows {@code /s/} or
 * {@code /surveys/} (an access code, or what someone typed as one) is masked, as anyone holding a
 * code can answer in its group's name. Every place that writes a path goes through here.
 */
public final class MaskedPath {

    /** What stands in for a code: as long as a code, so lines stay aligned. */
    public static final String MASK = "**********";

    /** The segment after {@code /s/} or {@code /surveys/}, unless it is a route template's {@code {code}}. */
    private static final Pattern CODE_SEGMENT = Pattern.compile("(?<=/s/|/surveys/)(?!\\{)[^/?#]+");

    private MaskedPath() {
    }

    public static String of(String path) {
        return path == null ? "" : CODE_SEGMENT.matcher(path).replaceAll(MASK);
    }

    /**
     * Metrics: the server metrics tag requests with the route template ({@code /s/{code}}), but fall
     * back to the raw path when no route matched; this filter masks the code in any {@code uri} tag.
     */
    @Factory
    static final class Metrics {
        @Singleton
        MeterFilter maskAccessCodesInUris() {
            return MeterFilter.replaceTagValues("uri", MaskedPath::of);
        }
    }
}
