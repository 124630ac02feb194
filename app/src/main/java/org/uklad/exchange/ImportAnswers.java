package org.uklad.exchange;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.io.InputStream;
import java.util.Locale;
import java.util.UUID;
import org.uklad.account.StaffPageSupport;
import org.uklad.questionnaire.LoadedQuestionnaire;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;

/**
 * How the staff and administration APIs answer an import (callers have checked access): the
 * questionnaire and school first, then the body spooled to disk; a file up to
 * {@code uklad.imports.wait-below} (256 KB) is imported while the client waits (200 with the
 * report, or 422 with the problems), unless it sends {@code Prefer: respond-async}; a larger one
 * answers 202 with the job's status and its {@code Location}, to be polled until it is finished.
 */
@Singleton
class ImportAnswers {

    private final ExchangeSteps steps;
    private final ImportJobs jobs;
    private final ImportJobPresenter presenter;
    private final StaffPageSupport pages;
    private final long waitBelow;

    ImportAnswers(ExchangeSteps steps, ImportJobs jobs, ImportJobPresenter presenter, StaffPageSupport pages,
                  @Value("${uklad.imports.wait-below:262144}") long waitBelow) {
        this.steps = steps;
        this.jobs = jobs;
        this.presenter = presenter;
        this.pages = pages;
        this.waitBelow = waitBelow;
    }

    /** The imported file's way to disk: as it comes (CSV), or a workbook's first sheet as CSV. */
    enum Kind { CSV, WORKBOOK }

    /**
     * Imports a body into a wave's school.
     *
     * @param apiBase {@code /api/v1/staff/waves/} or {@code /api/v1/admin/waves/}: where the job's status is
     */
    HttpResponse<?> accept(HttpRequest<?> request, @Nullable Authentication auth, long waveId, long schoolId,
                           @Nullable String key, @Nullable String encoding, @Nullable String groupLabel,
                           @Nullable InputStream body, Kind kind, String apiBase) {
        LoadedQuestionnaire q = steps.inWave(waveId, key);
        steps.requireSchool(schoolId);
        InputStream in = body == null ? InputStream.nullInputStream() : body;
        ImportJobs.Spooled file = kind == Kind.WORKBOOK ? jobs.spoolWorkbook(in) : jobs.spool(in);
        ImportJobs.Request r = ImportJobs.Request.of(waveId, schoolId, q, kind == Kind.WORKBOOK ? "utf-8" : encoding, groupLabel, auth);
        boolean async = request.getHeaders().getAll("Prefer").stream().anyMatch(p -> p.toLowerCase(Locale.ROOT).contains("respond-async"));
        if (file.size() <= waitBelow && !async) {
            return HttpResponse.ok(jobs.runNow(r, file));
        }
        UUID id = jobs.start(r, file);
        String location = apiBase + waveId + "/schools/" + schoolId + "/imports/" + id;
        return HttpResponse.status(HttpStatus.ACCEPTED).header(HttpHeaders.LOCATION, location)
                .body(status(request, waveId, schoolId, id));
    }

    /** A job's status; 404 for a job of another wave or school (the caller checked access to this one). */
    ImportJobPresenter.ImportStatus status(HttpRequest<?> request, long waveId, long schoolId, UUID id) {
        ImportJob job = jobs.find(id).filter(j -> j.waveId() == waveId && j.schoolId() == schoolId)
                .orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        return presenter.status(job, pages.locale(request));
    }

}
