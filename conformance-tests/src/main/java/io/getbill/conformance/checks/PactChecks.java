package io.getbill.conformance.checks;

import au.com.dius.pact.core.matchers.Mismatch;
import au.com.dius.pact.core.matchers.ResponseMatching;
import au.com.dius.pact.core.model.ContentType;
import au.com.dius.pact.core.model.DefaultPactReader;
import au.com.dius.pact.core.model.IRequest;
import au.com.dius.pact.core.model.IResponse;
import au.com.dius.pact.core.model.Interaction;
import au.com.dius.pact.core.model.OptionalBody;
import au.com.dius.pact.core.model.Pact;
import au.com.dius.pact.core.model.ProviderState;
import au.com.dius.pact.core.model.Response;
import au.com.dius.pact.core.model.SynchronousRequestResponse;
import au.com.dius.pact.core.model.generators.GeneratorTestMode;
import io.getbill.conformance.config.ClientProperty;
import io.getbill.conformance.config.KitClient;
import io.getbill.conformance.core.Check;
import io.getbill.conformance.core.CheckFailure;
import io.getbill.conformance.core.CheckGroup;
import io.getbill.conformance.core.CheckSkipped;
import io.getbill.conformance.core.Checks;
import io.getbill.conformance.core.Exchange;
import io.getbill.conformance.core.Forms;
import io.getbill.conformance.core.Http;
import io.getbill.conformance.core.KitContext;
import io.getbill.conformance.pact.PactFiles;
import io.getbill.conformance.pact.ProviderStates;
import io.getbill.conformance.spec.Features;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * Provider verification of the client's pact files against the deployment, with Pact JVM's own model (loading,
 * {@code fromProviderState} generators) and matchers (response mismatches): one check per interaction. The request
 * is replayed as recorded except for the credentials — a fresh bearer token, and the id and secret in a token
 * request's form or Basic header, of a client of the provider states' company holding the operation's scope (and the
 * refresh_token grant for a refresh) — since the consumer's test credentials exist only in its mock. Provider states are set up through the API ({@link ProviderStates}); an interaction whose state the kit does
 * not know is skipped, naming the state.
 */
public final class PactChecks implements CheckGroup {

    public static final String GROUP = "pact";

    private final Path directory;

    public PactChecks(Path directory) {
        this.directory = directory;
    }

    @Override
    public String name() {
        return GROUP;
    }

    @Override
    public void run(KitContext ctx, Checks checks) {
        List<PactFiles.PactFile> files = PactFiles.load(directory);
        checks.run(Check.recommended(GROUP, "PACT-files-present", "PACT-consumer-contract",
                "the kit carries the partner client's pact files (or --pacts names a directory holding some)").needs(Features.CLIENT_PACTS), () -> {
            if (files.isEmpty()) {
                throw new CheckFailure("no pact files", "pact files packaged from client/target/pacts or given with --pacts",
                        directory == null ? "none packaged in the kit" : "none in " + directory);
            }
        });
        ProviderStates states = new ProviderStates(ctx);
        for (PactFiles.PactFile file : files) {
            Pact pact;
            try {
                pact = DefaultPactReader.INSTANCE.loadPact(file.json());
            } catch (RuntimeException e) {
                checks.run(Check.required(GROUP, "PACT-" + slug(file.name()) + "-readable", "PACT-consumer-contract",
                        "the pact file " + file.name() + " can be read").needs(Features.CLIENT_PACTS), () -> {
                    throw new CheckFailure("unreadable pact file", "a Pact V3/V4 document", e.toString());
                });
                continue;
            }
            String consumer = pact.getConsumer().getName();
            for (Interaction interaction : pact.getInteractions()) {
                if (!interaction.isSynchronousRequestResponse()) {
                    continue;
                }
                SynchronousRequestResponse rr = interaction.asSynchronousRequestResponse();
                String feature = ctx.api().find(rr.getRequest().getMethod().toUpperCase(Locale.ROOT), rr.getRequest().getPath())
                        .map(o -> o.feature()).orElse(null);
                Check check = Check.required(GROUP, "PACT-" + slug(consumer) + "-" + slug(interaction.getDescription()),
                        "PACT-consumer-contract", consumer + ": " + interaction.getDescription()
                        + (interaction.getProviderStates().isEmpty() ? "" : " (given " + interaction.getProviderStates().stream()
                        .map(ProviderState::getName).collect(Collectors.joining(", ")) + ")")).needs(Features.CLIENT_PACTS, feature);
                checks.run(check, () -> verify(ctx, states, interaction, rr));
            }
        }
    }

