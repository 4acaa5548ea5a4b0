package io.kvs.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Map;

/**
 * The whole HTTP API at the root path, as in SPEC; resources and providers are found by scanning the WAR.
 * Every resource answers application/json whatever the Accept header asks for, as etcd and Consul do.
 */
@ApplicationPath("")
public class KvsApplication extends Application {

    @Override
    public Map<String, Object> getProperties() {
        // Without this Jersey publishes /application.wadl and answers OPTIONS with WADL documents.
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
