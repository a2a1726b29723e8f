package io.getbill.server.infrastructure.http;

import io.getbill.server.infrastructure.web.BrowserPages;
import io.getbill.server.infrastructure.web.PageSecurityHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;

/**
 * The {@link PageSecurityHeaders page security headers} on every response of the pages a capability declares as
 * {@link BrowserPages}, whatever the status: no page can be framed, cached, or leak its URL as a referrer, and no
 * CORS header is sent. Responses on other paths are left as they are.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class BrowserPagesHeadersFilter {

    private final List<BrowserPages> pages;

    public BrowserPagesHeadersFilter(List<BrowserPages> pages) {
        this.pages = List.copyOf(pages);
    }

    @ResponseFilter
    public void pageHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String path = request.getPath();
        for (BrowserPages page : pages) {
            if (page.covers(path)) {
                PageSecurityHeaders.apply(response, page.contentSecurityPolicy());
                return;
            }
        }
    }
}
