package io.kubeplane.apiserver.rest;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Options every write takes, from the request's query: {@code dryRun=All} (run every step but the
 * store write), {@code fieldManager} (who makes the change) and {@code fieldValidation} (what to do
 * with fields the kind does not have), plus where warnings for the client go.
 *
 * @param dryRun          whether to stop before writing
 * @param fieldManager    the writer's name, or null to derive one from the user agent
 * @param fieldValidation Strict, Warn or Ignore, as kube-apiserver's {@code fieldValidation}
 * @param warnings        receives warnings for the response's {@code Warning} headers
 */
public record WriteOptions(boolean dryRun, @Nullable String fieldManager, FieldValidation fieldValidation,
                           Consumer<String> warnings) {

    /** The field manager of the api-server's own writes (system namespaces, garbage collection). */
    public static final String SERVER_MANAGER = "kube-apiserver";

    /** What the server's own writers use: no dry run, unknown fields tolerated silently. */
    public static final WriteOptions DEFAULT = new WriteOptions(false, SERVER_MANAGER, FieldValidation.IGNORE, warning -> { });

    /** The manager a write is recorded under in managedFields; the API layer fills it in for clients. */
    public String manager() {
        return fieldManager == null ? SERVER_MANAGER : fieldManager;
    }

    /** kube-apiserver's {@code fieldValidation} directive. */
    public enum FieldValidation {
        STRICT, WARN, IGNORE;

        /** Parses the query value; Warn when absent, as kube-apiserver does. */
        public static FieldValidation parse(@Nullable String value) {
            if (value == null || value.isEmpty()) {
                return WARN;
            }
            return switch (value) {
                case "Strict" -> STRICT;
                case "Warn" -> WARN;
                case "Ignore" -> IGNORE;
                default -> throw new IllegalArgumentException("fieldValidation: Unsupported value: \"" + value
                        + "\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
            };
        }
    }
}
