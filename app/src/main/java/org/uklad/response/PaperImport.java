package org.uklad.response;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.uklad.questionnaire.LoadedQuestionnaire;
import org.uklad.system.ErrorCode;
import org.uklad.system.Hashes;
import org.uklad.system.Jdbc;
import org.uklad.system.ProblemException;
import org.uklad.system.UploadedText;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * Import of paper-collected responses in the layout {@link ResponseExport} writes: every row is
 * checked like an online submission, and either all rows are stored or none, with each rejected
 * row and column reported (the first {@value PaperRows.Problems#KEPT}, and how many more). Each
 * row's idempotency key is derived from the file's content, the row number and the wave, school
 * and version it is imported into, so importing the same file twice into the same place stores it
 * once, and into another place stores it there. Imported rows are held and published with their
 * group like online submissions ({@link ResponseRelease}).
 *
 * <p>A file of any length is read in bounded memory: once to learn its encoding and hash, once to
 * check every row, and once more to store the rows in batches of {@code uklad.imports.batch-size},
 * all in one transaction, so a problem anywhere (or a failure while storing) stores nothing.
 */
@Singleton
public class PaperImport {

    private final Jdbc jdbc;
    private final ResponseStore store;
    private final ResponseRelease release;
    /** How long an import waits for its groups' publication before it reports (a failure is left to the background step). */
    private static final Duration PUBLISHED_WAIT = Duration.ofSeconds(60);
    private final Waves waves;
    private final int batchSize;

    PaperImport(Jdbc jdbc, ResponseStore store, ResponseRelease release, Waves waves,
                @Value("${uklad.imports.batch-size:500}") int batchSize) {
        this.jdbc = jdbc;
        this.store = store;
        this.release = release;
        this.waves = waves;
        this.batchSize = Math.max(1, batchSize);
    }

    /** Outcome of an import: rows stored now, and rows found already stored by an earlier import of the same file. */
    @io.micronaut.serde.annotation.Serdeable
    public record ImportReport(int rows, int stored, int alreadyPresent) {}

    /** How far an import has got, told as it runs (from the importing thread). */
    public interface Progress {
        /** Checking: rows and bytes of the file read so far. */
        void checking(long rowsRead, long bytesRead);

        /** Checked: every row is valid; storing begins. */
        void checked(long rows);

        /** Storing: rows stored (or found present) so far, of all. */
        void storing(long rowsDone, long rows);

        Progress NONE = new Progress() {
            @Override
            public void checking(long rowsRead, long bytesRead) {
            }

            @Override
            public void checked(long rows) {
            }

            @Override
            public void storing(long rowsDone, long rows) {
            }
        };
    }

    /**
     * Imports paper-collected responses into a wave and school: all rows valid, or nothing stored.
     *
     * @throws ProblemException {@link ErrorCode#VALIDATION_FAILED} naming each bad row and column
     */
    public ImportReport importResponses(long waveId, long schoolId, LoadedQuestionnaire q, String text) {
        return importResponses(waveId, schoolId, q, text, null);
    }

    /**
     * Imports paper-collected responses given as text (a pasted or small file), by the rules of
     * {@link #importFile}.
     *
     * @param groupLabel the group of every row when the file has no {@code group_label} column
     * @throws ProblemException {@link ErrorCode#VALIDATION_FAILED} naming each bad row and column
     */
    public ImportReport importResponses(long waveId, long schoolId, LoadedQuestionnaire q, String text,
                                        @Nullable String groupLabel) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return importFile(waveId, schoolId, q, () -> new ByteArrayInputStream(bytes), "utf-8", groupLabel, Progress.NONE);
    }

    /**
     * Imports a file of paper-collected responses, reading what R, SPSS and a Russian Excel write:
     * UTF-8 or Windows-1251 (detected, or {@code encoding}); a comma or (when the header has
     * semicolons and no commas) a semicolon between fields; {@code NA}, {@code .} and an empty
     * cell as no answer; column names in any case ({@code A1} is item {@code a1}); whole numbers
     * written {@code 4.0} or {@code 4,0}; and, when the file has no {@code group_label} column,
     * every row in {@code groupLabel}.
     *
     * @param file       the file, opened once per reading (never held whole)
     * @param encoding   {@code utf-8}, {@code windows-1251}, or null to detect
     * @param groupLabel the group of every row when the file has no {@code group_label} column
     * @throws ProblemException {@link ErrorCode#VALIDATION_FAILED} naming each bad row and column
     */
    public ImportReport importFile(long waveId, long schoolId, LoadedQuestionnaire q, UploadedText.Source file,
                                   @Nullable String encoding, @Nullable String groupLabel, Progress progress) {
        Wave wave = waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        UploadedText.Scanned scanned = UploadedText.scan(file, encoding);
        PaperRows reading = new PaperRows(q, wave, groupLabel);
        PaperRows.Problems problems = new PaperRows.Problems();
        long rows = reading.read(file, scanned, problems, new PaperRows.Sink() {
            @Override
            public void row(PaperRows.Row row) {
                // checked only: nothing is kept until the whole file is known to be valid
            }

            @Override
            public void read(long rowsRead, long bytes) {
                progress.checking(rowsRead, bytes);
            }
        });
        if (problems.any()) {
            throw problems.refusal();
        }
        progress.checked(rows);
        String fileKey = scanned.sha256().substring(0, 32);
        Set<ResponseStore.Group> groups = new LinkedHashSet<>();
        int stored = jdbc.inTransaction(() -> {
            List<ResponseStore.Paper> batch = new ArrayList<>(batchSize);
            int[] n = {0};
            long[] done = {0};
            PaperRows.Problems again = new PaperRows.Problems();
            reading.read(file, scanned, again, row -> {
                ResponseStore.Group g = new ResponseStore.Group(waveId, schoolId, q.versionId(), row.group());
                groups.add(g);
                batch.add(new ResponseStore.Paper(paperKey(waveId, schoolId, q.versionId(), fileKey, row.number()),
                        SubmissionService.fingerprint(waveId, schoolId, q.versionId(), row.group(), row.answers()),
                        g, row.day(), row.answers()));
                if (batch.size() >= batchSize) {
                    n[0] += store.holdAll(batch);
                    done[0] += batch.size();
                    batch.clear();
                    progress.storing(done[0], rows);
                }
            });
            if (again.any()) {
                throw again.refusal(); // the file changed under us: roll back everything
            }
            n[0] += store.holdAll(batch);
            done[0] += batch.size();
            progress.storing(done[0], rows);
            return n[0];
        });
        groups.forEach(release::offer);
        // a staff action: whoever imported a class's forms sees them in the figures when it ends
        release.awaitPublished(PUBLISHED_WAIT);
        return new ImportReport((int) rows, stored, (int) rows - stored);
    }

    /**
     * A paper row's idempotency key: the file, the row and where it is imported (wave, school,
     * version), so the same file imported into another school or wave is stored there too, and a
     * row counted as already present really is present in this place. Migration V11 rewrote the
     * keys of earlier imports the same way.
     */
    static String paperKey(long waveId, long schoolId, long versionId, String fileKey, long rowNumber) {
        String place = Hashes.sha256Hex(waveId + "|" + schoolId + "|" + versionId + "|" + fileKey).substring(0, 32);
        return "paper:" + place + ":" + rowNumber;
    }
}
