package org.uklad.profile;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.uklad.account.SchoolScope;
import org.uklad.account.StaffPageSupport;
import org.uklad.account.StaffPages.Option;
import org.uklad.profile.SchoolProfile.Equipment;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;
import org.uklad.system.ReportFormat;
import org.uklad.system.ReportFormats;

/**
 * Builds the view models of the profile pages ({@link ProfilePages}): the year's list as far as the
 * user may fill profiles in, one school's profile form, its mentor offer and the coordinator's matrix.
 */
@Singleton
class ProfilePresenter {

    /** The form fields of a profile's counts, in the form's order (the names of {@link SchoolProfiles.Input}). */
    static final List<String> COUNTS = List.of("students", "senStudents", "otherLanguageStudents", "teachers",
            "teacherVacancies", "psychologists", "speechTherapists", "specialNeedsTeachers", "socialPedagogues", "tutors",
            "staffTrained");

    private final StaffPageSupport pages;
    private final SchoolProfiles profiles;
    private final MentorResources mentors;
    private final Schools schools;
    private final SchoolScope scope;
    private final ReportFormats formats;

    ProfilePresenter(StaffPageSupport pages, SchoolProfiles profiles, MentorResources mentors, Schools schools,
                     SchoolScope scope, ReportFormats formats) {
        this.pages = pages;
        this.profiles = profiles;
        this.mentors = mentors;
        this.schools = schools;
        this.scope = scope;
        this.formats = formats;
    }

    /** The years offered: two back, the current one and the next (plans for September). */
    private List<Option> years(int selected) {
        int now = profiles.currentYear();
        return IntStream.rangeClosed(0, 3).map(i -> now + 1 - i)
                .mapToObj(y -> new Option(String.valueOf(y), SchoolProfile.yearLabel(y), y == selected)).toList();
    }

    private static String share(ReportFormat f, Map<String, Double> facts, String key) {
        Double v = facts.get(key);
        return v == null ? "—" : f.percent(v * 100) + " %";
    }

    ProfilePages.ProfilesPage profilesPage(HttpRequest<?> request, Authentication auth, int year,
                                           @Nullable String municipality) {
        Locale locale = pages.locale(request);
        ReportFormat f = formats.of(locale);
        String m = municipality == null ? "" : municipality.strip();
        Set<Long> mine = scope.profileSchools(auth).stream().map(School::id).collect(java.util.stream.Collectors.toSet());
        List<SchoolProfiles.Entry> entries = profiles.year(year).stream().filter(e -> mine.contains(e.school().id()))
                .filter(e -> m.isEmpty() || e.school().municipality().equals(m)).toList();
        List<ProfilePages.ProfileRow> rows = entries.stream().filter(e -> e.profile().isPresent()).map(e -> {
            SchoolProfile p = e.profile().get();
            Map<String, Double> facts = SchoolProfiles.facts(p);
            return new ProfilePages.ProfileRow(p.schoolId(), e.school().name(), e.school().municipality(),
                    f.count(p.students()), share(f, facts, "sen_share"), share(f, facts, "other_language_share"),
                    share(f, facts, "teacher_vacancy_share"), f.count(Math.round(facts.get("specialist_posts_missing"))),
                    f.count(p.staffTrained()), p.equipmentPresent().size() + " / " + Equipment.values().length,
                    p.updatedAt() == null ? "" : f.date(p.updatedAt()), link(p.schoolId(), year));
        }).toList();
        List<ProfilePages.MissingRow> missing = entries.stream().filter(e -> e.profile().isEmpty())
                .map(e -> new ProfilePages.MissingRow(e.school().id(), e.school().name(), e.school().municipality(),
                        link(e.school().id(), year))).toList();
        List<Option> municipalities = schools.municipalities().stream()
                .map(x -> new Option(x.name(), x.name(), x.name().equals(m))).toList();
        return new ProfilePages.ProfilesPage(pages.chrome(request, auth), scope.isCoordinator(auth), String.valueOf(year),
                SchoolProfile.yearLabel(year), years(year), municipalities, rows, missing);
    }

    static String link(long schoolId, int year) {
        return "/staff/schools/" + schoolId + "/profile?year=" + year;
    }

