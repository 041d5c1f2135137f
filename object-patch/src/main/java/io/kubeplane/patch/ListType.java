package io.kubeplane.patch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * How server-side apply treats a list: the {@code +listType} and {@code +listMapKey} markers of
 * {@code k8s.io/api} ({@code x-kubernetes-list-type} and {@code x-kubernetes-list-map-keys} in the
 * OpenAPI document), plus the {@code +default} of key fields.
 * <pre>
 *   atomic   the list is one value, owned and replaced whole          (Service spec.clusterIPs)
 *   set      a list of scalars, each value owned on its own            (metadata.finalizers)
 *   map      a list of objects, each element identified by its keys   (Service spec.ports: port, protocol)
 * </pre>
 * A key field the element leaves out takes its default, so {@code {"port":80}} and
 * {@code {"port":80,"protocol":"TCP"}} are the same element of a Service's ports.
 *
 * <p>Where the Go type has no {@code +listType} marker, the patch tags decide, as kube-openapi's
 * schema conversion does: {@code patchStrategy:"merge"} with a merge key is a map keyed by it, without
 * a key a set, and an untagged list is atomic ({@link #fromTags}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind atomic, set or map
 * @param keys the key fields of a map list, in marker order; empty otherwise
 * @param keyDefaults the defaults of key fields that have one, e.g. {@code protocol: "TCP"}
 */
public record ListType(Kind kind, List<String> keys, Map<String, JsonNode> keyDefaults) {

    /** The value of {@code x-kubernetes-list-type}. */
    public enum Kind {
        /** Owned and replaced as one value. */
        ATOMIC,
        /** A set of scalars. */
        SET,
        /** Objects identified by key fields. */
        MAP;

        /** @return the value as written in the marker, e.g. {@code map} */
        public String marker() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code +listType=atomic}, also every list without markers or merge tags. */
    public static final ListType ATOMIC = new ListType(Kind.ATOMIC, List.of(), Map.of());

    /** {@code +listType=set}. */
    public static final ListType SET = new ListType(Kind.SET, List.of(), Map.of());

    public ListType {
        keys = List.copyOf(keys);
        keyDefaults = Map.copyOf(keyDefaults);
        if ((kind == Kind.MAP) == keys.isEmpty()) {
            throw new IllegalArgumentException("a map list needs keys, and only a map list has keys: " + kind + " " + keys);
        }
        if (!keys.containsAll(keyDefaults.keySet())) {
            throw new IllegalArgumentException("defaults for fields that are not keys: " + keyDefaults.keySet() + " not in " + keys);
        }
    }

    /** @return {@code +listType=map} with these {@code +listMapKey}s */
    public static ListType map(String... keys) {
        return new ListType(Kind.MAP, List.of(keys), Map.of());
    }

    /**
     * @param key one of the keys
     * @param value its {@code +default}, e.g. {@code TCP} for a port's {@code protocol}
     * @return this list type with the default added
     */
    public ListType withKeyDefault(String key, String value) {
        Map<String, JsonNode> defaults = new LinkedHashMap<>(keyDefaults);
        defaults.put(key, JsonNodeFactory.instance.stringNode(value));
        return new ListType(kind, keys, defaults);
    }

    /**
     * @param meta a list field's patch tags
     * @return the list type kube-openapi derives from them when the field has no {@code +listType}
     */
    public static ListType fromTags(PatchMeta meta) {
        if (!meta.merges()) {
            return ATOMIC;
        }
        String mergeKey = meta.mergeKey();
        return mergeKey == null ? SET : map(mergeKey);
    }

    /** @return the markers as written in Go, e.g. {@code +listType=map +listMapKey=port +listMapKey=protocol} */
    @Override
    public String toString() {
        return "+listType=" + kind.marker() + keys.stream().map(key -> " +listMapKey=" + key).collect(Collectors.joining());
    }
}
