package org.uklad.home;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import org.uklad.account.StaffPages;

/**
 * The staff home page, one record for every role: a director finds the own school's dashboard and
 * PDF of the current wave, a psychologist the response rates of their schools, the coordinator the
 * current wave's overview; each one click from here.
 */
@Introspected
record HomePage(StaffPages.Chrome chrome, boolean coordinator, boolean managesWaves, @Nullable CurrentWave current,
                List<SchoolLine> schools, List<EarlierWave> earlier, List<ScopeRow> scope, List<CycleStep> cycle) {

    /**
     * One step of the programme's cycle (identify → diagnose → plan → monitor → measure the effect →
     * pass it on) with the tools that do it; the coordinator's map of the product, empty for others.
     */
    record CycleStep(String id, int number, String title, String what, List<Link> links) {}

    /**
     * The wave the home is about (the latest open one, else the latest): its dates already in the
     * page's language, and where its overview and monitoring are ({@code null} when the user has none).
     */
    record CurrentWave(long id, String name, String kind, String state, String opens, String closes,
                       @Nullable String overviewHref, @Nullable String monitoringHref) {}

    /**
     * One of the user's schools in the current wave: responses against the expected group sizes
     * (the monitoring figures), a plain status, and the links to its dashboard and its PDF
     * ({@code pdfHref} only where the user may download it).
     */
    record SchoolLine(long id, String name, String responses, String expected, String rate, String status,
                      String statusText, String dashboardHref, @Nullable String pdfHref) {}

    /** Another wave of the user's schools, newest first, with the links into it. */
    record EarlierWave(long id, String name, String kind, String dates, String state, List<Link> links) {}

    record Link(String id, String href, String label) {}

    /** A school in the user's scope and why it is there: own (assigned), partner, or all (coordinator). */
    record ScopeRow(long id, String name, String municipality, String category, String relation) {}
}
