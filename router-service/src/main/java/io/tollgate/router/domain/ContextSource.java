package io.tollgate.router.domain;

/** Where a context variable's value comes from. */
public enum ContextSource {
    TENANT_ID,
    SUBJECT,
    ROLES,
    CLAIM
}
