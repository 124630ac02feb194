package org.uklad.programme;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.annotation.Order;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.uklad.account.DemoStaff;
import org.uklad.programme.ProgrammeRecords.IndicatorKind;
import org.uklad.programme.ProgrammeRecords.Measure;
import org.uklad.programme.ProgrammeRecords.Owner;
import org.uklad.programme.ProgrammeRecords.Programme;
import org.uklad.programme.ProgrammeRecords.Status;
import org.uklad.programme.Programmes.MeasureInput;
import org.uklad.programme.Programmes.NewProgramme;
import org.uklad.programme.Programmes.NoteInput;
import org.uklad.school.Schools;
import org.uklad.wave.DemoSeed;

/**
 * The demo's support programme: the first supported school with its mentor, the closed entry wave
 * as baseline, and four measures on the constructs that are weakest there (by the school's
 * published scores), owned by the mentor school, the school and the municipality, in different
 * statuses, one of them overdue, with progress notes by the psychologist and the director. It runs
 * after the demo's answers are in ({@link Order}), so the baselines are figures. Off outside the
 * {@code dev} environment.
 */
@Singleton
@Order(100)
@Requires(property = "uklad.demo.enabled", value = "true")
class DemoProgrammes implements ApplicationEventListener<DemoSeed.Seeded> {

    private static final List<String> TITLES = List.of(
            "Методические семинары школы-наставника для учителей: единые требования и обратная связь",
            "Единые критерии оценивания, разъяснённые учащимся и родителям",
            "Классные часы и наставничество старшеклассников для адаптации учащихся",
            "Муниципальный семинар руководителей пары по итогам мониторинга");
    private static final List<Owner> OWNERS = List.of(Owner.MENTOR_SCHOOL, Owner.SUPPORTED_SCHOOL, Owner.SUPPORTED_SCHOOL,
            Owner.MUNICIPALITY);
    private static final List<Status> STATUSES = List.of(Status.IN_PROGRESS, Status.DONE, Status.PLANNED, Status.DROPPED);

    private final Programmes programmes;
    private final Indicators indicators;
    private final Schools schools;
    private final DemoStaff staff;

    DemoProgrammes(Programmes programmes, Indicators indicators, Schools schools, DemoStaff staff) {
        this.programmes = programmes;
        this.indicators = indicators;
        this.schools = schools;
        this.staff = staff;
    }

    /** A construct of the entry wave with the supported school's score there (null below k). */
    private record Scored(Indicators.ConstructChoice construct, Double score) {}

    @Override
    public void onApplicationEvent(DemoSeed.Seeded event) {
        long school = event.firstSupported().id();
        Long mentor = schools.partnerOf(school).map(p -> p.school().id()).orElse(null);
        long wave = event.entryWaveId();
        List<Scored> scored = new ArrayList<>();
        for (Indicators.ConstructChoice c : indicators.constructsOf(wave)) {
            scored.add(new Scored(c, indicators.baseline(wave, school, c.questionnaireKey(), c.constructId())));
        }
        // the weakest first; constructs without a figure last
        scored.sort(Comparator.comparing((Scored s) -> s.score() == null ? Double.MAX_VALUE : s.score()));
        Authentication coordinator = staff.coordinator();
        Programme p = programmes.create(coordinator, new NewProgramme(school, mentor,
                "Программа адресной поддержки (демо)",
                "Повысить ясность требований и комфорт учащихся; вовлечь родителей.\nПеренести опыт школы-наставника.",
                List.of("low_learning_motivation", "low_school_wellbeing", "low_parental_involvement"), wave));
        Authentication psychologist = staff.psychologist();
        Authentication director = staff.director();
        LocalDate today = LocalDate.now();
        List<Measure> added = new ArrayList<>();
        for (int i = 0; i < TITLES.size() && i < scored.size(); i++) {
            Indicators.ConstructChoice c = scored.get(i).construct();
            LocalDate starts = today.minusMonths(4);
            LocalDate due = i == 0 ? today.minusDays(10) : i == 1 ? today.minusMonths(1) : today.plusMonths(2 + i);
            Double baseline = scored.get(i).score();
            Double target = baseline == null ? null : Math.min(100.0, (double) Math.round(baseline + 8));
            added.add(programmes.addMeasure(psychologist, p.id(), new MeasureInput(TITLES.get(i), OWNERS.get(i), null,
                    IndicatorKind.CONSTRUCT, c.questionnaireKey(), c.constructId(), null, null, wave, null, target, starts, due,
                    STATUSES.get(i))));
        }
        if (added.size() >= 3) {
            programmes.addNote(psychologist, p.id(), added.get(0).id(),
                    new NoteInput(today.minusMonths(2), "Проведены два семинара из четырёх; третий перенесён."));
            programmes.addNote(psychologist, p.id(), added.get(1).id(),
                    new NoteInput(today.minusMonths(1).minusDays(3), "Критерии утверждены педсоветом и опубликованы на сайте."));
            programmes.addNote(director, p.id(), added.get(1).id(),
                    new NoteInput(today.minusMonths(1), "Критерии разъяснены на родительских собраниях всех классов."));
            programmes.addNote(director, p.id(), added.get(2).id(),
                    new NoteInput(today.minusDays(5), "Составлен план классных часов на полугодие."));
        }
    }
}
