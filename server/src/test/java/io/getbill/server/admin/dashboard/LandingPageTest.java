package io.getbill.server.admin.dashboard;

import io.getbill.server.testsupport.BrowserlessAgent;
import io.getbill.server.testsupport.ServerTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The landing page, the API reference page and their static files over HTTP on MariaDB. */
@MicronautTest(transactional = false)
class LandingPageTest extends ServerTest {

    @Test
    void landingPageLinksTheReferenceTheDashboardTheContractAndTheMetadata() {
        BrowserlessAgent agent = new BrowserlessAgent(base());
        HttpResponse<String> page = agent.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        DashboardHttp.assertPageHeaders(page);
        Document document = Jsoup.parse(page.body());
        List<String> links = document.select("main a").eachAttr("href");
        assertTrue(links.containsAll(List.of("/docs", "/dashboard", "/openapi.yaml", "/.well-known/oauth-authorization-server")),
                links.toString());
        for (String link : List.of("/openapi.yaml", "/.well-known/oauth-authorization-server")) {
            assertEquals(200, agent.get(link).statusCode(), link);
        }
    }

    @Test
    void referencePageLoadsSwaggerUiFromThisServerOverTheServedContract() {
        BrowserlessAgent agent = new BrowserlessAgent(base());
        HttpResponse<String> page = agent.get("/docs");
        assertEquals(200, page.statusCode());
        DashboardHttp.assertPageHeaders(page);
        Document document = Jsoup.parse(page.body());
        assertEquals("/openapi.yaml", document.getElementById("swagger-ui").attr("data-url"));
        for (String script : document.select("script").eachAttr("src")) {
            assertTrue(script.startsWith("/"), "script from another origin: " + script);
            HttpResponse<String> file = agent.get(script);
            assertEquals(200, file.statusCode(), script);
            assertTrue(file.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"), script);
        }
        assertTrue(document.select("script:not([src])").isEmpty(), "no inline script");
        HttpResponse<String> css = agent.get("/docs/swagger-ui/swagger-ui.css");
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
        assertNotNull(css.body());
    }

    @Test
    void anAssetNotNamedIsNotFoundWithThePageHeadersAndTheClasspathIsNotBrowsable() {
        BrowserlessAgent agent = new BrowserlessAgent(base());
        for (String path : List.of("/docs/swagger-ui/index.html", "/docs/swagger-ui/..%2F..%2Fapplication.yml",
                "/dashboard/assets/missing.js", "/dashboard/assets/..%2Fpages.css", "/dashboard/no-such-page")) {
            HttpResponse<String> answer = agent.get(path);
            assertEquals(404, answer.statusCode(), path);
            DashboardHttp.assertPageHeaders(answer);
        }
    }
}
