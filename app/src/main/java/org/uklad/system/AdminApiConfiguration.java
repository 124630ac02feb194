package org.uklad.system;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Access for scripts (and metrics scrapers) to the administration API: a bearer token from
 * {@code uklad.admin.api-token} ({@code UKLAD_ADMIN_API_TOKEN}). When none is configured, bearer
 * access is off and only signed-in coordinators use the administration API.
 */
@ConfigurationProperties("uklad.admin")
public record AdminApiConfiguration(@Nullable String apiToken) {}