    /** The form's values of a stored profile (blank fields when there is none). */
    static Map<String, String> form(@Nullable SchoolProfile p) {
        Map<String, String> form = new LinkedHashMap<>();
        if (p == null) {
            COUNTS.forEach(c -> form.put(c, ""));
            form.put("equipment", "");
            form.put("comment", "");
            return form;
        }
        int[] values = {p.students(), p.senStudents(), p.otherLanguageStudents(), p.teachers(), p.teacherVacancies(),
                p.psychologists(), p.speechTherapists(), p.specialNeedsTeachers(), p.socialPedagogues(), p.tutors(),
                p.staffTrained()};
        for (int i = 0; i < COUNTS.size(); i++) {
            form.put(COUNTS.get(i), String.valueOf(values[i]));
        }
        form.put("equipment", String.join(",", p.equipment()));
        form.put("comment", p.comment());
        return form;
    }

    /** One school's profile page; {@code form} null: the stored profile's values. */
    ProfilePages.ProfilePage profilePage(HttpRequest<?> request, Authentication auth, long schoolId, int year,
                                         @Nullable Map<String, String> form, Map<String, String> errors, String notice) {
        School school = schools.find(schoolId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        Locale locale = pages.locale(request);
        var stored = profiles.find(schoolId, year);
        Map<String, String> shown = form != null ? form : form(stored.orElse(null));
        Set<String> checked = Set.of(shown.getOrDefault("equipment", "").split(","));
        List<Option> equipment = Arrays.stream(Equipment.values()).map(e -> new Option(e.name(),
                pages.text("profile.equipment." + e.name(), locale), checked.contains(e.name()))).toList();
        String updated = stored.map(SchoolProfile::updatedAt).map(t -> formats.of(locale).date(t)).orElse("");
        return new ProfilePages.ProfilePage(pages.chrome(request, auth), schoolId, school.label(), String.valueOf(year),
                SchoolProfile.yearLabel(year), years(year), scope.mayEditProfile(auth, schoolId), stored.isPresent(), updated,
                equipment, shown, errors, notice, mentors.mentorCapable(school));
    }

    /** The form's values of a stored offer. */
    static Map<String, String> form(MentorResource r) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("subjects", String.join("\n", r.subjects()));
        form.put("methods", String.join("\n", r.methods()));
        form.put("practices", String.join("\n", r.practices()));
        form.put("mentors", r.stated() ? String.valueOf(r.mentors()) : "");
        form.put("capacityPairs", r.stated() ? String.valueOf(r.capacityPairs()) : "");
        return form;
    }

    ProfilePages.MentorPage mentorPage(HttpRequest<?> request, Authentication auth, long schoolId,
                                       @Nullable Map<String, String> form, Map<String, String> errors, String notice) {
        MentorResources.Offer offer = mentors.of(schoolId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        return new ProfilePages.MentorPage(pages.chrome(request, auth), schoolId, offer.school().label(),
                scope.mayEditProfile(auth, schoolId), String.valueOf(offer.currentPairs()),
                form != null ? form : form(offer.resource()), errors, notice);
    }

    ProfilePages.MatrixPage matrixPage(HttpRequest<?> request, Authentication auth, Map<String, String> errors,
                                       String notice) {
        Locale locale = pages.locale(request);
        List<MentorResources.Offer> offers = mentors.all();
        String none = "—";
        List<ProfilePages.MatrixRow> rows = offers.stream().map(o -> {
            MentorResource r = o.resource();
            return new ProfilePages.MatrixRow(o.school().id(), o.school().name(), o.school().municipality(),
                    pages.text("school.category." + o.school().category().name(), locale), r.marked(), r.stated(),
                    tags(r.subjects(), none), tags(r.methods(), none), tags(r.practices(), none),
                    r.stated() ? String.valueOf(r.mentors()) : "—", String.valueOf(o.currentPairs()),
                    r.stated() ? String.valueOf(r.capacityPairs()) : "—",
                    r.stated() && o.currentPairs() >= r.capacityPairs(), "/staff/schools/" + o.school().id() + "/mentor-resources");
        }).toList();
        Set<Long> listed = offers.stream().map(o -> o.school().id()).collect(java.util.stream.Collectors.toSet());
        List<Option> markable = schools.all().stream().filter(s -> !listed.contains(s.id()))
                .map(s -> new Option(String.valueOf(s.id()), s.label(), false)).toList();
        return new ProfilePages.MatrixPage(pages.chrome(request, auth), rows, markable, errors, notice);
    }

    private static String tags(String[] tags, String none) {
        return tags.length == 0 ? none : String.join(" · ", tags);
    }
}