    private static void verify(KitContext ctx, ProviderStates states, Interaction interaction, SynchronousRequestResponse rr) {
        Map<String, Object> values = new HashMap<>();
        for (ProviderState state : interaction.getProviderStates()) {
            Optional<Map<String, Object>> set = states.setUp(state.getName());
            if (set.isEmpty()) {
                throw new CheckSkipped("needs provider state '" + state.getName() + "', which the kit cannot set up");
            }
            values.putAll(state.getParams());
            values.putAll(set.get());
        }
        // Pact JVM's provider-state generators read the state's values under "providerState".
        Map<String, Object> context = new HashMap<>(values);
        context.put("providerState", values);
        IRequest request = rr.getRequest().generatedRequest(context, GeneratorTestMode.Provider);
        // An interaction recording invalid_client exercises a wrong secret: replay it with a wrong secret too.
        boolean wrongCredentials = rr.getResponse().getStatus() == 401 && isTokenEndpoint(request.getPath());
        Object scope = values.get("scope");
        Exchange x = replay(ctx, request, wrongCredentials, scope == null ? null : scope.toString());
        if (x.status() < 0) {
            throw new CheckFailure("no response", "a response", x.responseBody(), x);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        x.responseHeaders().forEach((k, v) -> {
            if (k != null && !k.startsWith(":")) {
                headers.put(k, v);
            }
        });
        String contentType = x.contentType();
        OptionalBody body = x.responseBody() == null || x.responseBody().isEmpty() ? OptionalBody.empty()
                : OptionalBody.body(x.responseBody().getBytes(StandardCharsets.UTF_8),
                contentType == null ? ContentType.Companion.getJSON() : new ContentType(contentType));
        IResponse actual = new Response(x.status(), headers, body);
        List<Mismatch> mismatches = ResponseMatching.responseMismatches(rr.getResponse(), actual);
        if (!mismatches.isEmpty()) {
            throw new CheckFailure(mismatches.size() + " mismatch(es) with the consumer's expectation",
                    "the response recorded in the pact (HTTP " + rr.getResponse().getStatus() + ")",
                    mismatches.stream().map(PactChecks::describe).collect(Collectors.joining("; ")), x);
        }
    }

    /**
     * {@code Mismatch.description()}, called reflectively: its overload taking a terminal-colour type makes javac
     * need a library the kit does not otherwise use.
     */
    private static String describe(Mismatch m) {
        try {
            return String.valueOf(Mismatch.class.getMethod("description").invoke(m));
        } catch (ReflectiveOperationException e) {
            return m.toString();
        }
    }

    /** Sends the interaction's request with the kit's credentials in place of the consumer's. */
    private static boolean isTokenEndpoint(String path) {
        return path != null && (path.endsWith("/token") || path.endsWith("/revoke") || path.endsWith("/introspect"));
    }

    /**
     * What the client replaying an interaction needs: the scope of the operation it calls (when the contract names
     * one), and the refresh_token grant when it exchanges a refresh token.
     */
    private static ClientProperty[] replayerNeeds(KitContext ctx, IRequest request) {
        List<ClientProperty> needs = new java.util.ArrayList<>();
        ctx.api().find(request.getMethod().toUpperCase(Locale.ROOT), request.getPath())
                .map(o -> o.scope()).filter(s -> s != null).ifPresent(s -> needs.add(ClientProperty.scope(s)));
        if (request.getBody().isPresent() && request.getBody().valueAsString().contains("refresh_token=")) {
            needs.add(ClientProperty.REFRESH_TOKEN);
        }
        return needs.toArray(ClientProperty[]::new);
    }

    private static Exchange replay(KitContext ctx, IRequest request, boolean wrongCredentials, String scope) {
        KitClient real = ctx.client(replayerNeeds(ctx, request));
        KitClient owner = ProviderStates.owner(ctx);
        if (!real.company().equals(owner.company())) {
            real = ctx.client(java.util.stream.Stream.concat(java.util.Arrays.stream(replayerNeeds(ctx, request)),
                    java.util.stream.Stream.of(ClientProperty.company(owner.company()))).toArray(ClientProperty[]::new));
        }
        KitClient full = wrongCredentials ? real.withSecret("not-the-secret-of-" + real.clientId() + "-0123456789abcdef") : real;
        StringJoiner query = new StringJoiner("&");
        request.getQuery().forEach((k, vs) -> vs.forEach(v -> query.add(Forms.encode(k) + "=" + Forms.encode(v == null ? "" : v))));
        Http.Request r = ctx.http().method(request.getMethod(), request.getPath()).query(query.toString());
        String body = request.getBody().isPresent() ? request.getBody().valueAsString() : null;
        String contentType = null;
        for (Map.Entry<String, List<String>> h : request.getHeaders().entrySet()) {
            String name = h.getKey();
            for (String value : h.getValue()) {
                if (name.equalsIgnoreCase("Authorization")) {
                    String lower = value.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("bearer")) {
                        r.bearer(ctx.tokens().access(full, null));
                    } else if (lower.startsWith("basic")) {
                        r.basic(full.clientId(), full.secret());
                    } else {
                        r.header(name, value);
                    }
                } else if (name.equalsIgnoreCase("Content-Type")) {
                    contentType = value;
                } else if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Host")) {
                    r.header(name, value);
                }
            }
        }
        if (body != null && contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                && !fromPublicClient(ctx, request, body)) {
            body = withCredentials(body, full);
            if (body.contains("refresh_token=")) {
                body = withRefreshToken(body, ctx.tokens().refreshToken(real, scope));
            }
        }
        if (body != null || contentType != null) {
            r.body(contentType, body == null ? "" : body);
        }
        return r.send();
    }

    /**
     * A request of a public client the config registers under the consumer's own id ({@code client_id} in the form, no
     * secret, no Authorization header): there are no credentials to swap, so it is replayed as recorded.
     */
    private static boolean fromPublicClient(KitContext ctx, IRequest request, String form) {
        boolean authorization = request.getHeaders().keySet().stream().anyMatch(h -> h.equalsIgnoreCase("Authorization"));
        String clientId = null;
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (name.equals("client_secret")) {
                return false;
            }
            if (name.equals("client_id") && eq >= 0) {
                clientId = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return !authorization && clientId != null && ctx.config().publicClientIds().contains(clientId);
    }

    /** A form body with the consumer's client_id / client_secret replaced by {@code client}'s. */
    public static String withCredentials(String form, KitClient client) {
        StringJoiner out = new StringJoiner("&");
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (name.equals("client_id")) {
                out.add("client_id=" + Forms.encode(client.clientId()));
            } else if (name.equals("client_secret")) {
                out.add("client_secret=" + Forms.encode(client.secret()));
            } else {
                out.add(pair);
            }
        }
        return out.toString();
    }

    /** A form body with its {@code refresh_token} replaced by {@code refreshToken}. */
    public static String withRefreshToken(String form, String refreshToken) {
        StringJoiner out = new StringJoiner("&");
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.add(name.equals("refresh_token") ? "refresh_token=" + Forms.encode(refreshToken) : pair);
        }
        return out.toString();
    }

    private static String slug(String s) {
        String slug = s.toLowerCase(Locale.ROOT).replaceAll("\\.json$", "").replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.length() > 80 ? slug.substring(0, 80) : slug;
    }
}
