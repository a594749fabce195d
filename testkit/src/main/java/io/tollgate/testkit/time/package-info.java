/**
 * Time under a test's control: {@link io.tollgate.testkit.time.ManualClock}, a clock the test moves
 * by hand, for the services that take a {@code java.time.Clock}. Must not import any service module.
 */
package io.tollgate.testkit.time;
