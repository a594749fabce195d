/**
 * Checks of the Kubernetes manifests under {@code deploy/} that need no cluster: each overlay is
 * rendered with {@code kubectl kustomize} ({@link Kustomize}), every object is parsed strictly as
 * its API type ({@link StrictSchema}, {@link CustomResourceRules}), the policy rules of issue #16
 * run over the render ({@link Policy}), the settings are compared with what the services read
 * ({@link ServiceSettings}), renders are compared with the golden files under
 * {@code deploy/rendered/}, and known-bad changes must each produce their finding.
 */
package io.tollgate.deploy;
