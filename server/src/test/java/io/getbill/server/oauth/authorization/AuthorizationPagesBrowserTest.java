package io.getbill.server.oauth.authorization;

import com.sun.net.httpserver.HttpServer;
import io.getbill.server.testsupport.OAuth;
import io.getbill.server.testsupport.ServerTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.getbill.server.testsupport.BrowserlessAgent.query;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The authorization pages in a real browser: Debian's Chromium driven by its own chromedriver (given by path, so
 * nothing is downloaded at run time). Sign in → consent → code at a redirect receiver on 127.0.0.1 → token → API call;
 * deny → {@code access_denied}; a page of another loopback origin that frames {@code /authorize} gets nothing shown.
 * Screenshots of each page go to {@code target/screenshots/}.
 *
 * <p>Without Chromium the tests are skipped with the reason, unless {@code GETBILL_BROWSER_TESTS=required} (CI), where
 * a missing browser fails them.
 */
@MicronautTest(transactional = false)
class AuthorizationPagesBrowserTest extends ServerTest {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private HttpServer receiver;
    private final AtomicReference<String> received = new AtomicReference<>();
    private WebDriver browser;
    private Path profile;

    @Override
    protected Map<String, String> extraProperties() {
        return AuthorizationCodeFlowTest.bootstrapWithAuthorizationClients();
    }

    @BeforeAll
    void startBrowserAndReceiver() throws IOException {
        boolean available = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        if (!available && "required".equals(System.getenv("GETBILL_BROWSER_TESTS"))) {
            throw new IllegalStateException("GETBILL_BROWSER_TESTS=required but /usr/bin/chromium or /usr/bin/chromedriver "
                    + "is missing (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(available, "Browser tests skipped: /usr/bin/chromium and /usr/bin/chromedriver are not "
                + "installed (apt-get install chromium chromium-driver; GETBILL_BROWSER_TESTS=required makes this a failure)");
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.createContext("/callback", exchange -> {
            received.set(exchange.getRequestURI().toString());
            respond(exchange, "<!DOCTYPE html><html><head><title>Receiver</title></head><body><p id=received>Received</p></body></html>");
        });
        receiver.createContext("/framing", exchange -> {
            String target = exchange.getRequestURI().getRawQuery();
            respond(exchange, "<!DOCTYPE html><html><head><title>Framing page</title></head><body>"
                    + "<iframe id=framed width=600 height=400 src=\"" + serverOrigin() + "/authorize?" + target + "\"></iframe></body></html>");
        });
        receiver.start();
        profile = Files.createTempDirectory("getbill-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=412,915", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stopBrowserAndReceiver() {
        if (browser != null) {
            browser.quit();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The server as the browser reaches it: always {@code localhost} (the default issuer), never mixed with 127.0.0.1 (cookies). */
    private String serverOrigin() {
        return "http://localhost:" + server.getPort();
    }

    private String redirectUri() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/callback";
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private void waitFor(By element) throws IOException {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !d.findElements(element).isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("failed-waiting-" + element.toString().replaceAll("[^A-Za-z0-9]+", "-"));
            throw new AssertionError("waited for " + element + " on " + browser.getCurrentUrl() + ":\n" + browser.getPageSource(), e);
        }
    }

    /** Opens the authorization request and signs in if the sign-in page shows; ends on the consent page. */
    private void toConsentPage(AuthorizationCodeFlowTest.Pkce pkce, String state) throws IOException {
        received.set(null);
        browser.get(serverOrigin() + AuthorizationCodeFlowTest.authorizeUrl(AuthorizationCodeFlowTest.MOBILE, redirectUri(),
                "company:read", state, pkce));
        if (!browser.findElements(By.id("email")).isEmpty()) {
            screenshot("1-sign-in");
            browser.findElement(By.id("email")).sendKeys(AuthorizationCodeFlowTest.ADMIN);
            browser.findElement(By.id("password")).sendKeys(AuthorizationCodeFlowTest.ADMIN_PASSWORD);
            browser.findElement(By.cssSelector("form[action='/signin'] button[type=submit]")).click();
        }
        waitFor(By.id("approve"));
        screenshot("2-consent");
        assertTrue(browser.getPageSource().contains("Mobile App"));
    }

    @Test
    void signInConsentCodeAtTheReceiverThenTokenThenApiCall() throws Exception {
        AuthorizationCodeFlowTest.Pkce pkce = AuthorizationCodeFlowTest.Pkce.fresh();
        toConsentPage(pkce, "browser-state");
        browser.findElement(By.id("approve")).click();
        waitFor(By.id("received"));
        screenshot("3-redirect-receiver");
        assertNotNull(received.get());
        Map<String, String> answer = query("http://x" + received.get());
        assertEquals("browser-state", answer.get("state"));
        assertNotNull(answer.get("iss"));
        Response tokens = OAuth.post(base(), "/token", OAuth.form("grant_type", "authorization_code", "client_id",
                AuthorizationCodeFlowTest.MOBILE, "code", answer.get("code"), "redirect_uri", redirectUri(),
                "code_verifier", pkce.verifier()));
        tokens.then().statusCode(200);
        OAuth.profile(base(), tokens.path("access_token")).then().statusCode(200).body("data.name", equalTo("Acme Recovery"));
    }

    @Test
    void denyBringsAccessDeniedToTheReceiver() throws Exception {
        toConsentPage(AuthorizationCodeFlowTest.Pkce.fresh(), "deny-state");
        browser.findElement(By.id("deny")).click();
        waitFor(By.id("received"));
        screenshot("4-denied");
        Map<String, String> answer = query("http://x" + received.get());
        assertEquals("access_denied", answer.get("error"));
        assertEquals("deny-state", answer.get("state"));
        assertFalse(answer.containsKey("code"));
    }

    @Test
    void aPageOfAnotherOriginThatFramesTheAuthorizationPagesShowsNothingOfThem() throws Exception {
        String query = AuthorizationCodeFlowTest.authorizeUrl(AuthorizationCodeFlowTest.MOBILE, redirectUri(), "company:read",
                "framed", AuthorizationCodeFlowTest.Pkce.fresh()).substring("/authorize?".length());
        // another loopback origin: the receiver, on 127.0.0.1 and its own port
        browser.get("http://127.0.0.1:" + receiver.getAddress().getPort() + "/framing?" + query);
        waitFor(By.id("framed"));
        Thread.sleep(1500); // let the frame's navigation settle (blocked or not)
        screenshot("5-framed");
        browser.switchTo().frame("framed");
        String framed = browser.getPageSource();
        browser.switchTo().defaultContent();
        assertFalse(framed.contains("Sign in to GetBill"), "the sign-in page must not render inside a frame");
        assertFalse(framed.contains("wants to access"), "the consent page must not render inside a frame");
        assertTrue(URI.create(browser.getCurrentUrl()).getPath().equals("/framing"));
    }
}
