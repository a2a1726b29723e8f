package io.getbill.server.admin.dashboard;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The few static files the pages use, read once from the classpath: the dashboard's stylesheet and scripts
 * ({@code assets/dashboard/}) and Swagger UI's bundle and stylesheet from the {@code org.webjars:swagger-ui} jar.
 * Only files named here are served; every other name is a 404, so the classpath is never browsable.
 */
final class StaticAssets {

    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private final Map<String, Asset> files = new HashMap<>();

    record Asset(byte[] body, MediaType type) {
    }

    StaticAssets(Set<String> own, Set<String> swaggerUi) {
        for (String name : own) {
            files.put("dashboard/" + name, new Asset(read("assets/dashboard/" + name), typeOf(name)));
        }
        String version = swaggerUiVersion();
        for (String name : swaggerUi) {
            files.put("swagger-ui/" + name, new Asset(read(WEBJAR + version + "/" + name), typeOf(name)));
        }
    }

    /** {@code dashboard/<name>} or {@code swagger-ui/<name>} as a 200, or a 404. */
    MutableHttpResponse<byte[]> serve(String key) {
        Asset asset = files.get(key);
        if (asset == null) {
            return HttpResponse.notFound();
        }
        return HttpResponse.ok(asset.body()).contentType(asset.type());
    }

    private static String swaggerUiVersion() {
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(WEBJAR_POM)) {
            if (in == null) {
                throw new IllegalStateException("org.webjars:swagger-ui is not on the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MediaType typeOf(String name) {
        if (name.endsWith(".css")) {
            return MediaType.of("text/css;charset=utf-8");
        }
        if (name.endsWith(".js")) {
            return MediaType.of("text/javascript;charset=utf-8");
        }
        throw new IllegalArgumentException("No media type for " + name);
    }
}
