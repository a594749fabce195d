/**
 * Test access to what the services log: the audit trail every service writes to
 * {@code io.tollgate.audit}, and the incidents of the one error policy ({@code io.tollgate.incident}).
 */
package io.tollgate.testkit.logs;
