package org.uklad.system;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.io.Writable;
import io.micronaut.core.io.scan.ClassPathResourceLoader;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;

/**
 * Renders a page completely before anything is sent. Micronaut Views renders a Thymeleaf page
 * while streaming it, after the status and headers are out, so an error in a template had nowhere
 * to go and the browser waited forever (it happened twice, with OGNL keywords as record names).
 * Rendered here first, such an error becomes the catalogue's 500 page like any other. Pages are
 * tens of kilobytes, so holding one in memory costs nothing worth saving.
 */
@Singleton
@Replaces(ThymeleafViewsRenderer.class)
final class EagerViewsRenderer<T> extends ThymeleafViewsRenderer<T> {

    EagerViewsRenderer(AbstractConfigurableTemplateResolver templateResolver, TemplateEngine engine,
                       ClassPathResourceLoader resourceLoader, HttpLocaleResolver httpLocaleResolver) {
        super(templateResolver, engine, resourceLoader, httpLocaleResolver);
    }

    @Override
    public Writable render(String viewName, T data, HttpRequest<?> request) {
        Writable streaming = super.render(viewName, data, request);
        StringWriter page = new StringWriter(16 * 1024);
        try {
            streaming.writeTo(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String html = page.toString();
        return out -> out.write(html);
    }
}
