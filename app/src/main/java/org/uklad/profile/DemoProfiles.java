package org.uklad.profile;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.uklad.profile.SchoolProfile.Equipment;
import org.uklad.school.SchoolCategory;
import org.uklad.school.Schools;
import org.uklad.wave.DemoSeed;

/**
 * The demo's school profiles of the current school year for all demo schools but the last two (so
 * the coordinator's list shows missing ones), weaker schools with more vacancies, fewer specialists
 * and less equipment; and the offers of the ШУВРО schools in the matrix of resources. Off outside
 * the {@code dev} environment.
 */
@Singleton
@Requires(property = "uklad.demo.enabled", value = "true")
class DemoProfiles implements ApplicationEventListener<DemoSeed.Seeded> {

    private final SchoolProfiles profiles;
    private final MentorResources mentors;
    private final Schools schools;

    DemoProfiles(SchoolProfiles profiles, MentorResources mentors, Schools schools) {
        this.profiles = profiles;
        this.mentors = mentors;
        this.schools = schools;
    }

    @Override
    public void onApplicationEvent(DemoSeed.Seeded event) {
        Random random = new Random(20260901);
        int year = profiles.currentYear();
        List<DemoSeed.DemoSchool> all = event.schools();
        for (DemoSeed.DemoSchool s : all.subList(0, Math.max(0, all.size() - 2))) {
            double level = s.level();
            int students = 350 + random.nextInt(600);
            int teachers = students / 16;
            int vacancies = (int) Math.round((1 - level) * 6 + random.nextInt(2));
            int specialists = level > 0.6 ? 1 : 0;
            List<String> equipment = Arrays.stream(Equipment.values())
                    .filter(e -> random.nextDouble() < 0.35 + level * 0.6).map(Enum::name).toList();
            profiles.save(s.id(), year, new SchoolProfiles.Input(students, (int) (students * (0.02 + (1 - level) * 0.06)),
                    (int) (students * (1 - level) * 0.12), teachers, vacancies, 1, specialists, specialists,
                    level > 0.5 ? 1 : 0, specialists, (int) Math.round(teachers * (0.1 + level * 0.3)), equipment, ""));
        }
        List<List<String>> offers = List.of(
                List.of("математика", "физика", "русский язык"),
                List.of("история", "обществознание", "английский язык"),
                List.of("биология", "химия"));
        int i = 0;
        for (DemoSeed.DemoSchool s : all) {
            if (schools.find(s.id()).map(x -> x.category() == SchoolCategory.SHUVRO).orElse(false)) {
                mentors.save(s.id(), new MentorResources.Input(offers.get(i % offers.size()),
                        List.of("формирующее оценивание", "дифференцированное обучение"),
                        List.of("методические объединения", "наставничество молодых учителей"), 3 + i, 2));
                i++;
            }
        }
    }
}
