package io.tollgate.router.service.backend;

/** Provisioning is not configured on this router (no tollgate.router.provisioning.jdbc-url). */
public class ProvisioningUnavailableException extends RuntimeException {
    public ProvisioningUnavailableException() {
        super("provisioning is not configured on this router (tollgate.router.provisioning.jdbc-url)");
    }
}
