/**
 * Test access to what the services log: the audit trail every service writes to
 * {@code io.tollgate.audit}, the incidents of the one error policy ({@code io.tollgate.incident}),
 * and the end of a service process's log file.
 */
package io.tollgate.testkit.logs;
