package io.getbill.server.deployment.startup;

import io.getbill.server.deployment.bootstrap.BootstrapFile;
import io.getbill.server.deployment.bootstrap.Provisioning;
import io.getbill.server.infrastructure.crypto.RandomValues;
import io.getbill.server.oauth.protocol.GrantType;
import io.getbill.server.oauth.protocol.TokenEndpointAuthMethod;
import io.getbill.server.oauth.protocol.Scope;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The build's training run for the start-up archive: started as {@code java -Dgetbill.training-run=true
 * -XX:ArchiveClassesAtExit=... -jar getbill-server-<version>-all.jar} (a class-data-sharing archive; on JDK 25 and
 * later {@code -XX:AOTCacheOutput=...}, an AOT cache), the server starts exactly as on the embedded
 * default's first start (Flyway, master key, signing key, demo provisioning, Netty), serves one client-credentials
 * token and one resource request to itself over real HTTP, closes and exits, so that the JVM writes the classes of
 * start-up and of the first token into the archive that the README's run command maps through the argument file
 * {@code target/getbill-server.jvm.args} (see {@code server/bench/README.md},
 * "Start-up"). The model is Spring Boot's training run ({@code -Dspring.context.exit=onRefresh}).
 *
 * <p>It never touches a real database: it runs on a fresh temporary data directory (deleted afterwards) on a random
 * port, and refuses to run when an external database is configured. It provisions its own client (same path as a
 * bootstrap file) because the demo client's secret is only printed, never kept.
 *
 * <p>Exit status 0 when the token and the resource request answered 200, 1 otherwise (the build then keeps no archive).
 */
public final class TrainingRun {

    /** System property that selects the training run in {@link io.getbill.server.Application#main}. */
    public static final String PROPERTY = "getbill.training-run";

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private TrainingRun() {
    }

    /** Whether this JVM was started for the training run. */
    public static boolean requested() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** Runs the training run and exits the JVM (which then writes the class-data-sharing archive, when asked to). */
    public static void runAndExit(Class<?> mainClass, String[] args) {
        PrintStream out = System.out;
        int status;
        try {
            status = run(mainClass, args, out);
        } catch (Exception | Error e) {
            out.println("Training run failed: " + e);
            e.printStackTrace(out);
            status = 1;
        }
        out.flush();
        System.exit(status);
    }

    /** The training run without the exit: 0 when both requests answered 200, 1 when refused or failed. */
    static int run(Class<?> mainClass, String[] args, PrintStream out) throws IOException, InterruptedException {
        if (System.getenv("DATASOURCES_DEFAULT_URL") != null || System.getProperty("datasources.default.url") != null) {
            out.println("Training run refused: an external database is configured (DATASOURCES_DEFAULT_URL)");
            return 1;
        }
        Path dataDir = Files.createTempDirectory("getbill-training-run-");
        try {
            try (ApplicationContext context = Micronaut.build(args)
                    .mainClass(mainClass)
                    .banner(false)
                    .properties(Map.of(
                            "micronaut.server.port", -1,
                            "getbill.data-dir", dataDir.toString(),
                            "getbill.bootstrap-file", "",
                            "getbill.issuer", ""))
                    .start()) {
                String url = context.getProperty("datasources.default.url", String.class).orElse("");
                if (!url.startsWith("jdbc:h2:")) {
                    out.println("Training run refused: the database is not the embedded default");
                    return 1;
                }
                return exercise(context, out);
            }
        } finally {
            deleteRecursively(dataDir);
        }
    }

    /** One token and one resource request, as a newcomer following the README does first. */
    private static int exercise(ApplicationContext context, PrintStream out) throws IOException, InterruptedException {
        String clientId = "training-run";
        String clientSecret = RandomValues.secret(256);
        context.getBean(Provisioning.class).apply(new BootstrapFile(List.of(new BootstrapFile.CompanyEntry(
                "Training Run Company", "training-run@demo.getbill.local", null, 1000, "Professional", List.of(),
                List.of(new BootstrapFile.ClientEntry(clientId, clientSecret, "Training run client",
                        List.of(GrantType.CLIENT_CREDENTIALS.value(), GrantType.REFRESH_TOKEN.value()), Scope.ALL,
                        1000, 500, true, List.of(), TokenEndpointAuthMethod.CLIENT_SECRET_BASIC.value()))))));
        URI base = context.getBean(EmbeddedServer.class).getURI();
        HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(base.resolve("/token"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher accessToken = ACCESS_TOKEN.matcher(token.body());
        if (token.statusCode() != 200 || !accessToken.find()) {
            out.println("Training run failed: POST /token answered " + token.statusCode());
            return 1;
        }
        HttpResponse<String> profile = http.send(HttpRequest.newBuilder(base.resolve("/external-api/v1/company/profile"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + accessToken.group(1))
                .GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        if (profile.statusCode() != 200) {
            out.println("Training run failed: GET /external-api/v1/company/profile answered " + profile.statusCode());
            return 1;
        }
        out.println("Training run: token and resource request answered 200");
        return 0;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
