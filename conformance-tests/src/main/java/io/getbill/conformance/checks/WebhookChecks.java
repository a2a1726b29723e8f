package io.getbill.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.getbill.conformance.config.ClientProperty;
import io.getbill.conformance.config.KitClient;
import io.getbill.conformance.config.KitUser;
import io.getbill.conformance.core.Check;
import io.getbill.conformance.core.CheckFailure;
import io.getbill.conformance.core.CheckGroup;
import io.getbill.conformance.core.CheckSkipped;
import io.getbill.conformance.core.Checks;
import io.getbill.conformance.core.Exchange;
import io.getbill.conformance.core.Expect;
import io.getbill.conformance.core.KitContext;
import io.getbill.conformance.spec.Features;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Webhook deliveries, end to end, with a receiver the kit starts on 127.0.0.1: a company admin of the config signs
 * in to the admin API and registers the receiver for {@code debt.created}, a client of its company holding
 * debts:write and webhooks:read creates a debt, and the
 * kit checks the delivery that arrives — the {@code X-GetBill-Signature} HMAC over the raw body with the secret the
 * registration answered, the envelope, the headers — and that the attempt is in the delivery log.
 *
 * <p>Runs where the server can reach the kit's machine on loopback and accepts such a receiver: in the build, or
 * against a local server started with {@code GETBILL_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=true}. Elsewhere (a production
 * server refuses loopback URLs, as it must) the checks are skipped and say why. The endpoint is deleted afterwards.
 */
public final class WebhookChecks implements CheckGroup {

    public static final String GROUP = "webhooks";
    private static final String ENDPOINTS = "/admin-api/v1/webhooks/endpoints";
    private static final long WAIT_MILLIS = 30_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The client whose debt triggers the delivery and which reads the webhook logs. */
    private static final ClientProperty RECEIVER_OWNER = ClientProperty.scopes(List.of("debts:write", "webhooks:read"));

    @Override
    public String name() {
        return GROUP;
    }

    private static Check check(String id, String description) {
        return Check.required(GROUP, id, "SPEC-webhooks", description).needs(Features.WEBHOOKS, Features.ADMIN, Features.RESOURCES);
    }

    /** One received request: its raw body and headers (lower-case names). */
    private record Received(byte[] body, Map<String, String> headers) {
    }

