/**
 * Waiting, bounded, for what happens asynchronously (a stream delivering, a replica catching up):
 * {@link io.tollgate.testkit.await.Await} instead of sleeps and hand-written polling loops. A
 * test that needs time to pass injects a clock instead. Must not import any service module.
 */
package io.tollgate.testkit.await;
