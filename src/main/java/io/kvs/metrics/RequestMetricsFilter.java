package io.kvs.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/** Counts successful data reads and writes ({@code /kv}) for the request-rate figures. */
@Provider
@ApplicationScoped
public class RequestMetricsFilter implements ContainerResponseFilter {

    private KvsMetrics metrics;

    @Inject
    public RequestMetricsFilter(KvsMetrics metrics) {
        this.metrics = metrics;
    }

    protected RequestMetricsFilter() {
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        String path = request.getUriInfo().getPath(false);
        if (status < 200 || status > 299 || !(path.startsWith("kv/") || path.startsWith("/kv/"))) {
            return;
        }
        switch (request.getMethod()) {
            case "GET", "HEAD" -> metrics.read();
            case "PUT", "DELETE" -> metrics.write();
            default -> {
                // other methods on /kv are refused before they change or read anything
            }
        }
    }
}
