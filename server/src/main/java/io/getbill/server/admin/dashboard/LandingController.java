package io.getbill.server.admin.dashboard;

import io.getbill.server.infrastructure.config.Issuer;
import io.getbill.server.infrastructure.web.Pages;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

import java.util.Map;
import java.util.Set;

/**
 * The landing page ({@code /}: where to go next — the API reference, the dashboard, the contract, the authorization
 * server metadata), the API reference page ({@code /docs}: Swagger UI over the served {@code /openapi.yaml}, so the
 * page shows exactly the contract the server implements) and the static files of both.
 */
@Controller
public class LandingController {

    private final Pages pages;
    private final Issuer issuer;
    private final StaticAssets assets = new StaticAssets(
            Set.of("dashboard.css", "dashboard.js", "docs.js"),
            Set.of("swagger-ui-bundle.js", "swagger-ui.css"));

    public LandingController(Pages pages, Issuer issuer) {
        this.pages = pages;
        this.issuer = issuer;
    }

    @Get(uri = DashboardPaths.LANDING, produces = "text/html")
    public HttpResponse<String> landing() {
        return pages.page(HttpStatus.OK, "landing/index", Map.of("issuer", issuer.value()));
    }

    @Get(uri = DashboardPaths.DOCS, produces = "text/html")
    public HttpResponse<String> reference() {
        return pages.page(HttpStatus.OK, "landing/docs", Map.of());
    }

    @Get(DashboardPaths.DASHBOARD_ASSETS + "/{name}")
    public HttpResponse<byte[]> dashboardAsset(@PathVariable String name) {
        return assets.serve("dashboard/" + name);
    }

    @Get(DashboardPaths.DOCS_SWAGGER_UI + "/{name}")
    public HttpResponse<byte[]> swaggerUiAsset(@PathVariable String name) {
        return assets.serve("swagger-ui/" + name);
    }
}
