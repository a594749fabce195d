/**
 * router-service, the tenant registry: where each tenant's data lives and what limits apply; its
 * application class only. Layers, each in its own package: {@code api} (the wire), {@code service}
 * (the logic), {@code domain} (values and rules), {@code persistence} (its schema), {@code config}.
 */
package io.tollgate.router;
