package io.kvs.kv;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One request and the answer written to it, without a servlet container: the request answers the few calls the
 * data path makes (headers, parameters, body, async start), the response records status, headers and body.
 * Anything else the code under test calls fails the test, so a fake never silently answers null.
 */
final class ServletExchange {

    private final Map<String, String> requestHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, String> parameters = new HashMap<>();
    private final byte[] requestBody;
    private final Map<String, String> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final ByteArrayOutputStream responseBody = new ByteArrayOutputStream();
    private final CountDownLatch completed = new CountDownLatch(1);
    private volatile boolean async;
    private volatile int status = HttpServletResponse.SC_OK;

    private ServletExchange(byte[] requestBody) {
        this.requestBody = requestBody;
    }

    static ServletExchange withoutBody() {
        return new ServletExchange(new byte[0]);
    }

    static ServletExchange withJson(String json) {
        ServletExchange exchange = new ServletExchange(json.getBytes(StandardCharsets.UTF_8));
        return exchange.header("Content-Type", "application/json");
    }

    ServletExchange header(String name, String value) {
        requestHeaders.put(name, value);
        return this;
    }

    ServletExchange parameter(String name, String value) {
        parameters.put(name, value);
        return this;
    }

    HttpServletRequest request() {
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> requestHeaders.get((String) args[0]);
                    case "getContentType" -> requestHeaders.get("Content-Type");
                    case "getContentLengthLong" -> (long) requestBody.length;
                    case "getParameter" -> parameters.get((String) args[0]);
                    case "getInputStream" -> input();
                    case "startAsync" -> startAsync();
                    default -> throw new UnsupportedOperationException("request." + method.getName());
                });
    }

    HttpServletResponse response() {
        return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setStatus" -> {
                        status = (Integer) args[0];
                        yield null;
                    }
                    case "setHeader" -> {
                        responseHeaders.put((String) args[0], (String) args[1]);
                        yield null;
                    }
                    case "setContentType" -> {
                        responseHeaders.put("Content-Type", (String) args[0]);
                        yield null;
                    }
                    case "setContentLength" -> {
                        responseHeaders.put("Content-Length", String.valueOf(args[0]));
                        yield null;
                    }
                    case "getOutputStream" -> output();
                    default -> throw new UnsupportedOperationException("response." + method.getName());
                });
    }

    /** Waits until the answer is complete: at once for a synchronous one, on async completion for a write. */
    ServletExchange awaitAnswer() throws InterruptedException {
        if (async && !completed.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the suspended request was never completed");
        }
        return this;
    }

    boolean suspended() {
        return async;
    }

    int status() {
        return status;
    }

    String responseHeader(String name) {
        return responseHeaders.get(name);
    }

    String body() {
        return responseBody.toString(StandardCharsets.UTF_8);
    }

    private Object startAsync() {
        async = true;
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AsyncContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "setTimeout" -> null;
                    case "complete" -> {
                        completed.countDown();
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException("async." + method.getName());
                });
    }

    private ServletInputStream input() {
        ByteArrayInputStream bytes = new ByteArrayInputStream(requestBody);
        return new ServletInputStream() {
            @Override
            public int read() {
                return bytes.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return bytes.read(buffer, offset, length);
            }

            @Override
            public boolean isFinished() {
                return bytes.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("non-blocking reads");
            }
        };
    }

    private ServletOutputStream output() {
        return new ServletOutputStream() {
            @Override
            public void write(int b) {
                responseBody.write(b);
            }

            @Override
            public void write(byte[] buffer, int offset, int length) {
                responseBody.write(buffer, offset, length);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException("non-blocking writes");
            }
        };
    }
}
