package org.uklad.school;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Registry of schools and partnerships (administration API). */
@Controller("/api/v1/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
class SchoolAdminController {

    private final Schools schools;

    SchoolAdminController(Schools schools) {
        this.schools = schools;
    }

    @Serdeable
    record NewSchool(String name, String municipality, SchoolCategory category) {}

    @Serdeable
    record NewPartnership(long mentorSchoolId, long supportedSchoolId) {}

    @Get("/schools")
    List<School> list() {
        return schools.all();
    }

    @Post("/schools")
    HttpResponse<School> create(@Body NewSchool body) {
        return HttpResponse.status(HttpStatus.CREATED).body(schools.register(body.name(), body.municipality(), body.category()));
    }

    @Get("/partnerships")
    List<Partnership> partnerships() {
        return schools.partnerships();
    }

    @Post("/partnerships")
    HttpResponse<Partnership> pair(@Body NewPartnership body) {
        return HttpResponse.status(HttpStatus.CREATED).body(schools.pair(body.mentorSchoolId(), body.supportedSchoolId()));
    }
}
