package org.uklad.wave;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * The address respondents use, for links and QR codes on invitation sheets: {@code uklad.public-url}
 * (e.g. {@code https://uklad.example.ru}) when set, otherwise the scheme and host of the request.
 */
@Singleton
class PublicUrl {

    private final String configured;

    PublicUrl(@Value("${uklad.public-url:}") String configured) {
        String c = configured == null ? "" : configured.strip();
        this.configured = c.endsWith("/") ? c.substring(0, c.length() - 1) : c;
    }

    String base(HttpRequest<?> request) {
        if (!configured.isEmpty()) {
            return configured;
        }
        String host = request.getHeaders().get("Host");
        if (host == null || host.isBlank() || !host.matches("[A-Za-z0-9.:\\[\\]-]{1,255}")) {
            host = request.getServerAddress().getHostString() + ":" + request.getServerAddress().getPort();
        }
        String proto = request.getHeaders().get("X-Forwarded-Proto");
        String scheme = proto != null && proto.toLowerCase(Locale.ROOT).equals("https") || request.isSecure() ? "https" : "http";
        return scheme + "://" + host.toLowerCase(Locale.ROOT);
    }

    /** The public page with every question of a questionnaire that comes with the service. */
    String preview(HttpRequest<?> request, String questionnaireKey) {
        return base(request) + "/questionnaires/" + questionnaireKey;
    }

    /** The survey link of an access code. */
    String link(HttpRequest<?> request, String code) {
        return base(request) + "/s/" + code;
    }
}
