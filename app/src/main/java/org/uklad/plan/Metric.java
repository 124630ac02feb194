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
    WAVES_RUN,

    /**
     * Share of identified schools with a support programme: identified schools in the scope that
     * are the supported school of at least one programme, in per cent of all identified schools in
     * the scope (no figure without identified schools). Behind it: the schools with a programme.
     */
    IDENTIFIED_WITH_PROGRAMME,

    /**
     * Partnership pairs: the number of partnerships (mentor school and supported school) whose
     * supported school is in the scope. Behind it: the pairs, "mentor → supported".
     */
    PARTNERSHIP_PAIRS,

    /**
     * Schools monitored in the last 12 months: identified schools in the scope with at least one
     * published response in a wave that opened in the 12 months up to today, in per cent of all
     * identified schools in the scope. Behind it: the schools monitored.
     */
    SCHOOLS_MONITORED,

    /**
     * Programme measures done: measures with status DONE in per cent of all measures (any status,
     * dropped ones included) of the programmes whose supported school is in the scope (no figure
     * without measures). Behind it: each programme with its measures done of all.
     */
    MEASURES_DONE,

    /**
     * Specialist posts introduced: identified schools in the scope whose school profile of the
     * current school year has staff in each of the four posts (psychologist, speech therapist,
     * special-needs teacher, social pedagogue), in per cent of all identified schools in the scope;
     * a school without a profile that year counts as not having them. Behind it: the schools with all four.
     */
    SPECIALIST_POSTS,

    /**
     * Staff trained this year: the sum of "staff trained" in the profiles of the current school
     * year of the identified schools in the scope (for a school-level indicator, that school's
     * number; no figure for a school without a profile). Behind it: each school with its number.
     */
    STAFF_TRAINED;

    /** The source of an indicator whose facts the coordinator enters. */
    public static final String ENTERED = "ENTERED";

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
