/**
 * The catalog's OAuth2 token endpoint's logic ({@code /v1/oauth/tokens}, which Iceberg clients call
 * with {@code credential=id:secret}): the client_credentials grant only, scope {@code catalog}
 * required, the credentials exchanged by auth-service (a service client's, or an account's) over
 * the internal gRPC channel. No credential is checked, stored or logged here. Knows no HTTP.
 */
package io.tollgate.catalog.token;
