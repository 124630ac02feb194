package org.uklad.exchange;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.security.authentication.Authentication;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uklad.account.StaffAuthentication;
import org.uklad.audit.AuditLog;
import org.uklad.questionnaire.LoadedQuestionnaire;
import org.uklad.response.PaperImport;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldCode;
import org.uklad.system.FieldError;
import org.uklad.system.ProblemException;

/**
 * Streamed imports of paper responses (issue #23): an uploaded file is spooled to a temporary
 * file on this replica (never held in memory), then checked and stored by {@link PaperImport} as
 * a job whose state and progress are rows of {@code import_job}, so any replica answers the
 * progress bar. A small file can be imported at once instead ({@link #runNow}), with the same
 * rules. Jobs run on {@code uklad.imports.concurrent} threads of their own;
 * their progress is written once a second by one tick, never from inside the import's transaction.
 */
@Singleton
class ImportJobs {

    private static final Logger LOG = LoggerFactory.getLogger(ImportJobs.class);

    /** A spooled upload: a temporary file deleted when the import ends. */
    record Spooled(Path path, long size) implements AutoCloseable {
        InputStream open() throws IOException {
            return Files.newInputStream(path);
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                LOG.warn("could not delete the spooled import {}", path, e);
            }
        }
    }

    /** What an import needs besides its file. */
    record Request(long waveId, long schoolId, LoadedQuestionnaire questionnaire, @Nullable String encoding,
                   @Nullable String groupLabel, String actor, @Nullable Long accountId) {
        static Request of(long waveId, long schoolId, LoadedQuestionnaire q, @Nullable String encoding,
                          @Nullable String groupLabel, @Nullable Authentication auth) {
            return new Request(waveId, schoolId, q, encoding, groupLabel, AuditLog.actor(auth),
                    auth == null ? null : StaffAuthentication.accountId(auth).orElse(null));
        }
    }

    /** A running job's progress, as the importing thread tells it. */
    private static final class Running implements PaperImport.Progress {
        volatile ImportJob.State state = ImportJob.State.CHECKING;
        volatile long rowsRead;
        volatile long bytesRead;
        volatile Long rowsTotal;
        volatile long rowsStored;

        @Override
        public void checking(long rows, long bytes) {
            rowsRead = rows;
            bytesRead = bytes;
        }

        @Override
        public void checked(long rows) {
            rowsTotal = rows;
            rowsRead = rows;
            state = ImportJob.State.STORING;
        }

        @Override
        public void storing(long done, long rows) {
            rowsStored = done;
        }
    }

    private final PaperImport paperImport;
    private final ImportJobStore store;
    private final AuditLog audit;
    private final long maxSize;
    private final long maxWorkbookSize;
    private final @Nullable Path spoolDir;
    private final int keepDays;
    private final ExecutorService workers;
    private final Map<UUID, Running> running = new ConcurrentHashMap<>();

    ImportJobs(PaperImport paperImport, ImportJobStore store, AuditLog audit,
               @Value("${uklad.imports.max-size:104857600}") long maxSize,
               @Value("${uklad.imports.max-workbook-size:20971520}") long maxWorkbookSize,
               @Value("${uklad.imports.concurrent:2}") int concurrent,
               @Value("${uklad.imports.spool-dir:}") String spoolDir,
               @Value("${uklad.imports.keep-days:7}") int keepDays) {
        this.paperImport = paperImport;
        this.store = store;
        this.audit = audit;
        this.maxSize = maxSize;
        this.maxWorkbookSize = maxWorkbookSize;
        this.spoolDir = spoolDir.isBlank() ? null : Path.of(spoolDir);
        this.keepDays = Math.max(1, keepDays);
        this.workers = Executors.newFixedThreadPool(Math.max(1, concurrent), Thread.ofPlatform().name("import-", 0).daemon().factory());
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    /** The largest file one import takes ({@code uklad.imports.max-size}). */
    long maxSize() {
        return maxSize;
    }

    /**
     * Copies an upload to a temporary file, refusing one over the limit (413) before it is all
     * read. The caller closes the result (which deletes the file) unless it hands it to a job.
     */
    Spooled spool(InputStream in) {
        return spool(in, maxSize);
    }

    private Spooled spool(InputStream in, long max) {
        Path path = null;
        try {
            path = spoolDir == null ? Files.createTempFile("uklad-import-", ".upload")
                    : Files.createTempFile(Files.createDirectories(spoolDir), "uklad-import-", ".upload");
            long size = 0;
            byte[] buffer = new byte[1 << 16];
            try (InputStream source = in; OutputStream out = Files.newOutputStream(path)) {
                for (int n = source.read(buffer); n >= 0; n = source.read(buffer)) {
                    size += n;
                    if (size > max) {
                        throw new ProblemException(ErrorCode.BODY_TOO_LARGE);
                    }
                    out.write(buffer, 0, n);
                }
            }
            return new Spooled(path, size);
        } catch (IOException | RuntimeException e) {
            if (path != null) {
                new Spooled(path, 0).close();
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * A workbook upload as a spooled CSV in the export's layout: the workbook is spooled (at most
     * {@code uklad.imports.max-workbook-size}) and its first sheet written out row by row.
     */
    Spooled spoolWorkbook(InputStream in) {
        try (Spooled workbook = spool(in, maxWorkbookSize)) {
            Path csv = Files.createTempFile(workbook.path().getParent(), "uklad-import-", ".csv");
            Spooled out = new Spooled(csv, 0);
            try (BufferedWriter writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                XlsxWorkbook.dataAsCsv(workbook.path().toFile(), writer);
            } catch (IllegalArgumentException e) {
                out.close();
                throw new ProblemException(ErrorCode.VALIDATION_FAILED, List.of(FieldError.of("file", FieldCode.WRONG_TYPE, "XLSX")));
            }
            return new Spooled(csv, Files.size(csv));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a job in the background; the file is the job's from now on. */
    UUID start(Request r, Spooled file) {
        UUID id = create(r, file);
        Running progress = new Running();
        running.put(id, progress);
        try {
            workers.execute(() -> {
                try {
                    run(id, r, file, progress);
                } catch (RuntimeException e) {
                    // already recorded in the job's row, which the page shows
                }
            });
        } catch (RuntimeException e) {
            running.remove(id);
            store.ended(id, ImportJob.State.FAILED, 0, List.of());
            file.close();
            throw e;
        }
        return id;
    }

    /**
     * Imports a small file at once on the caller's thread: the answer is the report or the
     * refusal itself, so no job is recorded (a refused file leaves no trace).
     */
    PaperImport.ImportReport runNow(Request r, Spooled file) {
        try (file) {
            PaperImport.ImportReport report = paperImport.importFile(r.waveId(), r.schoolId(), r.questionnaire(), file::open,
                    r.encoding(), r.groupLabel(), PaperImport.Progress.NONE);
            audited(r, report);
            return report;
        }
    }

    private void audited(Request r, PaperImport.ImportReport report) {
        audit.record(r.actor(), AuditLog.Action.RESPONSES_IMPORTED, "wave " + r.waveId() + ", school " + r.schoolId(),
                r.questionnaire().key() + ": " + report.stored() + " stored, " + report.alreadyPresent() + " already present");
    }

    Optional<ImportJob> find(UUID id) {
        return store.find(id);
    }

    private UUID create(Request r, Spooled file) {
        store.forget(Instant.now().minus(Duration.ofDays(keepDays)));
        UUID id = UUID.randomUUID();
        store.insert(id, r.waveId(), r.schoolId(), r.questionnaire().versionId(), r.accountId(), file.size());
        return id;
    }

    private PaperImport.ImportReport run(UUID id, Request r, Spooled file, Running progress) {
        try (file) {
            flush(id, progress);
            PaperImport.ImportReport report = paperImport.importFile(r.waveId(), r.schoolId(), r.questionnaire(), file::open,
                    r.encoding(), r.groupLabel(), progress);
            store.done(id, report.rows(), report.stored(), report.alreadyPresent());
            audited(r, report);
            return report;
        } catch (ProblemException e) {
            store.ended(id, ImportJob.State.REFUSED, count(e.fieldErrors()), e.fieldErrors());
            throw e;
        } catch (RuntimeException e) {
            LOG.error("import {} failed", id, e);
            store.ended(id, ImportJob.State.FAILED, 0, List.of());
            throw e;
        } finally {
            running.remove(id);
        }
    }

    /** All problems of a refusal: those listed, and those the last line says there are more of. */
    private static long count(List<FieldError> errors) {
        if (!errors.isEmpty() && errors.getLast().code().equals(FieldCode.MORE_PROBLEMS.code())) {
            return errors.size() - 1 + Long.parseLong(String.valueOf(errors.getLast().args().getFirst()));
        }
        return errors.size();
    }

    /** Writes the progress of this replica's running jobs, and so their heartbeat. */
    @Scheduled(fixedDelay = "1s", initialDelay = "1s")
    void tick() {
        running.forEach((id, progress) -> {
            try {
                flush(id, progress);
            } catch (RuntimeException e) {
                LOG.warn("could not write the progress of import {}", id, e);
            }
        });
    }

    private void flush(UUID id, Running p) {
        store.progress(id, p.state, p.bytesRead, p.rowsRead, p.rowsTotal, p.rowsStored);
    }
}
