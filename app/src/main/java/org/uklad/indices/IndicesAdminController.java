package org.uklad.indices;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** Climate indices of a wave (administration API, behind the admin token filter). */
@Controller("/api/v1/admin/waves/{id}")
@ExecuteOn(TaskExecutors.BLOCKING)
class IndicesAdminController {

    private final IndicesService indices;
    private final ConstructLabels labels;

    IndicesAdminController(IndicesService indices, ConstructLabels labels) {
        this.indices = indices;
        this.labels = labels;
    }

    /**
     * Every school of the wave, per questionnaire version and construct, with pooled figures; each
     * construct with its reader's names ({@code label}, {@code agreementLabel}) beside its title.
     */
    @Get("/indices")
    WaveIndices wave(@PathVariable long id) {
        return labels.labelled(indices.compute(id));
    }

    /** One school's entries, with the wave's pooled figures beside them. */
    @Get("/schools/{schoolId}/indices")
    WaveIndices school(@PathVariable long id, @PathVariable long schoolId) {
        return labels.labelled(indices.compute(id, schoolId));
    }
}
