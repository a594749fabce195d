/**
 * auth-service, the identity plane: accounts, credentials, OAuth2 clients, signing keys, refresh
 * tokens and revocations; its application class only. Layers, each in its own package: {@code api}
 * (the wire), {@code service} (the logic), {@code domain} (values), {@code persistence} (its
 * schema), {@code config} (typed settings).
 */
package io.tollgate.auth;
