package io.kvs.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Rejects a literal {@code .} or {@code ..} path segment before anything routes the request. Grizzly normalises such
 * paths itself (so {@code /kv/..} can reach a different resource than the one asked for, and was seen answering an
 * empty 200); the raw request URI still shows what the client sent, so the API answers its usual 400 instead.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true) // PUT and DELETE suspend their requests
public class DotSegmentFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (hasDotSegment(request.getRequestURI())) {
            byte[] body = ErrorBody.of("path segments \".\" and \"..\" are not allowed");
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("application/json");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean hasDotSegment(String rawPath) {
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
