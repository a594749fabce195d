/**
 * Container images in tests without a container engine: an OCI image tarball (what Jib's buildTar
 * writes) unpacked into a directory, and its entrypoint booted from there as the image says (user,
 * working directory, environment), on a read-only root. Knows the OCI image layout and Linux mount
 * namespaces; nothing of the services.
 */
package io.tollgate.testkit.image;
