/**
 * Temporary directories of tests: made as real paths, and deleted whole when a test class or the
 * JVM is done with them, so that no run leaves its warehouses, keys or logs under the temporary
 * directory.
 */
package io.tollgate.testkit.files;