    @Override
    public void run(KitContext ctx, Checks checks) {
        ResourceCalls api = new ResourceCalls(ctx);
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer receiver;
        try {
            receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the kit's webhook receiver", e);
        }
        receiver.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.isEmpty() ? "" : v.get(0)));
            received.add(new Received(body, headers));
            synchronized (received) {
                received.notifyAll();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String[] session = new String[2]; // cookie header, CSRF token
        String[] endpoint = new String[2]; // id, secret
        Received[] delivery = new Received[1];
        String[] debtId = new String[1];
        try {
            checks.run(check("SPEC-webhook-register", "a company admin registers an endpoint through the admin API: 201 with a whsec_ secret, shown once"), () -> {
                KitClient full = ctx.client(RECEIVER_OWNER, ctx.config().companyHasUser("admin"));
                KitUser admin = adminOf(ctx, full);
                Exchange login = ctx.http().post("/admin-api/v1/login")
                        .json("{\"email\":" + quote(admin.email()) + ",\"password\":" + quote(admin.password()) + "}").send();
                Expect.status(login, 200);
                String cookie = login.headers("Set-Cookie").stream().filter(c -> c.startsWith("getbill_admin_session="))
                        .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).findFirst()
                        .orElseThrow(() -> new CheckFailure("no session cookie", "Set-Cookie: getbill_admin_session=...", "none", login));
                session[0] = cookie;
                session[1] = login.text("/data/csrf_token");
                ObjectNode body = JsonNodeFactory.instance.objectNode();
                body.put("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/" + ctx.mark());
                body.putArray("event_types").add("debt.created");
                body.put("description", ctx.mark());
                Exchange x = ctx.http().post(ENDPOINTS).header("Cookie", session[0]).header("X-CSRF-Token", session[1])
                        .json(body.toString()).send();
                if (x.status() == 400 && x.json().path("details").has("url")) {
                    throw new CheckSkipped("the server refuses a loopback receiver (as production must); run the kit in the "
                            + "build or against a local server with GETBILL_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=true");
                }
                Expect.status(x, 201);
                Expect.that(x.header("Cache-Control").orElse("").contains("no-store"), "the answer carrying the secret may be cached",
                        "Cache-Control: no-store", x.header("Cache-Control").orElse("absent"), x);
                endpoint[0] = x.text("/data/id");
                endpoint[1] = x.text("/data/secret");
                Expect.that(endpoint[1] != null && endpoint[1].matches("whsec_[A-Za-z0-9_-]{43,}"), "no usable secret",
                        "data.secret whsec_ + at least 256 bits", String.valueOf(endpoint[1]), x);
                Exchange get = ctx.http().get(ENDPOINTS + "/" + endpoint[0]).header("Cookie", session[0]).send();
                Expect.status(get, 200);
                Expect.that(!get.json().path("data").has("secret"), "the secret is shown again", "no data.secret",
                        get.json().path("data").toString(), get);
            });
            checks.run(check("SPEC-webhook-delivered", "creating a debt delivers a debt.created event to the endpoint within 30 s"), () -> {
                KitClient full = ctx.client(RECEIVER_OWNER, ctx.config().companyHasUser("admin"));
                if (endpoint[0] == null) {
                    throw new CheckSkipped("no endpoint registered");
                }
                JsonNode debt = api.created(full, api.debt("webhook"));
                debtId[0] = debt.path("id").asText();
                long deadline = System.currentTimeMillis() + WAIT_MILLIS;
                synchronized (received) {
                    while (delivery[0] == null && System.currentTimeMillis() < deadline) {
                        delivery[0] = received.stream().filter(r -> debtId[0].equals(json(r.body()).path("data").path("id").asText()))
                                .findFirst().orElse(null);
                        if (delivery[0] == null) {
                            try {
                                received.wait(200);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                break;
                            }
                        }
                    }
                }
                Expect.that(delivery[0] != null, "no delivery arrived", "a POST whose data.id is " + debtId[0],
                        received.size() + " other requests");
            });
            checks.run(check("SPEC-webhook-signature", "X-GetBill-Signature is the lowercase hex HMAC-SHA256 of the raw body with the endpoint's secret"), () -> {
                Received r = require(delivery[0]);
                String expected = hmac(endpoint[1], r.body());
                String actual = r.headers().get("x-getbill-signature");
                Expect.that(expected.equals(actual), "the signature does not verify", expected, String.valueOf(actual));
                Expect.that(!hmac(endpoint[1] + "x", r.body()).equals(actual), "any secret verifies", "a secret-dependent signature", actual);
            });
            checks.run(check("SPEC-webhook-envelope", "the body is the envelope {id evt_..., type, created_at (UTC Z), company_id, data} with matching X-GetBill-Event headers, sent as application/json"), () -> {
                Received r = require(delivery[0]);
                JsonNode e = json(r.body());
                Expect.that(e.path("id").asText().startsWith("evt_") && "debt.created".equals(e.path("type").asText())
                                && e.path("created_at").asText().endsWith("Z") && !e.path("company_id").asText().isEmpty()
                                && "pending".equals(e.path("data").path("status").asText()) && !e.has("changes"),
                        "the envelope differs", "id evt_..., type debt.created, created_at ...Z, company_id, data (the debt), no changes",
                        e.toString());
                Expect.that(e.path("id").asText().equals(r.headers().get("x-getbill-event-id"))
                                && "debt.created".equals(r.headers().get("x-getbill-event"))
                                && String.valueOf(r.headers().get("content-type")).startsWith("application/json"),
                        "headers do not match the envelope", "X-GetBill-Event-Id = id, X-GetBill-Event = type, Content-Type application/json",
                        r.headers().toString());
            });
            checks.run(check("SPEC-webhook-logged", "the attempt is in GET /webhooks/logs for the endpoint, outcome success"), () -> {
                KitClient full = ctx.client(RECEIVER_OWNER, ctx.config().companyHasUser("admin"));
                require(delivery[0]);
                String eventId = json(delivery[0].body()).path("id").asText();
                long deadline = System.currentTimeMillis() + 10_000;
                Exchange x;
                do {
                    x = api.as(full, "GET", "/webhooks/logs").query("endpoint_id=" + endpoint[0]).send();
                    Expect.status(x, 200);
                    for (JsonNode log : x.json().path("data")) {
                        if (eventId.equals(log.path("event_id").asText()) && "success".equals(log.path("outcome").asText())) {
                            return;
                        }
                    }
                    sleep(200);
                } while (System.currentTimeMillis() < deadline);
                throw new CheckFailure("the attempt is not logged", "an entry with event_id " + eventId + ", outcome success",
                        x.json().path("data").toString(), x);
            });
        } finally {
            if (endpoint[0] != null) {
                ctx.http().delete(ENDPOINTS + "/" + endpoint[0]).header("Cookie", session[0])
                        .header("X-CSRF-Token", session[1]).send();
            }
            receiver.stop(0);
        }
    }

    private static KitUser adminOf(KitContext ctx, KitClient client) {
        return ctx.user("admin", client.company());
    }

    private static Received require(Received r) {
        if (r == null) {
            throw new CheckSkipped("no delivery arrived");
        }
        return r;
    }

    private static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JsonNodeFactory.instance.objectNode();
        }
    }

    static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String s) {
        return JsonNodeFactory.instance.textNode(s).toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
