/**
 * Certificates issued at start-up for tests and the local suite: a throwaway PKI ({@link
 * io.tollgate.testkit.tls.TestPki}) and the internal mutual TLS material of every service ({@link
 * io.tollgate.testkit.tls.InternalCertificates}): configuration for a service, and channels that
 * call a service as a given peer. Nothing here is ever committed or used in production; must not
 * import a service's packages.
 */
package io.tollgate.testkit.tls;
