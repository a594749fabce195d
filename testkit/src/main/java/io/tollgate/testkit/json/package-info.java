/**
 * Assertions on JSON response bodies by parsed field (JSON Pointer), not by substring: a
 * substring passes on reordered, duplicated or escaped text and fails on harmless whitespace.
 * Substring checks stay right for one thing only: that a secret appears nowhere in a body. Must not
 * import any service module.
 */
package io.tollgate.testkit.json;
