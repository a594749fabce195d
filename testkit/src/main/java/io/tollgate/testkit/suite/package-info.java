/**
 * The whole suite as separate processes, for ./tollgate up and the end-to-end tests: the demo
 * tenants, their databases and logins, bootstrap files and generated secrets.
 */
package io.tollgate.testkit.suite;
