package org.uklad.programme;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;
import org.uklad.account.StaffPages.Chrome;
import org.uklad.account.StaffPages.Option;

/** View models of the support-programme pages, one record per page, built by {@link ProgrammePresenter}. */
public final class ProgrammePages {

    private ProgrammePages() {
    }

    /** A programme in a list: its pair, how many measures, how many of them overdue. */
    public record ProgrammeRow(long id, String title, String supportedSchool, String mentorSchool, String municipality,
                               String risks, int measures, int overdue) {}

    @Introspected
    public record ListPage(Chrome chrome, List<Option> municipalities, boolean mayCreate, List<ProgrammeRow> programmes,
                           @Nullable String notice) {}

    @Introspected
    public record NewPage(Chrome chrome, List<Option> pairs, List<Option> waves, List<Option> risks,
                          Map<String, String> values, Map<String, String> errors) {}

    /** A dated note as shown: the day in the page's form, the author as a role (and school). */
    public record NoteView(String notedOn, String body, String author) {}

    /**
     * A measure on the programme page. {@code values} and {@code errors} fill its edit form,
     * {@code noteValues} and {@code noteErrors} its note form (errors only after a refused post).
     */
    public record MeasureView(long id, String title, String owner, String risk, String indicator, String baselineWave,
                              String baseline, String target, String startsOn, String dueOn, String status,
                              String statusCode, boolean overdue, List<NoteView> notes, boolean mayNote,
                              List<Option> statuses, Map<String, String> values, Map<String, String> errors,
                              Map<String, String> noteValues, Map<String, String> noteErrors,
                              @io.micronaut.core.annotation.Nullable EffectPresenter.MeasureEffectView effect) {}

    /**
     * The programme with its measures; {@code values}/{@code errors} fill the new-measure form and
     * {@code programmeValues}/{@code programmeErrors} the programme's own form.
     */
    @Introspected
    public record ShowPage(Chrome chrome, long id, String title, String goals, List<String> risks, String supportedSchool,
                           String mentorSchool, boolean hasMentor, String municipality, String baselineWave,
                           boolean mayEdit, List<MeasureView> measures, List<Option> owners, List<Option> indicators,
                           List<Option> statuses, List<Option> waves, Map<String, String> values,
                           Map<String, String> errors, Map<String, String> programmeValues,
                           Map<String, String> programmeErrors, @Nullable String notice, List<Option> riskOptions) {}

    /** One road-map line. */
    public record RoadmapRow(long programmeId, String programme, String municipality, String supportedSchool,
                             String mentorSchool, String measure, String owner, String indicator, String dueOn,
                             String status, String statusCode, boolean overdue) {}

    @Introspected
    public record RoadmapPage(Chrome chrome, List<Option> municipalities, @Nullable String municipality,
                              List<RoadmapRow> rows, int overdue) {}
}
