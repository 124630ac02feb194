package org.uklad;

import io.micronaut.runtime.Micronaut;

/** Starts the Uklad service. With no datasource configured it runs on an embedded PostgreSQL. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).defaultEnvironments("dev").start();
    }
}
