package org.uklad.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;

/** The demo fills the profile views: most schools have this year's profile, two do not, every ШУВРО school states its offer. */
@MicronautTest(transactional = false)
@Property(name = "uklad.demo.enabled", value = "true")
class DemoProfilesTest extends AppTest {

    @Inject SchoolProfiles profiles;
    @Inject MentorResources mentors;

    @Test
    void mostDemoSchoolsHaveAProfileAndTheMentorSchoolsAnOffer() {
        int year = profiles.currentYear();
        long demoSchools = db.count("SELECT count(*) FROM school WHERE municipality = 'Демо-район'");
        assertThat(db.count("SELECT count(*) FROM school_profile p JOIN school s ON s.id = p.school_id "
                + "WHERE s.municipality = 'Демо-район' AND p.school_year = ?", year)).isEqualTo(demoSchools - 2);
        assertThat(mentors.all()).hasSize((int) db.count("SELECT count(*) FROM school WHERE category = 'SHUVRO'"))
                .allSatisfy(o -> assertThat(o.resource().stated()).isTrue());
        assertThat(mentors.all()).anySatisfy(o -> assertThat(o.currentPairs()).isPositive());
    }
}
