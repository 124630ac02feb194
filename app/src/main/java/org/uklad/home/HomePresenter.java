package org.uklad.home;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.uklad.account.SchoolScope;
import org.uklad.account.StaffAuthentication;
import org.uklad.account.StaffPageSupport;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.ReportFormat;
import org.uklad.system.ReportFormats;
import org.uklad.wave.Wave;
import org.uklad.wave.WaveMonitoring;
import org.uklad.wave.Waves;

/**
 * Builds the staff home ({@link HomePage}) for the signed-in role, asking {@link SchoolScope} only:
 * the schools are the ones the user monitors ({@link WaveMonitoring#monitoredSchools}), the figures
 * are the monitoring counts, the links are those the user may follow.
 */
@Singleton
class HomePresenter {

    /** Below this response rate a school's results rest on too few of its people (5Essentials' rule). */
    static final int ENOUGH_RATE = 50;
    /** At most this many earlier waves are listed; the wave list has the rest. */
    static final int EARLIER_SHOWN = 8;

    private final StaffPageSupport pages;
    private final SchoolScope scope;
    private final Waves waves;
    private final WaveMonitoring monitoring;
    private final Schools schools;
    private final ReportFormats formats;

    HomePresenter(StaffPageSupport pages, SchoolScope scope, Waves waves, WaveMonitoring monitoring, Schools schools,
                  ReportFormats formats) {
        this.pages = pages;
        this.scope = scope;
        this.waves = waves;
        this.monitoring = monitoring;
        this.schools = schools;
        this.formats = formats;
    }

    HomePage page(HttpRequest<?> request, Authentication auth) {
        Locale locale = pages.locale(request);
        ReportFormat f = formats.of(locale);
        boolean coordinator = scope.isCoordinator(auth);
        List<Long> mine = monitoring.monitoredSchools(auth);
        List<Wave> ofUser = wavesOf(auth, coordinator, mine);
        Wave current = current(ofUser);
        Map<Long, School> byId = new LinkedHashMap<>();
        schools.all().forEach(s -> byId.put(s.id(), s));
        List<HomePage.SchoolLine> lines = current == null ? List.of()
                : lines(auth, current, coordinator, mine, byId, locale, f);
        List<HomePage.EarlierWave> earlier = ofUser.stream().filter(w -> current == null || !w.id().equals(current.id()))
                .limit(EARLIER_SHOWN).map(w -> earlier(auth, w, coordinator, mine, byId, locale, f)).toList();
        return new HomePage(pages.chrome(request, auth), coordinator, scope.mayManageWaves(auth),
                current == null ? null : currentWave(auth, current, coordinator, locale, f), lines, earlier,
                scopeRows(auth, coordinator), coordinator ? cycle(current, locale) : List.of());
    }

    /**
     * The coordinator's steps of the programme's cycle, each with the pages that do it, so that the
     * tools added for each step are found from the home and in the cycle's order.
     */
    private List<HomePage.CycleStep> cycle(@Nullable Wave current, Locale locale) {
        List<HomePage.CycleStep> steps = new ArrayList<>();
        steps.add(step("identify", 1, locale, link("identification", "/staff/identification", "home.cycle.identify.link", locale)));
        List<HomePage.Link> diagnose = new ArrayList<>();
        if (current != null) {
            diagnose.add(link("risks", "/staff/waves/" + current.id() + "/risks", "home.cycle.diagnose.risks", locale));
            diagnose.add(link("cycle-overview", overview(current), "home.overview", locale));
        }
        diagnose.add(link("profiles", "/staff/profiles", "home.cycle.diagnose.profiles", locale));
        steps.add(step("diagnose", 2, locale, diagnose.toArray(HomePage.Link[]::new)));
        steps.add(step("plan", 3, locale, link("programmes", "/staff/programmes", "home.cycle.plan.link", locale)));
        List<HomePage.Link> monitor = new ArrayList<>();
        monitor.add(link("roadmap", "/staff/programmes/roadmap", "home.cycle.monitor.link", locale));
        if (current != null) {
            monitor.add(link("cycle-monitoring", "/staff/waves/" + current.id() + "/monitoring", "home.monitoring", locale));
        }
        steps.add(step("monitor", 4, locale, monitor.toArray(HomePage.Link[]::new)));
        steps.add(step("measure", 5, locale, link("what-worked", "/staff/programmes/what-worked", "home.cycle.measure.link", locale)));
        steps.add(step("pass-on", 6, locale, link("plan-fact", "/staff/plan", "home.cycle.pass-on.link", locale),
                link("results", "/staff/results", "home.cycle.pass-on.results", locale)));
        return steps;
    }

    private HomePage.CycleStep step(String id, int number, Locale locale, HomePage.Link... links) {
        return new HomePage.CycleStep(id, number, pages.text("home.cycle." + id, locale),
                pages.text("home.cycle." + id + ".what", locale), List.of(links));
    }

    private HomePage.Link link(String id, String href, String key, Locale locale) {
        return new HomePage.Link("cycle-" + id, href, pages.text(key, locale));
    }

