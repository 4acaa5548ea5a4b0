package io.kvs.node;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.inject.Produces;

/**
 * The container's default Jakarta Concurrency resources, made injectable so that beans take them through their
 * constructor like any other collaborator. Threads of these know the application's context and are stopped with it.
 */
@Dependent
public class ContainerResources {

    @Produces
    @Resource
    private ManagedThreadFactory threads;

    @Produces
    @Resource
    private ManagedScheduledExecutorService scheduler;
}
