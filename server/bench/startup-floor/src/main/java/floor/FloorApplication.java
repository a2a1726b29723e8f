package floor;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.runtime.Micronaut;

/** The smallest application of the server's stack whose first answer needs the migrated database. */
@Controller
public class FloorApplication {

    @MappedEntity("companies")
    public record Company(@Id String id, String name) {
    }

    @JdbcRepository(dialect = Dialect.MYSQL)
    public interface Companies extends CrudRepository<Company, String> {
    }

    private final Companies companies;

    public FloorApplication(Companies companies) {
        this.companies = companies;
    }

    @Get("/companies/count")
    public String count() {
        return Long.toString(companies.count());
    }

    public static void main(String[] args) {
        Micronaut.run(FloorApplication.class, args);
    }
}
