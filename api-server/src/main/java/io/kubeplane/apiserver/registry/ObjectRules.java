package io.kubeplane.apiserver.registry;

import io.kubeplane.model.ApiResource;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The generic create and update rules every kind shares, over JSON trees, as kube-apiserver's
 * {@code BeforeCreate} / {@code BeforeUpdate} apply them: system metadata is the server's, status
 * changes only through the status subresource, and {@code generation} counts spec changes.
 *
 * <p>Pure apart from the clock, uid source and random generator it is given; thread-safe when they
 * are. Methods mutate and return the object they are given.
 */
public final class ObjectRules {

    /** Characters of generated name suffixes: no vowels, no look-alikes, as apimachinery's rand.String. */
    private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int SUFFIX_LENGTH = 5;
    private static final int MAX_GENERATED_PREFIX = 63 - SUFFIX_LENGTH;

    private final KindStrategies strategies;
    private final Clock clock;
    private final Supplier<UUID> uids;
    private final RandomGenerator random;

    public ObjectRules(KindStrategies strategies, Clock clock, Supplier<UUID> uids, RandomGenerator random) {
        this.strategies = strategies;
        this.clock = clock;
        this.uids = uids;
        this.random = random;
    }

    /** The time of a write now. */
    public Instant now() {
        return Instant.now(clock);
    }

    public KindStrategy strategy(ApiResource resource) {
        return strategies.forResource(resource);
    }

    /**
     * Prepares a new object: server-owned metadata set (uid, creationTimestamp, generation), client
     * values for them dropped, status reset to the kind's initial status, a name generated from
     * {@code generateName} when none is given.
     */
    public ObjectNode prepareForCreate(ApiResource resource, ObjectNode object, String namespace) {
        ObjectNode metadata = metadata(object);
        metadata.put("uid", uids.get().toString());
        metadata.put("creationTimestamp", timestamp());
        metadata.remove(List.of("resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"));
        if (resource.namespaced()) {
            metadata.put("namespace", namespace);
        } else {
            metadata.remove("namespace");
        }
        if (!metadata.hasNonNull("name") || metadata.get("name").asString().isEmpty()) {
            String prefix = metadata.path("generateName").asString("");
            if (!prefix.isEmpty()) {
                metadata.put("name", generateName(prefix));
            }
        }
        if (object.has("spec")) {
            metadata.put("generation", 1);
        }
        if (resource.hasStatus()) {
            object.remove("status");
        }
        strategies.forResource(resource).prepareForCreate(object);
        return object;
    }

    /** A new name from a {@code generateName} prefix, for a retry after a name collision too. */
    public String generateName(String prefix) {
        StringBuilder name = new StringBuilder(prefix.length() > MAX_GENERATED_PREFIX
                ? prefix.substring(0, MAX_GENERATED_PREFIX) : prefix);
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            name.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return name.toString();
    }

    /**
     * Prepares a replacement of {@code old}: server-owned metadata kept from it, status kept from it
     * for kinds with a status subresource, generation bumped when the spec changed.
     */
    public ObjectNode prepareForUpdate(ApiResource resource, ObjectNode object, ObjectNode old) {
        ObjectNode metadata = metadata(object);
        JsonNode oldMetadata = old.path("metadata");
        for (String systemField : List.of("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
                "generation")) {
            copy(oldMetadata, metadata, systemField);
        }
        metadata.remove("selfLink");
        if (resource.hasStatus()) {
            copy(old, object, "status");
        }
        if (object.has("spec") || old.has("spec")) {
            long generation = oldMetadata.path("generation").asLong(0);
            boolean specChanged = !object.path("spec").equals(old.path("spec"));
            metadata.put("generation", specChanged || generation == 0 ? generation + 1 : generation);
        }
        return object;
    }

    /**
     * Prepares a write through the status subresource: everything but status comes from
     * {@code old}, as kube-apiserver's status strategies reset spec and metadata.
     */
    public ObjectNode prepareForStatusUpdate(ObjectNode object, ObjectNode old) {
        ObjectNode result = old.deepCopy();
        if (object.has("status")) {
            result.set("status", object.get("status"));
        } else {
            result.remove("status");
        }
        return result;
    }

    /** The kind's selectable fields and their values in this object (missing fields as empty strings). */
    public Map<String, String> selectableFields(ApiResource resource, JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : strategies.forResource(resource).selectableFields()) {
            JsonNode node = object.at("/" + field.replace('.', '/'));
            values.put(field, node.isMissingNode() || node.isNull() ? "" : node.isValueNode() ? node.asString() : node.toString());
        }
        return values;
    }

    private String timestamp() {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
    }

    private static ObjectNode metadata(ObjectNode object) {
        JsonNode metadata = object.get("metadata");
        if (metadata instanceof ObjectNode node) {
            return node;
        }
        return object.putObject("metadata");
    }

    private static void copy(JsonNode from, ObjectNode to, String field) {
        JsonNode value = from.get(field);
        if (value == null) {
            to.remove(field);
        } else {
            to.set(field, value.deepCopy());
        }
    }
}
