package org.uklad.system;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes every error, ours and the framework's, through the catalogue. */
final class ProblemHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandlers.class);

    private ProblemHandlers() {
    }

    /** Our own failures. */
    @Singleton
    @Produces
    static final class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<?>> {
        private final ProblemResponder responder;

        ProblemExceptionHandler(ProblemResponder responder) {
            this.responder = responder;
        }

        @Override
        public HttpResponse<?> handle(HttpRequest request, ProblemException exception) {
            return exception.retryAfterSeconds() > 0 ? responder.respond(request, exception.code(), exception.retryAfterSeconds())
                    : responder.respond(request, exception.code(), exception.fieldErrors());
        }
    }

    /**
     * Everything the framework reports (unknown route, wrong method, unconvertible path or query
     * values, body over the limit, unhandled exceptions) gets the same shape; JSON bodies are read by
     * {@link StrictJson}, which raises its own catalogue errors. A lost database connection is a 503
     * with Retry-After, so clients retry instead of giving up.
     */
    @Singleton
    @Replaces(ErrorResponseProcessor.class)
    static final class CatalogueErrorResponseProcessor implements ErrorResponseProcessor<Object> {
        private final ProblemResponder responder;

        CatalogueErrorResponseProcessor(ProblemResponder responder) {
            this.responder = responder;
        }

        @Override
        @SuppressWarnings("unchecked")
        public MutableHttpResponse<Object> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
            int status = base.getStatus().getCode();
            Throwable cause = context.getRootCause().orElse(null);
            ErrorCode code = classify(status, cause);
            String path = MaskedPath.of(context.getRequest().getPath());
            if (code == ErrorCode.INTERNAL) {
                LOG.error("Unhandled error on {} {}", context.getRequest().getMethod(), path, cause);
            } else if (code == ErrorCode.SERVICE_UNAVAILABLE) {
                LOG.warn("Database unavailable on {} {}: {}", context.getRequest().getMethod(), path,
                        cause == null ? "" : cause.getClass().getSimpleName());
            }
            MutableHttpResponse<?> answer = responder.respond(context.getRequest(), code, List.of());
            base.getHeaders().forEach((name, values) -> {
                if ("Allow".equalsIgnoreCase(name)) {
                    values.forEach(v -> answer.header(name, v));
                }
            });
            return (MutableHttpResponse<Object>) answer;
        }

        static ErrorCode classify(int status, Throwable cause) {
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof ContentLengthExceededException) {
                    return ErrorCode.BODY_TOO_LARGE;
                }
                if (isConnectionFailure(t)) {
                    return ErrorCode.SERVICE_UNAVAILABLE;
                }
                if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    // two requests created the same thing at once: the one that lost the race is told it exists
                    return ErrorCode.ALREADY_EXISTS;
                }
            }
            return ErrorCode.forStatus(status);
        }

        /** PostgreSQL's unique_violation. */
        static final String UNIQUE_VIOLATION = "23505";

        static boolean isConnectionFailure(Throwable t) {
            if (t instanceof SQLTransientConnectionException || t instanceof java.sql.SQLRecoverableException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof io.micronaut.data.connection.exceptions.ConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                // class 08: connection exception; 57P01-03: server shutting down / unavailable
                return sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0");
            }
            return false;
        }
    }
}
