package io.kvs.bench.noop;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Mounts the no-op resources at the root, as kvs mounts its own. */
@ApplicationPath("/")
public class NoopApplication extends Application {
}
