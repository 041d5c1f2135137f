package io.kubeplane.apiserver.printing;

import io.fabric8.kubernetes.api.model.Namespace;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code kubectl get namespaces}: NAME STATUS AGE, as {@code printNamespace}. STATUS is the phase,
 * {@code Active} or {@code Terminating}. Stateless.
 */
final class NamespacePrinter extends TypedPrinter<Namespace> {

    static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.NAME,
            ColumnDefinition.column("Status", "string", "The status of the namespace"),
            ColumnDefinition.AGE);

    NamespacePrinter() {
        super(Namespace.class);
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    TableRow print(Namespace namespace, Instant now) {
        @Nullable String phase = namespace.getStatus() == null ? null : namespace.getStatus().getPhase();
        // kube-apiserver defaults the phase to Active when it decodes a stored Namespace.
        return TableRow.of(name(namespace), CellFormats.isEmpty(phase) ? "Active" : phase, age(namespace, now));
    }
}
