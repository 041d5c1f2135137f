package io.kubeplane.patch.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.kubeplane.patch.JsonMergePatch;
import io.kubeplane.patch.apply.ManagedFieldsEntry.Operation;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A sequence of writes to one object, played the way the api-server plays them, with checks on the
 * stored object and its managed fields between them. Writes happen one minute apart from
 * {@link #T0}.
 *
 * <p>Between writes it stores the object as the api-server would (sketched): a uid and creation
 * timestamp on create, and the Service defaults that matter here (a port's {@code protocol: TCP},
 * {@code type: ClusterIP}, a ClusterIP from {@code 10.96.0.0/12}).
 */
final class Scenario {

    static final Instant T0 = Instant.parse("2025-01-15T10:00:00Z");

    private final String name;
    /** Writes and checks, in the order given: a check sees the object as the writes before it left it. */
    private final List<Consumer<State>> steps = new ArrayList<>();

    private Scenario(String name) {
        this.name = name;
    }

    static Scenario named(String name) {
        return new Scenario(name);
    }

    /** The object and what the last write gave. */
    static final class State {
        @Nullable JsonNode stored;
        @Nullable JsonNode previous;
        @Nullable ApplyResult lastApply;
        Instant now = T0;

        JsonNode stored() {
            assertThat(stored).as("the object exists").isNotNull();
            return stored;
        }

        ManagedFields managedFields() {
            return ManagedFields.read(stored());
        }
    }

    // ---- writes

    /** A successful server-side apply. */
    Scenario apply(String manager, String config) {
        return apply(manager, config, false);
    }

    /** {@code kubectl apply --server-side --force-conflicts}. */
    Scenario forceApply(String manager, String config) {
        return apply(manager, config, true);
    }

    private Scenario apply(String manager, String config, boolean force) {
        steps.add(state -> {
            ApplyResult result = ServerSideApply.apply(state.stored, Fixtures.yaml(config), manager, force, state.now);
            state.lastApply = result;
            assertThat(result.conflicts()).as("conflicts of the apply by %s", manager).isEmpty();
            store(state, result.object());
        });
        return this;
    }

    /** A server-side apply that meets conflicts; the object stays as it was. */
    Scenario applyConflicting(String manager, String config) {
        steps.add(state -> {
            ApplyResult result = ServerSideApply.apply(state.stored, Fixtures.yaml(config), manager, false, state.now);
            state.lastApply = result;
            assertThat(result.conflicted()).as("the apply by %s conflicts", manager).isTrue();
            assertThat(result.object()).isEqualTo(state.stored);
            state.now = state.now.plusSeconds(60);
        });
        return this;
    }

    /** A create ({@code POST}) of the whole object by {@code manager}. */
    Scenario create(String manager, String object) {
        steps.add(state -> store(state, ManagedFields.update(null, Fixtures.yaml(object), manager, state.now, null)));
        return this;
    }

    /** An update by {@code manager}: the stored object with a JSON merge patch applied ({@code kubectl edit}, a controller's PUT). */
    Scenario update(String manager, String mergePatch) {
        return update(manager, mergePatch, null);
    }

    /** An update through a subresource. */
    Scenario update(String manager, String mergePatch, @Nullable String subresource) {
        steps.add(state -> {
            JsonNode after = JsonMergePatch.apply(state.stored(), Fixtures.yaml(mergePatch));
            store(state, ManagedFields.update(state.stored, after, manager, state.now, subresource));
        });
        return this;
    }

    /** Replaces the stored object as is (an object stored before kubeplane tracked fields, say). */
    Scenario stored(String object) {
        steps.add(state -> state.stored = defaulted(Fixtures.yaml(object)));
        return this;
    }

    private static void store(State state, JsonNode object) {
        state.previous = state.stored;
        state.stored = defaulted(object);
        state.now = state.now.plusSeconds(60);
    }

    private static JsonNode defaulted(JsonNode object) {
        ObjectNode stored = (ObjectNode) object.deepCopy();
        ObjectNode metadata = (ObjectNode) stored.get("metadata");
        if (!metadata.has("uid")) {
            metadata.put("uid", "6f1c6a1e-2d7b-4c1e-9a43-0d8f3c5b7a10");
            metadata.put("creationTimestamp", T0.toString());
        }
        if (stored.path("kind").asString("").equals("Service") && stored.get("spec") instanceof ObjectNode spec) {
            if (spec.get("ports") instanceof ArrayNode ports) {
                ports.values().forEach(port -> {
                    if (!port.has("protocol")) {
                        ((ObjectNode) port).put("protocol", "TCP");
                    }
                });
            }
            if (!spec.has("type")) {
                spec.put("type", "ClusterIP");
            }
            if (!spec.has("clusterIP")) {
                spec.put("clusterIP", "10.96.0.42");
            }
        }
        return stored;
    }

    // ---- checks

    /**
     * {@code manager}'s entry for {@code operation} holds exactly these fields, written in YAML as
     * {@code kubectl get -o yaml} shows {@code fieldsV1}.
     */
    Scenario owns(String manager, Operation operation, String fieldsV1) {
        steps.add(state -> {
            ManagedFieldsEntry entry = state.managedFields().entry(manager, operation);
            assertThat(entry).as("entry of %s (%s) in %s", manager, operation, state.managedFields()).isNotNull();
            assertThat(entry.fields().toJson()).as("fields of %s", manager)
                    .isEqualTo(FieldSet.fromJson(Fixtures.yaml(fieldsV1)).toJson());
        });
        return this;
    }

    /** {@code manager} has no entry for {@code operation}. */
    Scenario ownsNothing(String manager, Operation operation) {
        steps.add(state -> assertThat(state.managedFields().entry(manager, operation)).as("entry of %s", manager).isNull());
        return this;
    }

    /** The managers in stored order, as {@code manager/operation}. */
    Scenario managers(String... managers) {
        steps.add(state -> assertThat(state.managedFields().entries())
                .extracting(entry -> entry.manager() + "/" + entry.operation().wireName())
                .containsExactly(managers));
        return this;
    }

    /** {@code manager}'s entry for {@code operation} has this time. */
    Scenario time(String manager, Operation operation, @Nullable Instant time) {
        steps.add(state -> {
            ManagedFieldsEntry entry = state.managedFields().entry(manager, operation);
            assertThat(entry).isNotNull();
            assertThat(entry.time()).as("time of %s", manager).isEqualTo(time);
        });
        return this;
    }

    /** The stored object has {@code json} at {@code pointer}. */
    Scenario value(String pointer, String json) {
        steps.add(state -> assertThat(state.stored().at(JsonPointer.compile(pointer))).as(pointer).isEqualTo(Fixtures.yaml(json)));
        return this;
    }

    /** The stored object has nothing at {@code pointer}. */
    Scenario absent(String pointer) {
        steps.add(state -> assertThat(state.stored().at(JsonPointer.compile(pointer)).isMissingNode())
                .as("%s is absent from %s", pointer, state.stored()).isTrue());
        return this;
    }

    /** The last apply failed with this message. */
    Scenario conflictMessage(String message) {
        steps.add(state -> {
            assertThat(state.lastApply).isNotNull();
            assertThat(state.lastApply.conflictMessage()).isEqualTo(message);
        });
        return this;
    }

    /** The last write changed neither the object nor its managed fields. */
    Scenario unchanged() {
        steps.add(state -> assertThat(state.stored).isEqualTo(state.previous));
        return this;
    }

    /** Any other check. */
    Scenario check(Consumer<State> check) {
        steps.add(check);
        return this;
    }

    void run() {
        State state = new State();
        steps.forEach(step -> step.accept(state));
    }

    @Override
    public String toString() {
        return name;
    }
}
