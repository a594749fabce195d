/**
 * The admin REST API (/admin/v1/tenants): request and view types, their validation, and the
 * controller, which only translates and calls the services. Views never show a password.
 */
package io.tollgate.router.api.rest;
