package io.kubeplane.ipam.controller;

import java.time.Instant;
import java.util.List;

/**
 * What one repair pass did.
 *
 * @param at        when it ran
 * @param examined  how many allocations of Services, Nodes and Pods it looked at
 * @param released  leaks given back: value, pool and former holder
 * @param recorded  values objects carried that nobody held, now recorded for them
 * @param conflicts values carried by one object but held by another, reported as Events
 */
public record RepairReport(Instant at, int examined, List<String> released, List<String> recorded, List<String> conflicts) {
}
