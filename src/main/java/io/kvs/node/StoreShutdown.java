package io.kvs.node;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Closes the store when the web application stops. Payara stops the application's class loader (and deletes the
 * exploded WAR) before CDI destroys application-scoped beans, so a {@code @PreDestroy} that needs any class not
 * loaded yet fails with NoClassDefFoundError; the store's close path does, and the node then restarts without its
 * clean-shutdown marker. {@code contextDestroyed} runs earlier, while the classes are still there.
 */
@WebListener
public class StoreShutdown implements ServletContextListener {

    // Field injection: the web container, not CDI, creates listeners, with their no-argument constructor.
    @Inject
    private StoreLifecycle lifecycle;

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        lifecycle.close();
    }
}
