package io.kubeplane.apiserver.openapi;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A hand-made {@link ModelDocs} for tests of the generator, so they do not depend on which
 * Kubernetes Java client happens to be on the class path.
 */
final class FakeModelDocs implements ModelDocs {

    private final Map<String, String> types = new HashMap<>();
    private final Map<String, Map<String, FieldDoc>> fields = new HashMap<>();

    FakeModelDocs type(String definition, String description) {
        types.put(definition, description);
        return this;
    }

    FakeModelDocs field(String definition, String field, String description) {
        return put(definition, field, new FieldDoc(description, false, false));
    }

    FakeModelDocs required(String definition, String field) {
        return put(definition, field, new FieldDoc("", true, false));
    }

    FakeModelDocs time(String definition, String field) {
        return put(definition, field, new FieldDoc("", false, true));
    }

    private FakeModelDocs put(String definition, String field, FieldDoc doc) {
        fields.computeIfAbsent(definition, k -> new HashMap<>()).put(field, doc);
        types.putIfAbsent(definition, "");
        return this;
    }

    @Override
    public Optional<ModelDoc> lookup(String definition) {
        if (!types.containsKey(definition)) {
            return Optional.empty();
        }
        return Optional.of(new ModelDoc(types.get(definition), fields.getOrDefault(definition, Map.of())));
    }
}
