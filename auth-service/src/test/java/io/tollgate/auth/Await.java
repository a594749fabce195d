package io.tollgate.auth;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits, bounded, for something that happens asynchronously (a revocation reaching a verifier). */
public final class Await {

    private Await() {
    }

    /** True as soon as the condition holds; false if it still does not after {@code limit}. */
    public static boolean until(BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
