package io.kubeplane.apiserver.auth;

import io.kubeplane.model.KubernetesJson;
import io.kubeplane.model.validation.FieldError;
import io.kubeplane.model.validation.FieldPath;
import io.kubeplane.model.validation.NameValidation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the bindings of the authorization file ({@code kubeplane.api-server.authorization-file}):
 * <pre>
 *   bindings:
 *   - role: cluster-admin          # cluster-admin, view or edit
 *     groups: [system:masters]
 *   - role: view
 *     users: [viewer]
 *   - role: edit                   # edit needs namespaces; the others take none
 *     users: [alice]
 *     groups: [team-a-devs]
 *     namespaces: [team-a, team-b]
 * </pre>
 * Each binding names users, groups or both. An empty file, or {@code bindings: []}, binds nobody;
 * {@code system:masters} is cluster-admin in any case ({@link RoleBindings}). Unknown fields, unknown
 * roles, an {@code edit} without namespaces, namespaces on a cluster-wide role and names that are not
 * namespace names are refused, every problem reported with its path; a misspelt key must not quietly
 * grant less, or more, than its author meant.
 *
 * <p>Stateless and thread-safe. {@link #parse} is pure; {@link #read} reads the file first. Called
 * once at startup by {@link AuthorizationConfiguration}.
 */
public final class AuthorizationFile {

    private static final Set<String> TOP_FIELDS = Set.of("bindings");
    private static final Set<String> BINDING_FIELDS = Set.of("role", "users", "groups", "namespaces");

    private AuthorizationFile() {
    }

    public static RoleBindings read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * @param yaml   the file's text
     * @param source where it came from, for messages
     * @throws InvalidAuthorizationFileException when it is not YAML or a binding is wrong
     */
    public static RoleBindings parse(String yaml, String source) {
        JsonNode root;
        try {
            root = KubernetesJson.YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new InvalidAuthorizationFileException("authorization file " + source + " is not YAML: "
                                                        + e.getOriginalMessage(), List.of());
        }
        List<FieldError> errors = new ArrayList<>();
        List<RoleBinding> bindings = new ArrayList<>();
        if (!absent(root)) {
            if (!root.isObject()) {
                throw new InvalidAuthorizationFileException("authorization file " + source
                        + " is invalid: it must be a mapping with a bindings list, e.g. \"bindings: [{role: view, users: [viewer]}]\"",
                        List.of());
            }
            unknownFields(root, null, TOP_FIELDS, "the file has only bindings", errors);
            JsonNode list = root.path("bindings");
            if (!absent(list) && !list.isArray()) {
                errors.add(FieldError.invalid(FieldPath.of("bindings"), text(list), "must be a list"));
            } else {
                for (int i = 0; i < list.size(); i++) {
                    binding(list.get(i), FieldPath.of("bindings").index(i), errors).ifPresent(bindings::add);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidAuthorizationFileException("authorization file " + source + " is invalid: "
                    + errors.stream().map(FieldError::message).collect(Collectors.joining("; ")), errors);
        }
        return RoleBindings.of(bindings);
    }

    private static Optional<RoleBinding> binding(JsonNode node, FieldPath path, List<FieldError> errors) {
        if (!node.isObject()) {
            errors.add(FieldError.invalid(path, text(node), "must be a mapping of role, users, groups and namespaces"));
            return Optional.empty();
        }
        int before = errors.size();
        unknownFields(node, path, BINDING_FIELDS, "a binding has role, users, groups and namespaces", errors);
        Optional<Role> role = role(node.path("role"), path.child("role"), errors);
        List<String> users = names(node.path("users"), path.child("users"), errors);
        List<String> groups = names(node.path("groups"), path.child("groups"), errors);
        List<String> namespaces = names(node.path("namespaces"), path.child("namespaces"), errors);
        if (absentOrEmpty(node.path("users")) && absentOrEmpty(node.path("groups"))) {
            errors.add(FieldError.required(path.child("users"), "a binding names users, groups or both"));
        }
        for (int i = 0; i < namespaces.size(); i++) {
            String namespace = namespaces.get(i);
            errors.addAll(NameValidation.invalid(path.child("namespaces").index(i), namespace,
                    NameValidation.isDns1123Label(namespace)));
        }
        if (role.isPresent() && role.get().namespaced() && namespaces.isEmpty()) {
            errors.add(FieldError.required(path.child("namespaces"),
                    "an " + role.get().roleName() + " binding applies only in the namespaces it names"));
        }
        if (role.isPresent() && !role.get().namespaced() && !namespaces.isEmpty()) {
            errors.add(FieldError.forbidden(path.child("namespaces"),
                    "a " + role.get().roleName() + " binding applies cluster-wide and takes no namespaces"));
        }
        if (errors.size() > before || role.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RoleBinding(role.get(), users, groups, namespaces));
    }

    private static Optional<Role> role(JsonNode node, FieldPath path, List<FieldError> errors) {
        if (absent(node)) {
            errors.add(FieldError.required(path, "one of " + String.join(", ", Role.names())));
            return Optional.empty();
        }
        Optional<Role> role = node.isString() ? Role.byName(node.asString()) : Optional.empty();
        if (role.isEmpty()) {
            errors.add(FieldError.notSupported(path, text(node), Role.names()));
        }
        return role;
    }

    /** A list of non-empty, distinct strings; an absent or null list is empty. */
    private static List<String> names(JsonNode node, FieldPath path, List<FieldError> errors) {
        if (absent(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            errors.add(FieldError.invalid(path, text(node),
                    "must be a list, e.g. [" + (node.isString() ? node.asString() : "name") + "]"));
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isString() || item.asString().isBlank()) {
                errors.add(FieldError.invalid(path.index(i), text(item),
                        "must be a non-empty string (quote it if YAML reads it as a number, boolean or null)"));
            } else if (names.contains(item.asString())) {
                errors.add(FieldError.duplicate(path.index(i), item.asString()));
            } else {
                names.add(item.asString());
            }
        }
        return names;
    }

    private static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }

    private static boolean absentOrEmpty(JsonNode node) {
        return absent(node) || (node.isArray() && node.isEmpty());
    }

    /** A bad value as the message shows it: a string as itself, anything else as its YAML-ish JSON text. */
    private static String text(JsonNode node) {
        return node.isString() ? node.asString() : node.toString();
    }

    private static void unknownFields(JsonNode node, @Nullable FieldPath path, Set<String> known, String hint,
                                      List<FieldError> errors) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!known.contains(field.getKey())) {
                FieldPath where = path == null ? FieldPath.of(field.getKey()) : path.child(field.getKey());
                errors.add(FieldError.forbidden(where, "unknown field; " + hint));
            }
        }
    }
}
