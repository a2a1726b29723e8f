package io.getbill.server.infrastructure.operations;

import io.getbill.server.api.OperationsApi;
import io.getbill.server.api.model.Health;
import io.getbill.server.api.model.HealthStatus;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@code /health} for load balancers and CI (200 when the database answers, 503 otherwise) and
 * {@code /openapi.yaml}, the contract this server implements, served from the classpath byte for byte.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class OperationsController implements OperationsApi {

    static final String CONTRACT = "io/getbill/openapi/getbill-api.yaml";

    private final DataSource dataSource;
    private final String contract;

    public OperationsController(DataSource dataSource) {
        // The injected DataSource is a transaction-aware proxy; health checks need a plain connection.
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        try (InputStream in = OperationsController.class.getClassLoader().getResourceAsStream(CONTRACT)) {
            if (in == null) {
                throw new IllegalStateException("The contract " + CONTRACT + " is not on the classpath");
            }
            this.contract = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public HttpResponse<Health> getHealth() {
        boolean up;
        try (Connection connection = dataSource.getConnection()) {
            up = connection.isValid(2);
        } catch (SQLException e) {
            up = false;
        }
        if (up) {
            return HttpResponse.ok(new Health(HealthStatus.UP, HealthStatus.UP));
        }
        return HttpResponse.<Health>status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(new Health(HealthStatus.DOWN, HealthStatus.DOWN));
    }

    @Override
    public HttpResponse<String> getOpenApiDocument() {
        return HttpResponse.ok(contract);
    }
}
