package org.uklad.wave;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** The survey links printed on invitation sheets. */
class InvitationLinkTest {

    @Test
    void theConfiguredPublicAddressWins() {
        HttpRequest<?> request = HttpRequest.GET("/staff/waves/1/schools/2/invitations.pdf").header("Host", "10.0.0.7:8080");
        assertThat(new PublicUrl("https://uklad.example.ru/").link(request, "ABCDE23456"))
                .isEqualTo("https://uklad.example.ru/s/ABCDE23456");
    }

    @Test
    void withoutItTheRequestsHostIsUsed() {
        HttpRequest<?> request = HttpRequest.GET("/x").header("Host", "School.Example:8443").header("X-Forwarded-Proto", "https");
        assertThat(new PublicUrl("").link(request, "ABCDE23456")).isEqualTo("https://school.example:8443/s/ABCDE23456");
        assertThat(new PublicUrl("").link(HttpRequest.GET("/x").header("Host", "uklad.local"), "ABCDE23456"))
                .isEqualTo("http://uklad.local/s/ABCDE23456");
    }
}
