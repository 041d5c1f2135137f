package io.kubeplane.apiserver.openapi;

import java.util.Map;

/**
 * Descriptions of the apimachinery types that Kubernetes publishes as plain strings or opaque objects
 * and that have no model class to take them from: {@code IntOrString}, {@code Quantity},
 * {@code Time}, {@code MicroTime}, {@code FieldsV1} and {@code Patch}.
 */
final class BuiltinTypes {

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            DefinitionNames.INT_OR_STRING, "IntOrString is a type that can hold an int32 or a string. When used in JSON "
                    + "or YAML marshalling and unmarshalling, it produces or consumes the inner type. This allows you to "
                    + "have, for example, a JSON field that can accept a name or number.",
            DefinitionNames.QUANTITY, "Quantity is a fixed-point representation of a number, written as "
                    + "<signedNumber><suffix>: a decimal number followed by a binary SI suffix (Ki, Mi, Gi, Ti, Pi, Ei), "
                    + "a decimal SI suffix (n, u, m, \"\", k, M, G, T, P, E) or a decimal exponent (e.g. 1e3), "
                    + "such as 100m (0.1) or 128Mi.",
            DefinitionNames.TIME, "Time is a wrapper around time.Time which supports correct marshaling to YAML and "
                    + "JSON: an RFC 3339 date and time in UTC, with seconds precision.",
            DefinitionNames.MICRO_TIME, "MicroTime is version of Time with microsecond level precision.",
            DefinitionNames.META + "FieldsV1", "FieldsV1 stores a set of fields in a data structure like a Trie, in "
                    + "JSON format: each key is a field (f:<name>), a value (v:<value>), a list item keyed by its map "
                    + "keys (k:<keys>) or a list position (i:<index>), and the empty key marks a field that is set.",
            ResourcePaths.PATCH, "Patch is provided to give a concrete name and type to the Kubernetes PATCH request "
                    + "body.");

    private BuiltinTypes() {
    }

    /** @return the type's description, empty if it is not one of these */
    static String description(String definition) {
        return DESCRIPTIONS.getOrDefault(definition, "");
    }
}
