package io.getbill.server.oauth.signin;

/**
 * Failed sign-ins counted per email and per source address; over the limit, the next attempt is refused before the
 * password is checked. The admin sign-in's throttle is the implementation, so the sign-in page of the authorization
 * flow and the admin sign-in share one set of counters: an attacker gains nothing by switching forms.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9700#section-4.9">RFC 9700 §4.9 (credential guessing)</a>
 */
public interface SignInThrottle {

    /** @throws io.getbill.server.infrastructure.errors.ApiException 429 with {@code Retry-After} when the email or the address is over its limit */
    void check(String email, String address);

    void recordFailure(String email, String address);
}
