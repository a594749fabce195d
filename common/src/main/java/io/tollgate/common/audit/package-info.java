/**
 * The one form of Tollgate's audit trail, shared by every service: logger {@code io.tollgate.audit}
 * (routed apart by each service's logging configuration), one line per event,
 * {@code event=<name>} then {@code key=value} fields, values kept on one line and short. Knows no
 * service and no wire.
 */
package io.tollgate.common.audit;
