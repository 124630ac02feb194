package org.uklad.plan;

/**
 * The facts Uklad counts itself for a programme indicator ({@code programme_indicator.source}).
 * Each is computed for a scope: the region (every school), one municipality or one school; the
 * "identified" schools are those of category ШНРО or ШРССУ. Each figure comes with what is behind
 * it: the schools, pairs, waves or programmes counted.
 */
public enum Metric {

    /**
     * Waves run: the number of waves with at least one published response of an identified school
     * in the scope (entry, interim and final monitoring). Behind it: the waves, oldest first.
     */
    WAVES_RUN(false),

    /**
     * Share of identified schools with a support programme: identified schools in the scope that
     * are the supported school of at least one programme, in per cent of all identified schools in
     * the scope (no figure without identified schools). Behind it: the schools with a programme.
     */
    IDENTIFIED_WITH_PROGRAMME(false),

    /**
     * Partnership pairs: the number of partnerships (mentor school and supported school) whose
     * supported school is in the scope. Behind it: the pairs, "mentor → supported".
     */
    PARTNERSHIP_PAIRS(false),

    /**
     * Schools monitored in the last 12 months: identified schools in the scope with at least one
     * published response in a wave that opened in the 12 months up to today, in per cent of all
     * identified schools in the scope. Behind it: the schools monitored.
     */
    SCHOOLS_MONITORED(false),

    /**
     * Programme measures done: measures with status DONE in per cent of all measures (any status,
     * dropped ones included) of the programmes whose supported school is in the scope (no figure
     * without measures). Behind it: each programme with its measures done of all.
     */
    MEASURES_DONE(false),

    /**
     * Specialist posts introduced (psychologist, speech therapist, special-needs teacher, social
     * pedagogue): from the school profiles, which are not wired yet: "no data yet".
     */
    SPECIALIST_POSTS(true),

    /**
     * Staff trained this year (at least 5 of each school): from the school profiles, which are not
     * wired yet: "no data yet".
     */
    STAFF_TRAINED(true);

    /** The source of an indicator whose facts the coordinator enters. */
    public static final String ENTERED = "ENTERED";

    private final boolean awaitsProfiles;

    Metric(boolean awaitsProfiles) {
        this.awaitsProfiles = awaitsProfiles;
    }

    /** True for the metrics that rest on the school profiles, which compute "no data yet" today. */
    public boolean awaitsProfiles() {
        return awaitsProfiles;
    }

    /** The metric an indicator's source names, if it names one (not {@link #ENTERED}). */
    public static java.util.Optional<Metric> of(String source) {
        for (Metric m : values()) {
            if (m.name().equals(source)) {
                return java.util.Optional.of(m);
            }
        }
        return java.util.Optional.empty();
    }
}
