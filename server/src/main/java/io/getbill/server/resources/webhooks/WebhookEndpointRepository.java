package io.getbill.server.resources.webhooks;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/** Webhook endpoints, always scoped by company. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface WebhookEndpointRepository extends GenericRepository<WebhookEndpoint, String> {

    WebhookEndpoint save(WebhookEndpoint endpoint);

    WebhookEndpoint update(WebhookEndpoint endpoint);

    Optional<WebhookEndpoint> findById(String id);

    Optional<WebhookEndpoint> findByIdAndCompanyId(String id, String companyId);

    @Query("SELECT * FROM webhook_endpoints WHERE company_id = :companyId ORDER BY created_at, id")
    List<WebhookEndpoint> findByCompany(String companyId);

    @Query("SELECT * FROM webhook_endpoints WHERE company_id = :companyId AND enabled = TRUE ORDER BY created_at, id")
    List<WebhookEndpoint> findEnabledByCompany(String companyId);

    @Query("DELETE FROM webhook_endpoints WHERE id = :id AND company_id = :companyId")
    int deleteScoped(String id, String companyId);

    long countByCompanyId(String companyId);
}
