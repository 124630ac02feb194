package org.uklad.focusgroup;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;
import org.uklad.account.StaffPages.Chrome;
import org.uklad.account.StaffPages.Option;

/** View models of the focus-group pages. */
public final class FocusPages {

    private FocusPages() {
    }

    public record SessionRow(long id, String school, String wave, String audience, String heldOn, String moderator,
                             String guide, int participants) {}

    @Introspected
    public record ListPage(Chrome chrome, List<Option> schools, List<Option> waves, @Nullable Long school,
                           @Nullable Long wave, boolean canEdit, boolean editor, List<SessionRow> sessions,
                           List<Option> codes, Map<String, String> errors, Map<String, String> values,
                           @Nullable String notice) {}

    public record ParticipantRow(String role, String grade, String count) {}

    @Introspected
    public record NewPage(Chrome chrome, List<Option> schools, List<Option> waves, List<Option> audiences,
                          List<Option> guides, List<Option> roles, List<ParticipantRow> participants,
                          Map<String, String> values, Map<String, String> errors) {}

    public record QuestionView(String id, String text, List<String> probes, String note, String noteError) {}

    public record BlockView(String title, String construct, int minutes, List<QuestionView> questions) {}

    public record ExcerptView(long id, String question, String text, String code, String sentiment, String tags,
                              boolean representative) {}

    public record PollView(String theme, String question, List<Integer> counts, int total, String mean) {}

    @Introspected
    public record SessionPage(Chrome chrome, long id, String school, long schoolId, long waveId, String wave,
                              String audience, String heldOn, String moderator, String guide, String guideHash,
                              String participants, List<BlockView> blocks, List<Option> questions, List<Option> codes,
                              List<ExcerptView> excerpts, List<PollView> polls, Map<String, String> values,
                              Map<String, String> errors, @Nullable String notice) {}

    @Introspected
    public record SummaryPage(Chrome chrome, FocusSummaries.Summary summary, boolean canEdit,
                              List<TriangulationView> triangulation, List<PollView> polls) {}

    public record TriangulationView(String audience, String label, int excerpts, String balance, String score,
                                    String agreement, boolean flagged) {}
}
