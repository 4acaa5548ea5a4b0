package io.kvs.metrics;

import io.kvs.request.ClassifiedRequest;
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
        ClassifiedRequest classified = ClassifiedRequest.of(request::getProperty);
        if ("kv".equals(classified.path().area()) && classified.path().hasSlash()) {
            metrics.countDataRequest(classified.method(), response.getStatus());
        }
    }
}
