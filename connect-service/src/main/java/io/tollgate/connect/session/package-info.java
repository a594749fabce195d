/**
 * The decisions about a Spark Connect call, knowing no wire: who the caller is (token verified by
 * common's authenticator, tenant admitted by common's gate, the user the backend will see), where
 * the call goes (routing), what the tenant's limits allow (sessions, operations, artifact bytes; a user's share of them),
 * and which open calls must end when a token, user or tenant is revoked or suspended; when a
 * session starts and ends on this replica (audited through the audit package, written in order after
 * the limits' lock is released). Must not import the
 * grpc package.
 */
package io.tollgate.connect.session;