    /**
     * The waves the home speaks of, newest first: every wave for a coordinator; otherwise those the
     * user's schools took part in, or, before any has, the waves the user may see (a psychologist's
     * newly created wave without codes yet).
     */
    private List<Wave> wavesOf(Authentication auth, boolean coordinator, List<Long> mine) {
        if (coordinator) {
            return waves.all();
        }
        Set<Long> ids = new HashSet<>();
        mine.forEach(s -> waves.ofSchool(s).forEach(w -> ids.add(w.id())));
        if (ids.isEmpty()) {
            return monitoring.visible(auth);
        }
        return waves.all().stream().filter(w -> ids.contains(w.id())).toList();
    }

    /** The current wave of the user's waves, by the rule of {@link Waves#current}. */
    static @Nullable Wave current(List<Wave> waves) {
        return Waves.current(waves, Instant.now()).orElse(null);
    }

    private HomePage.CurrentWave currentWave(Authentication auth, Wave w, boolean coordinator, Locale locale,
                                             ReportFormat f) {
        return new HomePage.CurrentWave(w.id(), w.name(), pages.text("wave.kind." + w.kind().name(), locale),
                pages.text("wave.state." + w.stateAt(Instant.now()).name(), locale), f.date(w.opensAt()),
                f.date(w.closesAt()), coordinator ? overview(w) : null,
                scope.mayManageWaves(auth) ? "/staff/waves/" + w.id() + "/monitoring" : null);
    }

    private List<HomePage.SchoolLine> lines(Authentication auth, Wave wave, boolean coordinator, List<Long> mine,
                                            Map<Long, School> byId, Locale locale, ReportFormat f) {
        WaveMonitoring.Monitoring counts = monitoring.monitoring(auth, wave, locale.getLanguage());
        Map<Long, WaveMonitoring.SchoolRows> bySchool = new LinkedHashMap<>();
        counts.schools().forEach(s -> bySchool.put(s.schoolId(), s));
        // a coordinator's home lists the schools taking part; others see each of their schools, taking part or not
        List<Long> shown = coordinator ? List.copyOf(bySchool.keySet()) : mine;
        List<HomePage.SchoolLine> out = new ArrayList<>();
        for (Long id : shown) {
            School school = byId.get(id);
            if (school == null) {
                continue;
            }
            WaveMonitoring.SchoolRows row = bySchool.get(id);
            String status = status(row);
            out.add(new HomePage.SchoolLine(id, school.name(), row == null ? f.count(0) : f.count(row.responses()),
                    row == null || row.expected() == null ? "—" : f.count(row.expected()),
                    row == null || row.rate() == null ? "—" : f.percent(row.rate()) + " %", status,
                    pages.text("home.status." + status, locale, ENOUGH_RATE), dashboard(wave, id),
                    scope.canDownload(auth, id) ? summary(wave, id) : null));
        }
        return out;
    }

    /** What a school's response count says at a glance; the thresholds are those of the dashboard's caveats. */
    static String status(@Nullable WaveMonitoring.SchoolRows row) {
        if (row == null) {
            return "none";
        }
        if (row.rate() == null) {
            return "unknown";
        }
        if (row.rate() > 100) {
            return "over";
        }
        return row.rate() >= ENOUGH_RATE ? "enough" : "low";
    }

    private HomePage.EarlierWave earlier(Authentication auth, Wave w, boolean coordinator, List<Long> mine,
                                         Map<Long, School> byId, Locale locale, ReportFormat f) {
        List<HomePage.Link> links = new ArrayList<>();
        if (coordinator) {
            links.add(new HomePage.Link("overview-" + w.id(), overview(w), pages.text("home.overview", locale)));
        } else {
            for (Long s : mine) {
                School school = byId.get(s);
                String label = mine.size() == 1 || school == null ? pages.text("home.dashboard", locale)
                        : pages.text("home.dashboardOf", locale, school.name());
                links.add(new HomePage.Link("dashboard-" + w.id() + "-" + s, dashboard(w, s), label));
            }
        }
        if (scope.mayManageWaves(auth)) {
            links.add(new HomePage.Link("wave-" + w.id(), "/staff/waves/" + w.id(), pages.text("home.wavePage", locale)));
        }
        return new HomePage.EarlierWave(w.id(), w.name(), pages.text("wave.kind." + w.kind().name(), locale),
                f.date(w.opensAt()) + " – " + f.date(w.closesAt()),
                pages.text("wave.state." + w.stateAt(Instant.now()).name(), locale), links);
    }

    private List<HomePage.ScopeRow> scopeRows(Authentication auth, boolean coordinator) {
        Set<Long> own = Set.copyOf(StaffAuthentication.ownSchools(auth));
        return scope.readableSchoolRecords(auth).stream()
                .map(s -> new HomePage.ScopeRow(s.id(), s.name(), s.municipality(), s.category().name(),
                        coordinator ? "all" : own.contains(s.id()) ? "own" : "partner"))
                .toList();
    }

    private static String overview(Wave w) {
        return "/staff/waves/" + w.id() + "/overview";
    }

    private static String dashboard(Wave w, long schoolId) {
        return "/staff/waves/" + w.id() + "/schools/" + schoolId + "/dashboard";
    }

    private static String summary(Wave w, long schoolId) {
        return "/staff/waves/" + w.id() + "/schools/" + schoolId + "/summary.pdf";
    }
}
