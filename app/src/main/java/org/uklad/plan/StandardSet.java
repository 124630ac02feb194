package org.uklad.plan;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;

/**
 * Seed 003's table of target indicators ("Целевые индикаторы", rows 1–12) as indicators a fresh
 * region starts from: the Russian names are stored (the English ones are in the message bundle,
 * {@code plan.standard.N}), the plan values are the seed's, each computed where Uklad counts the
 * fact. Every one is due at the end of the current school year (31 August); the coordinator
 * changes what differs.
 */
final class StandardSet {

    private StandardSet() {
    }

    record Row(int row, String nameRu, Plan.Unit unit, Plan.Level level, String source, double plan) {}

    private static final String E = Metric.ENTERED;

    static final List<Row> ROWS = List.of(
            new Row(1, "Входной, промежуточный и итоговый мониторинг в идентифицированных школах", Plan.Unit.COUNT,
                    Plan.Level.REGION, Metric.WAVES_RUN.name(), 3),
            new Row(2, "Доля идентифицированных школ с региональной программой повышения качества образования",
                    Plan.Unit.SHARE_OF_SCHOOLS, Plan.Level.REGION, Metric.IDENTIFIED_WITH_PROGRAMME.name(), 11),
            new Row(3, "Пакет нормативных актов для реализации программы", Plan.Unit.COUNT, Plan.Level.REGION, E, 1),
            new Row(4, "Муниципалитеты с инфраструктурой информационно-методической помощи школам", Plan.Unit.PERCENT,
                    Plan.Level.REGION, E, 50),
            new Row(5, "Партнёрские договоры школ с высокими результатами и поддерживаемых школ", Plan.Unit.COUNT,
                    Plan.Level.REGION, Metric.PARTNERSHIP_PAIRS.name(), 8),
            new Row(6, "Региональные мероприятия по обмену опытом между школами за год", Plan.Unit.COUNT,
                    Plan.Level.REGION, E, 6),
            new Row(7, "Доля идентифицированных школ, где введены штатные должности специалистов",
                    Plan.Unit.SHARE_OF_SCHOOLS, Plan.Level.REGION, Metric.SPECIALIST_POSTS.name(), 100),
            new Row(8, "Доля идентифицированных школ с мониторингом не реже одного раза в год",
                    Plan.Unit.SHARE_OF_SCHOOLS, Plan.Level.REGION, Metric.SCHOOLS_MONITORED.name(), 100),
            new Row(9, "Руководители и учителя, прошедшие повышение квалификации, в каждой школе", Plan.Unit.COUNT,
                    Plan.Level.SCHOOL, Metric.STAFF_TRAINED.name(), 5),
            new Row(10, "Краткосрочные мероприятия по повышению качества преподавания на базе школ", Plan.Unit.COUNT,
                    Plan.Level.REGION, E, 1),
            new Row(11, "Доля школ региональных программ с объединениями педагогов", Plan.Unit.SHARE_OF_SCHOOLS,
                    Plan.Level.REGION, E, 100),
            new Row(12, "Участники ежегодного межрегионального семинара", Plan.Unit.COUNT, Plan.Level.REGION, E, 40));

    /** The end of the school year that {@code today} is in. */
    static LocalDate due(LocalDate today) {
        LocalDate end = MonthDay.of(8, 31).atYear(today.getYear());
        return today.isAfter(end) ? end.plusYears(1) : end;
    }
}
