package io.tollgate.flight.server;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.tollgate.flight.config.FlightConfig;
import jakarta.inject.Singleton;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/** The service's Arrow memory: one root allocator with a hard limit; queries take children of it. */
@Factory
public class ArrowMemory {

    @Singleton
    @Bean(preDestroy = "close")
    BufferAllocator rootAllocator(FlightConfig config) {
        return new RootAllocator(config.memoryLimitBytes());
    }
}
