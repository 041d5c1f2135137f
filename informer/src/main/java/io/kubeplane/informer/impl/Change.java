package io.kubeplane.informer.impl;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * One change to the cache: what handlers are told and what the indexed cache applies. Immutable.
 *
 * @param <T> the kind of object
 */
sealed interface Change<T extends HasMetadata> {

    String key();

    record Added<T extends HasMetadata>(String key, T obj) implements Change<T> {
    }

    record Updated<T extends HasMetadata>(String key, T oldObj, T newObj) implements Change<T> {
    }

    record Deleted<T extends HasMetadata>(String key, T lastObj) implements Change<T> {
    }
}
