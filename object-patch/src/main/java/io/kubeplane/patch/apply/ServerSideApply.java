package io.kubeplane.patch.apply;

import java.time.Instant;
import java.util.List;

import io.kubeplane.patch.PatchException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server-side apply ({@code PATCH} with {@code application/apply-patch+yaml}, {@code kubectl apply
 * --server-side}), as kube-apiserver's field manager does it with structured-merge-diff.
 *
 * <p>The applied configuration says which fields its manager wants to own, with which values:
 * <pre>
 *   applied fields            become the manager's Apply entry, and their values are merged in
 *   fields it applied before  removed, unless another manager owns them too
 *     and no longer applies
 *   a field another manager   a conflict naming that manager and field, unless force, which takes
 *     set to another value      the field; the same value is shared, both own it
 * </pre>
 * Lists merge by their list type ({@link io.kubeplane.patch.ListType}): a Service's ports by port
 * and protocol, finalizers as a set; atomic lists and maps are one value. Around that, as
 * kube-apiserver: an object with no managed fields first gets a {@code before-first-apply} entry for
 * what it holds; the manager {@code kubectl} may take fields a client-side {@code kubectl apply} still
 * owns with unchanged values, and keeps their last-applied annotation in step; nobody owns
 * {@code status} through the main resource, or the name, uid and other system metadata.
 *
 * <p>What it leaves to the caller: defaulting the merged object, restoring system metadata the
 * configuration may have blanked, validation, and the name and kind matching the request URL.
 *
 * <p>Stateless and thread-safe. Inputs are never modified.
 */
public final class ServerSideApply {

    static final String BEFORE_FIRST_APPLY = "before-first-apply";

    private ServerSideApply() {
    }

    /**
     * @param live the stored object, or null to create it
     * @param applied the applied configuration (the patch body as JSON)
     * @param manager the field manager ({@code ?fieldManager=}, required for apply)
     * @param force {@code ?force=true}: take conflicting fields instead of reporting them
     * @param now the time of the write
     * @return the object to store, or the conflicts
     * @throws PatchException if the configuration is malformed: no apiVersion or kind, another kind
     *     than the live object, {@code metadata.managedFields} set, a list element without its keys or
     *     listed twice (400 Bad Request); or the live object's managed fields cannot be read
     */
    public static ApplyResult apply(@Nullable JsonNode live, JsonNode applied, String manager, boolean force, Instant now) {
        return apply(live, applied, manager, force, now, null);
    }

    /**
     * As {@link #apply(JsonNode, JsonNode, String, boolean, Instant)}, through a subresource
     * ({@code kubectl apply --server-side --subresource=status}).
     *
     * @param subresource e.g. {@code status}; null for the main resource
     */
    public static ApplyResult apply(@Nullable JsonNode live, JsonNode applied, String manager, boolean force, Instant now,
            @Nullable String subresource) {
        if (!applied.isObject()) {
            throw new PatchException("an apply configuration must be a JSON object, not " + applied.getNodeType());
        }
        String apiVersion = ObjectTrees.apiVersion(applied);
        String kind = ObjectTrees.kind(applied);
        if (live != null && !(apiVersion.equals(live.path("apiVersion").asString("")) && kind.equals(live.path("kind").asString("")))) {
            throw new PatchException("invalid object type: " + groupVersionKind(apiVersion, kind));
        }
        JsonNode sentManagedFields = ObjectTrees.managedFields(applied);
        if (sentManagedFields != null && !sentManagedFields.isNull()) {
            throw new PatchException("metadata.managedFields must be nil");
        }
        ManagedFields stored;
        try {
            stored = live == null ? ManagedFields.empty() : ManagedFields.read(live);
        }
        catch (PatchException ex) {
            throw new PatchException("failed to decode managed fields: " + ex.getMessage(), ex);
        }
        Request request = new Request(
                live == null ? null : ObjectTrees.withoutManagedFields(live),
                applied,
                new Updater(ObjectTrees.typeOf(apiVersion, kind), apiVersion, ResetFields.of(apiVersion, kind, subresource)),
                ManagerId.applier(manager, subresource),
                ManagerId.updater(BEFORE_FIRST_APPLY, apiVersion, subresource),
                ZeroObjects.of(apiVersion, kind),
                now);

        Attempt attempt = request.attempt(Managers.decode(stored), force);
        if (!attempt.conflicts().isEmpty() && live != null && manager.equals(LastApplied.KUBECTL)) {
            // moving from client-side to server-side apply: kubectl may take what its annotation still holds
            List<Conflict> remaining = LastApplied.remaining(attempt.conflicts(),
                    LastApplied.allowedConflicts(live, apiVersion, ObjectTrees.typeOf(apiVersion, kind)));
            attempt = remaining.isEmpty() ? request.attempt(Managers.decode(stored), true) : new Attempt(live, null, remaining);
        }
        if (!attempt.conflicts().isEmpty() || attempt.managers() == null) {
            return new ApplyResult(live == null ? applied : live, attempt.conflicts());
        }
        ObjectNode result = (ObjectNode) attempt.object().deepCopy();
        ObjectTrees.stripNulls(result);
        if (manager.equals(LastApplied.KUBECTL)) {
            LastApplied.sync(result, applied);
        }
        return new ApplyResult(ObjectTrees.write(result, attempt.managers().encode()), List.of());
    }

    /** @return a GroupVersionKind as Go prints it, e.g. {@code /v1, Kind=Service}, {@code apps/v1, Kind=Deployment} */
    private static String groupVersionKind(String apiVersion, String kind) {
        return (apiVersion.contains("/") ? apiVersion : "/" + apiVersion) + ", Kind=" + kind;
    }

    private record Attempt(JsonNode object, @Nullable Managers managers, List<Conflict> conflicts) {
    }

    /** One apply request; {@link #attempt} may run twice (the kubectl migration retries forced). */
    private record Request(@Nullable JsonNode live, JsonNode applied, Updater updater, ManagerId applier,
            ManagerId beforeFirstApply, JsonNode zero, Instant now) {

        Attempt attempt(Managers managers, boolean force) {
            if (managers.isEmpty() && live != null) {
                // kube-apiserver's skipNonApplied: what an untracked object holds is owned first
                Recorder.recordUpdate(updater, zero, live, managers, beforeFirstApply, now);
                Recorder.capUpdateManagers(managers);
            }
            Updater.Applied result = updater.apply(live, applied, managers, applier, force);
            if (!result.conflicts().isEmpty()) {
                return new Attempt(result.object(), null, result.conflicts());
            }
            Recorder.strip(managers, applier);
            if (result.changed()) {
                managers.setTime(applier, now);
            }
            return new Attempt(result.object(), managers, List.of());
        }
    }
}
