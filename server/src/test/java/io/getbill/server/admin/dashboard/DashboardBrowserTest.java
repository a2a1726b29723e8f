package io.getbill.server.admin.dashboard;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.getbill.server.testsupport.AdminSessions;
import io.getbill.server.testsupport.OAuth;
import io.getbill.server.testsupport.ServerTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in a real browser (Debian's Chromium and chromedriver, given by path so nothing is downloaded), against
 * the server on MariaDB: an admin signs in, creates a client, reads its secret and the secret works at {@code /token};
 * the secret is gone after a reload; rotate and disable take effect at {@code /token}; a member sees no client
 * management; {@code /docs} renders an operation. Every page is checked with axe-core (no serious or critical
 * violation of WCAG 2 A/AA) and photographed at desktop and phone width under {@code target/screenshots/}.
 *
 * <p>Without Chromium the tests are skipped with the reason, unless {@code GETBILL_BROWSER_TESTS=required} (CI).
 */
@MicronautTest(transactional = false)
class DashboardBrowserTest extends ServerTest {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots", "dashboard");
    private static final Dimension DESKTOP = new Dimension(1280, 900);
    private static final Dimension PHONE = new Dimension(412, 915);

    private WebDriver browser;
    private Path profile;

    @BeforeAll
    void startBrowser() throws IOException {
        boolean available = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        if (!available && "required".equals(System.getenv("GETBILL_BROWSER_TESTS"))) {
            throw new IllegalStateException("GETBILL_BROWSER_TESTS=required but /usr/bin/chromium or /usr/bin/chromedriver "
                    + "is missing (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(available, "Browser tests skipped: /usr/bin/chromium and /usr/bin/chromedriver are not "
                + "installed (apt-get install chromium chromium-driver; GETBILL_BROWSER_TESTS=required makes this a failure)");
        profile = Files.createTempDirectory("getbill-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.manage().window().setSize(DESKTOP);
        browser.get(origin() + "/dashboard/assets/dashboard.css");
        browser.manage().deleteAllCookies();
    }

    /** The server as the browser reaches it: {@code localhost} (the default issuer), where a Secure cookie is kept over http. */
    private String origin() {
        return "http://localhost:" + server.getPort();
    }

    private void open(String path) {
        browser.get(origin() + path);
    }

    private void waitFor(By element) throws IOException {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.findElements(element).isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            shot("failed-waiting-" + element.toString().replaceAll("[^A-Za-z0-9]+", "-"));
            throw new AssertionError("waited for " + element + " on " + browser.getCurrentUrl() + ":\n" + browser.getPageSource(), e);
        }
    }

    private void shot(String name) throws IOException {
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Checks the page with axe-core (WCAG 2 A and AA rules; {@code exclude}: CSS selectors of parts not ours) and takes
     * its screenshots at desktop and phone width.
     */
    private void check(String name, String... exclude) throws IOException {
        AxeBuilder axe = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"));
        for (String selector : exclude) {
            axe.exclude(selector);
        }
        Results results = axe.analyze(browser);
        List<Rule> bad = results.getViolations().stream()
                .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact())).toList();
        shot(name + "-desktop");
        browser.manage().window().setSize(PHONE);
        shot(name + "-phone");
        browser.manage().window().setSize(DESKTOP);
        assertTrue(bad.isEmpty(), () -> name + ": axe-core found " + bad.stream()
                .map(r -> r.getImpact() + " " + r.getId() + " (" + r.getHelp() + ") at "
                        + r.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; ")));
    }

    private void signIn(String email, String password) throws IOException {
        open("/dashboard");
        waitFor(By.id("email"));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        waitFor(By.id("role"));
    }

    /** Clicks the button of a form that asks for confirmation, and accepts the dialog. */
    private void clickAndConfirm(WebElement button) {
        button.click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent()).accept();
    }

    private WebElement rowOf(String clientId) {
        return browser.findElement(By.id("client-" + clientId));
    }

    @Test
    void adminCreatesAClientReadsTheSecretOnceAndRotateAndDisableTakeEffectAtTheTokenEndpoint() throws Exception {
        open("/");
        waitFor(By.id("to-dashboard"));
        check("01-landing");
        browser.findElement(By.id("to-dashboard")).click();
        waitFor(By.id("email"));
        check("02-sign-in");
        browser.findElement(By.id("email")).sendKeys(AdminSessions.ACME_ADMIN);
        browser.findElement(By.id("password")).sendKeys(AdminSessions.ACME_ADMIN_PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        waitFor(By.id("client-management"));
        check("03-home-admin");

        browser.findElement(By.id("client-management")).click();
        waitFor(By.id("new-client"));
        check("04-clients");
        browser.findElement(By.id("new-client")).click();
        waitFor(By.id("create"));
        check("05-new-client");
        browser.findElement(By.id("name")).sendKeys("Browser ERP");
        browser.findElement(By.id("scope-debts-read")).click();
        browser.findElement(By.id("scope-company-read")).click();
        browser.findElement(By.id("create")).click();
        waitFor(By.id("client-secret"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("copy-secret")).isDisplayed());
        browser.findElement(By.id("copy-secret")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> !d.findElement(By.id("client-secret-status")).getText().isEmpty());
        check("06-secret-once");
        String clientId = browser.findElement(By.id("client-id")).getText().trim();
        String secret = browser.findElement(By.id("client-secret")).getText().trim();
        OAuth.clientCredentials(base(), clientId, secret).then().body("scope", equalTo("debts:read company:read"));

        browser.navigate().refresh();
        waitFor(By.id("message"));
        check("07-secret-gone-after-reload");
        assertFalse(browser.getPageSource().contains(secret), "the secret is gone after a reload");

        open("/dashboard/clients");
        waitFor(By.id("client-" + clientId));
        assertTrue(rowOf(clientId).getText().contains("Browser ERP"));
        assertFalse(browser.getPageSource().contains(secret));
        clickAndConfirm(rowOf(clientId).findElement(By.cssSelector("button.rotate")));
        waitFor(By.id("grace"));
        check("08-rotated");
        String rotated = browser.findElement(By.id("client-secret")).getText().trim();
        assertNotEquals(secret, rotated);
        OAuth.clientCredentials(base(), clientId, rotated);
        OAuth.clientCredentials(base(), clientId, secret); // the grace period shown on the page

        browser.findElement(By.id("back-to-clients")).click();
        waitFor(By.id("client-" + clientId));
        clickAndConfirm(rowOf(clientId).findElement(By.cssSelector("button.disable")));
        waitFor(By.id("notice"));
        check("09-disabled");
        OAuth.postBasic(base(), "/token", clientId, rotated, OAuth.form("grant_type", "client_credentials"))
                .then().statusCode(401).body("error", equalTo("invalid_client"));

        rowOf(clientId).findElement(By.cssSelector("a.delete")).click();
        waitFor(By.id("confirm-delete"));
        check("10-delete-confirmation");
        browser.findElement(By.id("confirm-delete")).click();
        waitFor(By.id("notice"));
        assertTrue(browser.findElements(By.id("client-" + clientId)).isEmpty());

        browser.findElement(By.id("sign-out")).click();
        waitFor(By.id("email"));
        check("11-signed-out");
    }

    @Test
    void aMemberSeesNoClientManagementAndIsToldToContactTheCompanyAdministrator() throws Exception {
        signIn(AdminSessions.ACME_MEMBER, AdminSessions.ACME_MEMBER_PASSWORD);
        assertTrue(browser.findElements(By.id("client-management")).isEmpty());
        assertTrue(browser.findElements(By.id("nav-clients")).isEmpty());
        assertTrue(browser.findElement(By.id("contact-admin")).getText().contains("contact your company administrator"));
        check("12-home-member");
        open("/dashboard/clients");
        waitFor(By.id("message"));
        assertTrue(browser.findElement(By.id("message")).getText().contains("contact your company administrator"));
        check("13-clients-refused-to-member");
    }

    @Test
    void theReferencePageRendersTheContractsOperations() throws Exception {
        open("/docs");
        waitFor(By.cssSelector("#operations-OAuth-issueToken, .opblock"));
        List<WebElement> operations = browser.findElements(By.cssSelector(".opblock-summary-path"));
        assertTrue(operations.stream().anyMatch(e -> e.getText().contains("/external-api/v1/debts")),
                () -> operations.stream().map(WebElement::getText).collect(Collectors.joining(", ")));
        browser.findElements(By.cssSelector(".opblock-summary")).get(0).click();
        waitFor(By.cssSelector(".opblock-body"));
        // The page's own frame is held to the rule; what Swagger UI renders is reported, not failed: its markup has
        // contrast, nested-control and unlabelled-select findings this project cannot fix from outside.
        Results swaggerUi = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa")).include("#swagger-ui").analyze(browser);
        Files.writeString(SCREENSHOTS.resolve("axe-swagger-ui.txt"), swaggerUi.getViolations().stream()
                .map(r -> r.getImpact() + " " + r.getId() + ": " + r.getNodes().size() + " nodes")
                .collect(Collectors.joining("\n", "", "\n")));
        check("14-docs", "#swagger-ui");
        assertEquals(0, browser.findElements(By.cssSelector(".errors-wrapper")).size(), "Swagger UI reported errors");
    }
}
