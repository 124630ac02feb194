package org.uklad.programme;

import static org.uklad.account.StaffPageSupport.page;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import org.uklad.account.SchoolScope;
import org.uklad.account.StaffPageSupport;

/**
 * The measured effect of support programmes: the programme report PDF (coordinator any; a
 * psychologist or director of either school of the pair) and the coordinator's "what worked" page.
 * {@code ?lang=en} or the page language chooses the PDF's language.
 */
@Controller("/staff/programmes")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
class EffectController {

    private final StaffPageSupport pages;
    private final SchoolScope scope;
    private final MeasuredEffects effects;
    private final WhatWorked whatWorked;
    private final ProgrammePdf pdf;

    EffectController(StaffPageSupport pages, SchoolScope scope, MeasuredEffects effects, WhatWorked whatWorked,
                     ProgrammePdf pdf) {
        this.pages = pages;
        this.scope = scope;
        this.effects = effects;
        this.whatWorked = whatWorked;
        this.pdf = pdf;
    }

    /** Measures of every programme ranked by their measured effect (coordinators only). */
    @Get("/what-worked")
    @Produces(MediaType.TEXT_HTML)
    @Secured("ADMIN")
    HttpResponse<?> whatWorked(HttpRequest<?> request, Authentication auth) {
        return page("staff/what-worked", whatWorked.page(pages.chrome(request, auth), pages.locale(request)), HttpStatus.OK);
    }

    /** The programme report, the shape a region files. */
    @Get(value = "/{id}.pdf", produces = "application/pdf")
    HttpResponse<byte[]> report(HttpRequest<?> request, Authentication auth, @PathVariable long id) {
        MeasuredEffects.Pair pair = effects.pair(id);
        scope.requireReadProgramme(auth, pair.supportedSchoolId(), pair.mentorSchoolId());
        return pdf.download(id, pages.locale(request));
    }
}
