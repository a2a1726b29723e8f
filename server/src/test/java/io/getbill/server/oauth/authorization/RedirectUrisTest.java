package io.getbill.server.oauth.authorization;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registration and matching of redirect URIs: exact string match, any port only on an http loopback IP literal. */
class RedirectUrisTest {

    private static final List<String> REGISTERED = List.of("https://app.example/callback", "http://127.0.0.1/cb",
            "http://[::1]:8000/cb?x=1");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "https://app.example/callback, true",
            "https://app.example/callback/, false",
            "https://APP.example/callback, false",
            "https://app.example/callback?x=1, false",
            "https://app.example:443/callback, false",
            "https://app.example/callbackx, false",
            "https://app.example.evil.example/callback, false",
            "http://127.0.0.1/cb, true",
            "http://127.0.0.1:53682/cb, true",
            "http://127.0.0.1:53682/cb/, false",
            "http://127.0.0.1:53682/other, false",
            "http://127.0.0.1:/cb, false",
            "http://127.0.0.1.evil.example/cb, false",
            "http://localhost:53682/cb, false",
            "http://[::1]/cb?x=1, true",
            "http://[::1]:9/cb?x=1, true",
            "http://[::1]:9/cb?x=2, false"})
    void matchesExactlyExceptTheLoopbackPort(String presented, boolean matches) {
        assertEquals(matches, RedirectUris.matchesAny(REGISTERED, presented));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://app.example/cb", "http://localhost/cb", "https://app.example/cb#f", "/cb", "custom:/cb",
            "app://cb", "https://u:p@app.example/cb", "https://app.example/c b", ""})
    void registrationRefuses(String uri) {
        assertTrue(RedirectUris.registrationProblem(uri).isPresent(), uri);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example/cb", "https://app.example:8443/cb?tenant=1", "http://127.0.0.1/cb",
            "http://127.0.0.1:8080/cb", "http://[::1]/cb"})
    void registrationAccepts(String uri) {
        assertTrue(RedirectUris.registrationProblem(uri).isEmpty(), uri);
    }
}
