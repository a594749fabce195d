/**
 * Network fixtures for tests and the local suite: ports held by the launcher's own JVM
 * ({@link io.tollgate.testkit.net.PortForward}), never a port guessed free and handed to someone
 * else to bind. Must not import any service module.
 */
package io.tollgate.testkit.net;
