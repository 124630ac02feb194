package org.uklad.school;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.uklad.system.StrictJson;
import java.util.List;

/** Registry of schools and partnerships (administration API). */
@Controller("/api/v1/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
class SchoolAdminController {

    private final Schools schools;
    private final StrictJson json;

    SchoolAdminController(Schools schools, StrictJson json) {
        this.schools = schools;
        this.json = json;
    }

    record NewSchool(String name, String municipality, SchoolCategory category) {}

    record NewPartnership(long mentorSchoolId, long supportedSchoolId) {}

    @Get("/schools")
    List<School> list() {
        return schools.all();
    }

    @Post("/schools")
    HttpResponse<School> create(HttpRequest<?> request, @Body @Nullable byte[] raw) {
        NewSchool body = json.read(request, raw, NewSchool.class);
        return HttpResponse.status(HttpStatus.CREATED).body(schools.register(body.name(), body.municipality(), body.category()));
    }

    @Get("/partnerships")
    List<Partnership> partnerships() {
        return schools.partnerships();
    }

    @Post("/partnerships")
    HttpResponse<Partnership> pair(HttpRequest<?> request, @Body @Nullable byte[] raw) {
        NewPartnership body = json.read(request, raw, NewPartnership.class);
        return HttpResponse.status(HttpStatus.CREATED).body(schools.pair(body.mentorSchoolId(), body.supportedSchoolId()));
    }
}
