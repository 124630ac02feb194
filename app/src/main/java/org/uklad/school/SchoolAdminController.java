package org.uklad.school;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldError;
import org.uklad.system.FieldCode;
import org.uklad.system.Names;
import org.uklad.system.ProblemException;
import org.uklad.system.StrictJson;

/**
 * Registry of schools, municipalities, categories and partnerships (administration API: ADMIN by
 * session with {@code X-CSRF-Token}, or the administration token).
 */
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

    record MunicipalityRename(String from, String to) {}

    @Serdeable
    record Renamed(String municipality, int schools) {}

    @Serdeable
    record CategoryCount(SchoolCategory category, int schools) {}

    /**
     * The schools, by municipality and name; optionally only those of one municipality and/or one
     * category.
     */
    @Get("/schools{?municipality,category}")
    List<School> list(@QueryValue @Nullable String municipality, @QueryValue @Nullable String category) {
        SchoolCategory wanted = category == null || category.isBlank() ? null : category(category);
        return schools.all().stream()
                .filter(s -> municipality == null || municipality.isBlank() || s.municipality().equals(municipality.strip()))
                .filter(s -> wanted == null || s.category() == wanted)
                .toList();
    }

    private static SchoolCategory category(String value) {
        for (SchoolCategory c : SchoolCategory.values()) {
            if (c.name().equals(value.strip())) {
                return c;
            }
        }
        throw new ProblemException(ErrorCode.VALIDATION_FAILED, List.of(FieldError.of("category", FieldCode.UNKNOWN_REFERENCE,
                value.length() > 20 ? "" : value)));
    }

    /** Registers a school: name (1–300), municipality (1–200), category; a name is unique in its municipality. */
    @Post("/schools")
    HttpResponse<School> create(HttpRequest<?> request, @Body @Nullable byte[] raw) {
        NewSchool body = json.read(request, raw, NewSchool.class);
        return HttpResponse.status(HttpStatus.CREATED).body(schools.register(body.name(), body.municipality(), body.category()));
    }

    /** One school. */
    @Get("/schools/{id}")
    School one(@PathVariable long id) {
        return schools.find(id).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
    }

    /** Changes a school's name, municipality and category (same rules as registering it). */
    @Put("/schools/{id}")
    School update(HttpRequest<?> request, @PathVariable long id, @Body @Nullable byte[] raw) {
        NewSchool body = json.read(request, raw, NewSchool.class);
        return schools.update(id, body.name(), body.municipality(), body.category());
    }

    /** Every municipality with its number of schools. */
    @Get("/municipalities")
    List<Schools.Municipality> municipalities() {
        return schools.municipalities();
    }

    /**
     * Renames a municipality on all its schools ({@code from} must name a municipality with
     * schools); refused with a field error on {@code to} when a school name would occur twice.
     */
    @Post("/municipalities/rename")
    Renamed rename(HttpRequest<?> request, @Body @Nullable byte[] raw) {
        MunicipalityRename body = json.read(request, raw, MunicipalityRename.class);
        int renamed = schools.renameMunicipality(body.from(), body.to());
        return new Renamed(Names.normalise("to", body.to(), Schools.MAX_MUNICIPALITY), renamed);
    }

    /** The fixed categories (ШНРО, ШРССУ, ШУВРО, other) with their numbers of schools. */
    @Get("/categories")
    List<CategoryCount> categories() {
        return schools.categoryCounts().entrySet().stream().map(e -> new CategoryCount(e.getKey(), e.getValue())).toList();
    }

    /** Every partnership (mentor school → supported school). */
    @Get("/partnerships")
    List<Partnership> partnerships() {
        return schools.partnerships();
    }

    /** Pairs a mentor with the school it supports; not a school with itself, not twice. */
    @Post("/partnerships")
    HttpResponse<Partnership> pair(HttpRequest<?> request, @Body @Nullable byte[] raw) {
        NewPartnership body = json.read(request, raw, NewPartnership.class);
        return HttpResponse.status(HttpStatus.CREATED).body(schools.pair(body.mentorSchoolId(), body.supportedSchoolId()));
    }

    /** Ends a partnership. */
    @Delete("/partnerships/{id}")
    HttpResponse<Void> unpair(@PathVariable long id) {
        schools.unpair(id);
        return HttpResponse.noContent();
    }
}
