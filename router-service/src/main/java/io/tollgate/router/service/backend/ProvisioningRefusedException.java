package io.tollgate.router.service.backend;

/** This tenant cannot be provisioned as it is (e.g. not DEDICATED, or on another server). */
public class ProvisioningRefusedException extends RuntimeException {
    public ProvisioningRefusedException(String message) {
        super(message);
    }
}
