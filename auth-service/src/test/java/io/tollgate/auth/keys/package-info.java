/**
 * Tests of signing-key rotation: old keys keep verifying until they retire, new ones sign.
 */
package io.tollgate.auth.keys;
