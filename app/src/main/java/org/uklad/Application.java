package org.uklad;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;

/** Starts the Uklad service. With no datasource configured it runs on an embedded PostgreSQL. */
@OpenAPIDefinition(info = @Info(title = "Uklad", version = "0.1",
        description = "School-climate surveys: the respondent API (anonymous, with access codes) and the administration "
                + "and staff APIs (bearer token or staff session). Errors are application/problem+json; see /errors/{code}.",
        license = @License(name = "Proprietary")))
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).defaultEnvironments("dev").start();
    }
}
