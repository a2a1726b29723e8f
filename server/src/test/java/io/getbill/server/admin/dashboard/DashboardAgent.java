package io.getbill.server.admin.dashboard;

import io.getbill.server.testsupport.BrowserlessAgent;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A browser without JavaScript on the dashboard: signs in through the form and posts forms with their hidden fields. */
final class DashboardAgent {

    final BrowserlessAgent http;

    DashboardAgent(String base) {
        this.http = new BrowserlessAgent(base);
    }

    /** Signs in through the sign-in page; fails unless the answer is 303 to the dashboard. */
    DashboardAgent signIn(String email, String password) {
        HttpResponse<String> answer = trySignIn(email, password);
        assertEquals(303, answer.statusCode(), answer.body());
        assertEquals("/dashboard", BrowserlessAgent.location(answer));
        return this;
    }

    HttpResponse<String> trySignIn(String email, String password) {
        HttpResponse<String> page = http.get("/dashboard/signin");
        assertEquals(200, page.statusCode(), page.body());
        Map<String, String> fields = new LinkedHashMap<>(BrowserlessAgent.formFields(page, "/dashboard/signin"));
        fields.put("email", email);
        fields.put("password", password);
        return http.post("/dashboard/signin", fields);
    }

    HttpResponse<String> get(String path) {
        return http.get(path);
    }

    /** The session's CSRF token, read from the sign-out form of a signed-in page. */
    String csrfToken() {
        HttpResponse<String> home = http.get("/dashboard");
        assertEquals(200, home.statusCode(), home.body());
        return BrowserlessAgent.formFields(home, "/dashboard/signout").get("csrf_token");
    }

    /** Posts {@code fields} plus the session's CSRF token. */
    HttpResponse<String> post(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("csrf_token", csrfToken());
        all.putAll(fields);
        return http.post(path, all);
    }

    static Element byId(HttpResponse<String> page, String id) {
        return Jsoup.parse(page.body()).getElementById(id);
    }
}
