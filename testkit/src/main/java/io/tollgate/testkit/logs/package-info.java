/** Test access to what the services log: the audit trail every service writes to {@code io.tollgate.audit}. */
package io.tollgate.testkit.logs;
