package io.getbill.conformance;

import io.getbill.conformance.config.KitConfig;
import io.getbill.conformance.spec.ApiModel;
import io.getbill.conformance.spec.Features;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The command:
 * <pre>
 * java -jar getbill-conformance-kit.jar --base-url URL --config FILE [--report-dir DIR] [--pacts DIR] [--spec FILE]
 *                                       [--groups g1,g2] [--exclude webhooks,reports]
 * </pre>
 * Exit code 0 when every REQUIRED check passed, 1 when one failed, 2 for a usage or configuration error.
 */
public final class ConformanceKit {

    static final String USAGE = """
            Usage: java -jar getbill-conformance-kit.jar --base-url URL --config FILE [options]
              --base-url URL     the deployment to check, e.g. https://api.example.com
              --config FILE      clients and users in the server's bootstrap-file format (companies -> clients, users);
                                 each check runs as a client having the property it needs (a scope, the refresh_token
                                 grant or not, another company...) and is skipped, naming it, when no client has it;
                                 a client with rate_limits.reads_per_hour <= 50 is kept for the 429 check; the
                                 authorization-code group signs in with a user of the file for a client holding the
                                 authorization_code grant and an https redirect_uris entry
              --report-dir DIR   where TEST-getbill-conformance.xml (JUnit) and conformance-summary.md go
                                 (default: ./conformance-reports)
              --pacts DIR        pact files to verify instead of the packaged ones
              --spec FILE        the OpenAPI document to judge by instead of the packaged one
              --groups LIST      run only these check groups (comma-separated): %s
              --exclude LIST     skip checks needing these capabilities (comma-separated): %s
            A check that meets a 429 (a rate limit or throttle of the deployment) is skipped, naming the operation and
            Retry-After. Rate limits a run needs: docs/conformance-kit.md.
            Exit code: 0 when every REQUIRED check passes, 1 otherwise, 2 for a usage or configuration error.
            """;

    private ConformanceKit() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        String baseUrl = null;
        String config = null;
        String reportDir = "conformance-reports";
        String pacts = null;
        String spec = null;
        Set<String> groups = new HashSet<>();
        Set<String> exclude = new HashSet<>();
        String groupNames = String.join(",", ConformanceRunner.groups().stream().map(g -> g.name()).toList());
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    System.out.print(USAGE.formatted(groupNames, String.join(",", Features.ALL)));
                    return 0;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + a);
                }
                String v = args[++i];
                switch (a) {
                    case "--base-url" -> baseUrl = v;
                    case "--config" -> config = v;
                    case "--report-dir" -> reportDir = v;
                    case "--pacts" -> pacts = v;
                    case "--spec" -> spec = v;
                    case "--groups" -> groups.addAll(Arrays.asList(v.split(",")));
                    case "--exclude" -> exclude.addAll(Arrays.asList(v.split(",")));
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (baseUrl == null || config == null) {
                throw new IllegalArgumentException("--base-url and --config are required");
            }
            URI base = URI.create(baseUrl);
            if (base.getScheme() == null || base.getHost() == null) {
                throw new IllegalArgumentException("--base-url must be an absolute http(s) URL");
            }
            ApiModel api = spec == null ? ApiModel.fromClasspath()
                    : ApiModel.fromText(Files.readString(Path.of(spec), StandardCharsets.UTF_8));
            KitOptions options = KitOptions.of(base, KitConfig.load(Path.of(config)).requireUsable(config))
                    .withApi(api)
                    .withReportDir(Path.of(reportDir))
                    .withPactDirectory(pacts == null ? null : Path.of(pacts))
                    .withGroups(groups)
                    .withExcludedFeatures(exclude);
            return new ConformanceRunner().run(options).exitCode();
        } catch (IllegalArgumentException | KitConfig.ConfigException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(USAGE.formatted(groupNames, String.join(",", Features.ALL)));
            return 2;
        } catch (IOException e) {
            System.err.println("error: " + e);
            return 2;
        }
    }
}
