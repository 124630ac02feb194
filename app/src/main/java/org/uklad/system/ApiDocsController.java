package org.uklad.system;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Hidden;

/** {@code /swagger-ui}: the API documentation, browsable, served entirely from this app. */
@Controller
@Hidden
class ApiDocsController {

    static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Uklad API</title>
              <link rel="icon" href="data:,">
              <link rel="stylesheet" href="/swagger-ui/assets/swagger-ui.css">
              <script src="/swagger-ui/assets/swagger-ui-bundle.js" defer></script>
              <script src="/assets/swagger-init.js" defer></script>
            </head>
            <body><div id="swagger-ui"></div></body>
            </html>
            """;

    @Get("/swagger-ui")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<String> page() {
        return HttpResponse.ok(PAGE);
    }
}
