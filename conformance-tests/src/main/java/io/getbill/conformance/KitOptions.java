package io.getbill.conformance;

import io.getbill.conformance.config.KitConfig;
import io.getbill.conformance.core.TokenMinter;
import io.getbill.conformance.spec.ApiModel;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

/**
 * What one run of the kit is given.
 *
 * @param baseUrl          the deployment
 * @param config           the clients (bootstrap-file format)
 * @param api              the contract to judge by (the packaged one unless {@code --spec})
 * @param pactDirectory    pact files to verify; {@code null} for the packaged ones
 * @param reportDir        where the JUnit XML and the Markdown summary go; {@code null} for none
 * @param groups           the check groups to run; empty for all
 * @param excludedFeatures checks needing these capabilities ({@link io.getbill.conformance.spec.Features}, e.g.
 *                         {@code webhooks}) are skipped
 * @param minter           the server-key minter (in the build only), or {@code null}
 * @param console          where progress goes
 */
public record KitOptions(URI baseUrl, KitConfig config, ApiModel api, Path pactDirectory, Path reportDir,
                         Set<String> groups, Set<String> excludedFeatures, TokenMinter minter, PrintStream console) {

    public KitOptions {
        groups = groups == null ? Set.of() : Set.copyOf(groups);
        excludedFeatures = excludedFeatures == null ? Set.of() : Set.copyOf(excludedFeatures);
        console = console == null ? System.out : console;
    }

    public static KitOptions of(URI baseUrl, KitConfig config) {
        return new KitOptions(baseUrl, config, ApiModel.fromClasspath(), null, null, Set.of(), Set.of(), null, System.out);
    }

    public KitOptions withGroups(Set<String> groups) {
        return new KitOptions(baseUrl, config, api, pactDirectory, reportDir, groups, excludedFeatures, minter, console);
    }

    public KitOptions withExcludedFeatures(Set<String> excluded) {
        return new KitOptions(baseUrl, config, api, pactDirectory, reportDir, groups, excluded, minter, console);
    }

    public KitOptions withMinter(TokenMinter minter) {
        return new KitOptions(baseUrl, config, api, pactDirectory, reportDir, groups, excludedFeatures, minter, console);
    }

    public KitOptions withReportDir(Path reportDir) {
        return new KitOptions(baseUrl, config, api, pactDirectory, reportDir, groups, excludedFeatures, minter, console);
    }

    public KitOptions withPactDirectory(Path pacts) {
        return new KitOptions(baseUrl, config, api, pacts, reportDir, groups, excludedFeatures, minter, console);
    }

    public KitOptions withApi(ApiModel api) {
        return new KitOptions(baseUrl, config, api, pactDirectory, reportDir, groups, excludedFeatures, minter, console);
    }

    public KitOptions withConsole(PrintStream console) {
        return new KitOptions(baseUrl, config, api, pactDirectory, reportDir, groups, excludedFeatures, minter, console);
    }
}
