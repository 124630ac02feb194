package org.uklad.profile;

import io.micronaut.core.annotation.Introspected;
import java.util.List;
import java.util.Map;
import org.uklad.account.StaffPages.Chrome;
import org.uklad.account.StaffPages.Option;

/** View models of the profile and mentor-resource pages, one record per page; numbers arrive as strings. */
final class ProfilePages {

    private ProfilePages() {
    }

    /** A school's profile of the year as the list shows it (shares in per cent). */
    record ProfileRow(long schoolId, String school, String municipality, String students, String senShare,
                      String otherLanguageShare, String vacancyShare, String specialistsMissing, String staffTrained,
                      String equipment, String updated, String link) {}

    /** A school without a profile of the year, with the link to fill it in. */
    record MissingRow(long schoolId, String school, String municipality, String link) {}

    /**
     * The year's profiles of the schools the user may fill in (a coordinator: all, with those still
     * missing and the municipality filter).
     */
    @Introspected
    record ProfilesPage(Chrome chrome, boolean coordinator, String year, String yearLabel, List<Option> years,
                        List<Option> municipalities, List<ProfileRow> profiles, List<MissingRow> missing) {}

    /** One school's profile of a year: the form ({@code editable}) or the same fields to read. */
    @Introspected
    record ProfilePage(Chrome chrome, long schoolId, String school, String year, String yearLabel, List<Option> years,
                       boolean editable, boolean exists, String updated, List<Option> equipment,
                       Map<String, String> form, Map<String, String> errors, String notice, boolean mentorCapable) {}

    /** A mentor-capable school's offer: the form ({@code editable}) or the same fields to read. */
    @Introspected
    record MentorPage(Chrome chrome, long schoolId, String school, boolean editable, String currentPairs,
                      Map<String, String> form, Map<String, String> errors, String notice) {}

    /** One mentor-capable school in the coordinator's matrix. */
    record MatrixRow(long schoolId, String school, String municipality, String category, boolean marked, boolean stated,
                     String subjects, String methods, String practices, String mentors, String pairs, String capacity,
                     boolean full, String link) {}

    /** The coordinator's matrix of resources, with the form naming another school mentor-capable. */
    @Introspected
    record MatrixPage(Chrome chrome, List<MatrixRow> rows, List<Option> markable, Map<String, String> errors,
                      String notice) {}
}
