package org.uklad.context;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Random;
import org.uklad.wave.DemoSeed;

/**
 * The demo's external results: a state-exam mean per school in both demo waves, rising with the
 * school's planned level (the families' resources in the demo answers follow it too) with a little
 * noise, and one supported school clearly above what its conditions predict, so the coordinator's
 * context view has a line and a school that beats it. Off outside the {@code dev} environment.
 */
@Singleton
@Requires(property = "uklad.demo.enabled", value = "true")
class DemoExternalResults implements ApplicationEventListener<DemoSeed.Seeded> {

    static final String LABEL = "ОГЭ, математика, средний балл";

    private final ExternalResults results;

    DemoExternalResults(ExternalResults results) {
        this.results = results;
    }

    @Override
    public void onApplicationEvent(DemoSeed.Seeded event) {
        Random random = new Random(20251001);
        long resilient = event.schools().stream().filter(DemoSeed.DemoSchool::supported).skip(1).findFirst()
                .map(DemoSeed.DemoSchool::id).orElse(-1L);
        for (long wave : List.of(event.entryWaveId(), event.interimWaveId())) {
            for (DemoSeed.DemoSchool s : event.schools()) {
                double result = 2.9 + 1.6 * s.level() + random.nextGaussian() * 0.06 + (s.id() == resilient ? 0.3 : 0);
                results.save(wave, s.id(), Math.round(result * 100) / 100.0, LABEL);
            }
        }
    }
}
