package org.uklad.support;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A plain JDK HTTP client against the running test server: it sends exactly the bytes and headers
 * a test chooses (broken JSON, odd content types) and returns status, type and body as they are.
 */
public final class Http {

    public static final String ADMIN_TOKEN = "test-admin-token";

    private final HttpClient client;
    private final URI base;
    private final JsonMapper json;
    /** Run before and after every request: waits for the groups submissions completed to be published (see {@link AppTest}). */
    private final Runnable settle;

    public Http(URI base, JsonMapper json) {
        this(base, json, null, () -> { });
    }

    /**
     * @param settle run before and after every request, so that what a test reads after submitting includes
     *               the groups its submissions completed (the service publishes them just after
     *               answering, off the respondent's request)
     */
    public Http(URI base, JsonMapper json, Runnable settle) {
        this(base, json, null, settle);
    }

    private Http(URI base, JsonMapper json, java.net.InetAddress localAddress, Runnable settle) {
        HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5));
        this.client = (localAddress == null ? builder : builder.localAddress(localAddress)).build();
        this.base = base;
        this.json = json;
        this.settle = settle;
    }

    /**
     * The same server, from another client address: {@code loopback} is one of 127.0.0.0/8, which
     * all reach this machine, so a test can play several clients that the throttles count apart.
     */
    public Http from(String loopback) {
        try {
            return new Http(base, json, java.net.InetAddress.getByName(loopback), settle);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(loopback, e);
        }
    }

    public record Response(int status, String contentType, String body, HttpResponse<String> raw) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public Response send(String method, String path, String contentType, byte[] body, String... headers) {
        settle.run();
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            settle.run(); // and after: a submission's group is published before the test goes on
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET whose body is binary (a workbook, a PDF): status, content type and the bytes. */
    public record Download(int status, String contentType, byte[] body) {}

    public Download download(String path, String... headers) {
        settle.run();
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Download(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path, String... headers) {
        return send("GET", path, null, null, headers);
    }

    public Response postJson(String path, String jsonBody, String... headers) {
        return send("POST", path, "application/json", jsonBody.getBytes(StandardCharsets.UTF_8), headers);
    }

    public Response admin(String method, String path, String jsonBody) {
        return send(method, path, jsonBody == null ? null : "application/json",
                jsonBody == null ? null : jsonBody.getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer " + ADMIN_TOKEN);
    }

    public JsonNode json(Response r) {
        try {
            return json.readValue(r.body(), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + r.body(), e);
        }
    }

    public String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
