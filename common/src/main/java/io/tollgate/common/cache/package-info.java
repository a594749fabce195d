/**
 * Bounded memos of pure functions: answers worked out once per key on a hot path (a call's verified
 * user, a backend endpoint's checks) instead of on every call, never more than a fixed number of them.
 */
package io.tollgate.common.cache;
