package io.kvs.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Counts successful data requests that JAX-RS serves ({@code /kv/_range}); the servlet data path counts its own
 * through the same {@link KvsMetrics#countDataRequest}.
 */
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
        String path = request.getUriInfo().getPath(false);
        if (path.startsWith("kv/") || path.startsWith("/kv/")) {
            metrics.countDataRequest(request.getMethod(), response.getStatus());
        }
    }
}
