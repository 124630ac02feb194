package org.uklad.wave;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;
import org.uklad.system.StrictJson;

/** Waves and access codes (administration API). */
@Controller("/api/v1/admin/waves")
@ExecuteOn(TaskExecutors.BLOCKING)
class WaveAdminController {

    private final Waves waves;
    private final StrictJson json;

    WaveAdminController(Waves waves, StrictJson json) {
        this.waves = waves;
        this.json = json;
    }

    record NewWave(String name, WaveKind kind, Instant opensAt, Instant closesAt, List<String> questionnaires) {}

    @Serdeable
    record WaveView(long id, String name, WaveKind kind, Instant opensAt, Instant closesAt, WaveState state,
                    List<Long> questionnaireVersionIds) {}

    record Reschedule(Instant closesAt) {}

    record NewCodes(Long schoolId, String questionnaire, String groupLabel, @Nullable Integer count,
                    @Nullable Integer maxUses, @Nullable Integer expectedSize) {}

    @Serdeable
    record CodeView(String code, String display, String link, long schoolId, long questionnaireVersionId,
                    String groupLabel, int maxUses, int uses, @Nullable Integer expectedSize) {
        static CodeView of(AccessCode c) {
            return new CodeView(c.code(), AccessCodeGenerator.display(c.code()), "/s/" + c.code(), c.schoolId(),
                    c.questionnaireVersionId(), c.groupLabel(), c.maxUses(), c.uses(), c.expectedSize());
        }
    }

    private WaveView view(Wave w) {
        return new WaveView(w.id(), w.name(), w.kind(), w.opensAt(), w.closesAt(), w.stateAt(Instant.now()),
                waves.questionnaireVersionIds(w.id()));
    }

    @Get
    List<WaveView> list() {
        return waves.all().stream().map(this::view).toList();
    }

    @Get("/{id}")
    WaveView get(@PathVariable long id) {
        return view(waves.find(id).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND)));
    }

    @Post
    HttpResponse<WaveView> create(HttpRequest<?> request, @Body @Nullable byte[] raw) {
        NewWave body = json.read(request, raw, NewWave.class);
        Wave wave = waves.create(body.name(), body.kind(), body.opensAt(), body.closesAt(), body.questionnaires());
        return HttpResponse.status(HttpStatus.CREATED).body(view(wave));
    }

    /** Close ({@code closesAt} = now) or extend a wave. */
    @Patch("/{id}")
    WaveView reschedule(HttpRequest<?> request, @PathVariable long id, @Body @Nullable byte[] raw) {
        Reschedule body = json.read(request, raw, Reschedule.class);
        return view(waves.reschedule(id, body.closesAt()));
    }

    @Get("/{id}/access-codes")
    List<CodeView> codes(@PathVariable long id) {
        waves.find(id).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        return waves.codes(id).stream().map(CodeView::of).toList();
    }

    @Post("/{id}/access-codes")
    HttpResponse<List<CodeView>> generate(HttpRequest<?> request, @PathVariable long id, @Body @Nullable byte[] raw) {
        NewCodes body = json.read(request, raw, NewCodes.class);
        List<AccessCode> created = waves.generateCodes(id, body.schoolId(), body.questionnaire(), body.groupLabel(),
                body.count(), body.maxUses(), body.expectedSize());
        return HttpResponse.status(HttpStatus.CREATED).body(created.stream().map(CodeView::of).toList());
    }
}
