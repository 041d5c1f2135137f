package io.kubeplane.ipam.allocation;

import java.time.Instant;

/**
 * One value held by one owner.
 *
 * @param pool        the pool's name
 * @param ordinal     the value's ordinal in the pool
 * @param value       the value as written in objects
 * @param owner       who holds it
 * @param allocatedAt when it was taken
 */
public record Allocation(String pool, int ordinal, String value, Owner owner, Instant allocatedAt) {
}
