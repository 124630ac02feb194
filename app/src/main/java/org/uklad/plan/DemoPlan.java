package org.uklad.plan;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;
import org.uklad.wave.DemoSeed;

/**
 * The demo's plan: seed 003's standard set of indicators, with two entered facts, a regulation
 * package adopted (reached) and four of six exchange events held (not yet), so the plan page shows
 * computed and entered facts with both statuses. Off outside the {@code dev} environment.
 */
@Singleton
@Requires(property = "uklad.demo.enabled", value = "true")
class DemoPlan implements ApplicationEventListener<DemoSeed.Seeded> {

    private final Plans plans;
    private final PlanRepositories.IndicatorRepository indicators;

    DemoPlan(Plans plans, PlanRepositories.IndicatorRepository indicators) {
        this.plans = plans;
        this.indicators = indicators;
    }

    @Override
    public void onApplicationEvent(DemoSeed.Seeded event) {
        plans.createStandardSet();
        String day = plans.today().minusDays(10).toString();
        enter(3, "1", day, "Положение о поддержке школ утверждено");
        enter(6, "4", day, "Семинары в Школе № 2 (демо) и Лицее № 4 (демо)");
    }

    private void enter(int standardRow, String value, String day, String note) {
        indicators.findByStandardRow(standardRow).ifPresent(i -> plans.enterFact(new Plans.FactInput(
                String.valueOf(i.id()), "", "", value, day, note)));
    }
}
