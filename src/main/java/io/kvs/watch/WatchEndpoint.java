package io.kvs.watch;

import io.kvs.auth.AuthService;
import io.kvs.auth.KeyAccess;
import io.kvs.request.ClassifiedRequest;
import io.kvs.web.ApiException;
import io.kvs.web.ErrorBody;
import io.kvs.web.Failure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code GET /kv/_watch} (SPEC §7), served at the servlet level by the request pipeline: the query is checked and
 * answered 400 before anything is streamed; then the request is suspended and its response written in non-blocking
 * mode by the {@link WatchHub}'s dispatcher whenever the container says the client can take more, so an open watch
 * holds no request thread.
 */
@ApplicationScoped
public class WatchEndpoint {

    private static final String PATH = "kv/_watch";

    private WatchService watches;
    private KeyAccess access;
    private AuthService auth;

    @Inject
    public WatchEndpoint(WatchService watches, KeyAccess access, AuthService auth) {
        this.watches = watches;
        this.access = access;
        this.auth = auth;
    }

    protected WatchEndpoint() {
    }

    /** Whether a raw path (relative to the application root, no leading slash) is the watch endpoint. */
    public static boolean serves(String rawPath) {
        return rawPath.equals(PATH);
    }

    public void serve(ClassifiedRequest classified, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        WatchQuery query;
        try {
            if (!classified.method().equals("GET")) {
                response.setHeader("Allow", "GET");
                throw new ApiException(405, ErrorBody.reason(405));
            }
            query = WatchQuery.parse(request::getParameter, request.getHeader("Last-Event-ID"));
        } catch (RuntimeException e) {
            ErrorBody.write(response, Failure.of(e));
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        // a reverse proxy (nginx) must pass events on as they come
        response.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        ServletOutputStream out = response.getOutputStream();
        String authorization = request.getHeader("Authorization");
        Watch watch = watches.hub().open(query, access.readable(classified.caller()),
                () -> auth.stillAdmits(classified.endpoint(), authorization), new ServletSink(async, out));
        async.addListener(new Ended(watch));
        out.setWriteListener(new WriteListener() {
            @Override
            public void onWritePossible() {
                watch.writable();
            }

            @Override
            public void onError(Throwable failure) {
                watch.ended();
            }
        });
    }

    /** The response in non-blocking mode: written by the hub's dispatcher only after {@code isReady()}. */
    private record ServletSink(AsyncContext async, ServletOutputStream out) implements EventSink {

        @Override
        public boolean ready() {
            return out.isReady();
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            out.write(bytes);
            if (out.isReady()) {
                out.flush();
            }
        }

        @Override
        public void close() {
            async.complete();
        }
    }

    /** The container ends the request (client gone, server stopping): the hub forgets the watch. */
    private record Ended(Watch watch) implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            watch.ended();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            watch.ended();
        }

        @Override
        public void onError(AsyncEvent event) {
            watch.ended();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // a watch is suspended once
        }
    }
}
