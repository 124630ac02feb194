package org.uklad.system;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Access to the administration API until staff accounts exist: a bearer token from
 * {@code uklad.admin.api-token} ({@code UKLAD_ADMIN_API_TOKEN}). When none is configured a random
 * one is generated at start and printed once to the log.
 */
@ConfigurationProperties("uklad.admin")
public record AdminApiConfiguration(@Nullable String apiToken) {}
