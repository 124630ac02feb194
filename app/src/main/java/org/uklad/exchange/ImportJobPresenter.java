package org.uklad.exchange;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.uklad.account.StaffPages;
import org.uklad.system.FieldCode;
import org.uklad.system.FieldError;
import org.uklad.system.Messages;

/**
 * The words and figures of an import: a refused file's problems as "row 3, column grade" and a
 * reason, and a streamed import's job as its page and the status JSON the page polls.
 */
@Singleton
class ImportJobPresenter {

    private static final Pattern ROW = Pattern.compile("row (\\d+)(?:: (.+))?");

    private final Messages messages;

    ImportJobPresenter(Messages messages) {
        this.messages = messages;
    }

    /** One rejected cell, row or column of an import, in words. */
    record Problem(String where, String reason) {}

    /** One problem of a refused file as the API gives it: the field ({@code row 3: grade}), the code and its arguments. */
    @Serdeable
    record ImportProblem(String field, String code, List<String> args) {}

    /**
     * A streamed import's state, for scripts and the page's progress bar.
     *
     * @param state        QUEUED, CHECKING, STORING, DONE, REFUSED or FAILED (a running job whose replica stopped)
     * @param percent      0–100: checking is the first half (by bytes), storing the second (by rows)
     * @param rowsTotal    the file's rows, once every row is checked
     * @param stored       rows stored, when DONE
     * @param errorCount   all problems of a refused file; {@code errors} lists the first 100
     */
    @Serdeable
    record ImportStatus(String id, String state, boolean finished, int percent, long bytesTotal, long bytesRead,
                        int rowsRead, @Nullable Integer rowsTotal, int rowsStored, @Nullable Integer stored,
                        @Nullable Integer alreadyPresent, int errorCount, List<ImportProblem> errors,
                        String stateText, String progressText) {}

    /** The page of one import: its progress while it runs, then its result or its problems. */
    @Introspected
    record ImportJobPage(StaffPages.Chrome chrome, long waveId, String waveName, long schoolId, String schoolName,
                         String id, String state, boolean finished, int percent, String stateText, String progressText,
                         String statusPath, String selfPath, String importPath, String result, List<Problem> problems,
                         String problemsSummary) {}

    ImportStatus status(ImportJob job, Locale locale) {
        ImportJob.State state = job.shownState(Instant.now());
        List<ImportProblem> errors = job.errors().stream()
                .map(e -> new ImportProblem(e.field(), e.code(), e.args().stream().map(String::valueOf).toList())).toList();
        return new ImportStatus(job.id().toString(), state.name(), state.finished(), state.finished() ? 100 : job.percent(),
                job.bytesTotal(), job.bytesRead(), job.rowsRead(), job.rowsTotal(), job.rowsStored(), job.stored(),
                job.alreadyPresent(), job.errorCount(), errors, text("exchange.job.state." + state.name(), locale),
                progressText(job, state, locale));
    }

    ImportJobPage page(StaffPages.Chrome chrome, ImportJob job, String waveName, String schoolName, String statusPath,
                       String selfPath, String importPath, Locale locale) {
        ImportStatus s = status(job, locale);
        ImportJob.State state = ImportJob.State.valueOf(s.state());
        String result = state == ImportJob.State.DONE ? text("exchange.imported", locale, String.valueOf(job.stored()),
                String.valueOf(job.alreadyPresent())) : "";
        List<Problem> problems = job.errors().stream().map(e -> problem(e, locale)).toList();
        String summary = state == ImportJob.State.REFUSED ? text("exchange.refused", locale, String.valueOf(job.errorCount()))
                : state == ImportJob.State.FAILED ? text("exchange.job.failed", locale) : "";
        return new ImportJobPage(chrome, job.waveId(), waveName, job.schoolId(), schoolName, s.id(), s.state(), s.finished(),
                s.percent(), s.stateText(), s.progressText(), statusPath, selfPath, importPath, result, problems, summary);
    }

    private String progressText(ImportJob job, ImportJob.State state, Locale locale) {
        return switch (state) {
            case QUEUED -> text("exchange.job.progress.queued", locale);
            case CHECKING -> text("exchange.job.progress.checking", locale, String.valueOf(job.rowsRead()),
                    String.valueOf(job.percent() * 2));
            case STORING -> text("exchange.job.progress.storing", locale, String.valueOf(job.rowsStored()),
                    String.valueOf(job.rowsTotal()));
            case DONE -> text("exchange.job.progress.done", locale, String.valueOf(job.rowsTotal()));
            case REFUSED -> text("exchange.job.progress.refused", locale, String.valueOf(job.errorCount()));
            case FAILED -> text("exchange.job.progress.failed", locale);
        };
    }

    /** "row 3: grade" → "Row 3, column grade" in the page's language; the reason from the catalogue. */
    Problem problem(FieldError e, Locale locale) {
        String field = e.field();
        Matcher row = ROW.matcher(field);
        String where;
        if (row.matches()) {
            where = row.group(2) == null ? text("exchange.where.row", locale, row.group(1))
                    : text("exchange.where.cell", locale, row.group(1), row.group(2));
        } else if (field.startsWith("header: ")) {
            where = text("exchange.where.header", locale, field.substring("header: ".length()));
        } else {
            where = text("exchange.where." + (field.equals("questionnaire") ? "questionnaire" : "file"), locale);
        }
        String reason = e.code().equals(FieldCode.REQUIRED.code()) && field.startsWith("header: ")
                ? text("exchange.missingColumn", locale) : text("field." + e.code(), locale, e.args().toArray());
        return new Problem(where, reason);
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.get(key, locale, args);
    }
}
