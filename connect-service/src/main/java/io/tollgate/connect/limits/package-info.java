/**
 * What one replica lets calls hold at once, whatever their method, beside the tenants' Spark
 * quotas (session's {@code TenantLimits}): message bytes in flight (overall and per tenant), calls
 * open per tenant and per user, and the largest request each method may send. Every count is held
 * in memory and bounded: an entry exists only while a call or a message holds it. Knows no wire;
 * refusals are session's {@code LimitExceededException}. Must not import the grpc package.
 */
package io.tollgate.connect.limits;
