/**
 * Tests of revocation: the log, its stream to other services, and replicas that follow it.
 */
package io.tollgate.auth.revocation;
