package org.uklad.risk;

import jakarta.inject.Singleton;
import java.util.Map;
import org.uklad.profile.SchoolProfiles;

/**
 * The school-profile facts the risk profile reads, the one door to the school profiles: keys
 * {@code students}, {@code sen_share}, {@code other_language_share}, {@code teacher_vacancy_share},
 * {@code specialist_posts_missing} (0–5), {@code staff_trained} (a count), {@code staff_trained_share},
 * {@code equipment_missing_share}
 * (shares are 0–1). A missing key (no profile that year, or a share without its denominator)
 * makes its signal "not enough data".
 */
@Singleton
public class ProfileFacts {

    private final SchoolProfiles profiles;

    ProfileFacts(SchoolProfiles profiles) {
        this.profiles = profiles;
    }

    /**
     * @param schoolId   the school
     * @param schoolYear the calendar year the school year starts in (2026 for 2026/27)
     * @return the facts known, by key
     */
    public Map<String, Double> facts(long schoolId, int schoolYear) {
        return profiles.facts(schoolId, schoolYear);
    }
}
