package io.getbill.server.infrastructure.persistence;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Bounds every wait on the database so that a request fails within seconds when the database is gone, instead of
 * holding a thread and a client connection until it returns:
 * <ul>
 *   <li>{@code getbill.database.pool-wait} (default 2 s): how long a request waits for a pooled connection (Hikari's
 *       {@code connectionTimeout}; Hikari's own default of 30 s made requests hang through a whole outage);</li>
 *   <li>{@code getbill.database.connect-timeout} (default 2 s): TCP connect to the database server;</li>
 *   <li>{@code getbill.database.socket-timeout} (default 30 s): the longest wait for the database's answer to one
 *       statement (a database that stopped answering without closing its connections, e.g. a network partition).</li>
 * </ul>
 * The two driver settings are added to {@code jdbc:mariadb:} and {@code jdbc:mysql:} URLs (both drivers use these
 * names, in milliseconds) unless the URL or {@code datasources.default.data-source-properties} set them already.
 * Failures after these waits are answered 503 (see {@code infrastructure.errors.DatabaseUnavailable}).
 */
@Singleton
public class DatabaseTimeouts implements BeanCreatedEventListener<DatasourceConfiguration> {

    private final Duration poolWait;
    private final Duration connectTimeout;
    private final Duration socketTimeout;

    public DatabaseTimeouts(@Value("${getbill.database.pool-wait:2s}") Duration poolWait,
                            @Value("${getbill.database.connect-timeout:2s}") Duration connectTimeout,
                            @Value("${getbill.database.socket-timeout:30s}") Duration socketTimeout) {
        this.poolWait = poolWait;
        this.connectTimeout = connectTimeout;
        this.socketTimeout = socketTimeout;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        // Hikari refuses less than 250 ms.
        config.setConnectionTimeout(Math.max(250, poolWait.toMillis()));
        config.setValidationTimeout(Math.max(250, Math.min(config.getConnectionTimeout() - 1, 1000)));
        String url = config.getUrl() != null ? config.getUrl() : config.getJdbcUrl();
        if (url != null && (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:"))) {
            addUnlessSet(config, url, "connectTimeout", connectTimeout);
            addUnlessSet(config, url, "socketTimeout", socketTimeout);
        }
        return config;
    }

    private static void addUnlessSet(DatasourceConfiguration config, String url, String name, Duration value) {
        if (url.contains(name + "=") || config.getDataSourceProperties().containsKey(name)) {
            return;
        }
        config.addDataSourceProperty(name, String.valueOf(value.toMillis()));
    }
}
