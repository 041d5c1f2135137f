package io.kubeplane.apiserver.printing;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import java.time.Instant;
import java.util.List;

/**
 * {@code kubectl get replicasets}: NAME DESIRED CURRENT READY AGE, and CONTAINERS IMAGES SELECTOR
 * with {@code -o wide}, as {@code printReplicaSet}: desired is {@code spec.replicas}, current
 * {@code status.replicas}, ready {@code status.readyReplicas}, all integer cells. Stateless.
 */
final class ReplicaSetPrinter extends TypedPrinter<ReplicaSet> {

    static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.NAME,
            ColumnDefinition.column("Desired", "integer", FieldDescriptions.REPLICA_SET_DESIRED),
            ColumnDefinition.column("Current", "integer", FieldDescriptions.REPLICA_SET_CURRENT),
            ColumnDefinition.column("Ready", "integer", FieldDescriptions.REPLICA_SET_READY),
            ColumnDefinition.AGE,
            ColumnDefinition.wide("Containers", "string", "Names of each container in the template."),
            ColumnDefinition.wide("Images", "string", "Images referenced by each container in the template."),
            ColumnDefinition.wide("Selector", "string", FieldDescriptions.REPLICA_SET_SELECTOR));

    ReplicaSetPrinter() {
        super(ReplicaSet.class);
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    TableRow print(ReplicaSet replicaSet, Instant now) {
        ReplicaSetSpec spec = replicaSet.getSpec() == null ? new ReplicaSetSpec() : replicaSet.getSpec();
        ReplicaSetStatus status = replicaSet.getStatus() == null ? new ReplicaSetStatus() : replicaSet.getStatus();
        // kube-apiserver defaults spec.replicas to 1 when it decodes a stored ReplicaSet.
        long desired = spec.getReplicas() == null ? 1 : spec.getReplicas();
        List<Container> containers = CellFormats.templateContainers(spec.getTemplate());
        return TableRow.of(name(replicaSet), desired, (long) CellFormats.number(status.getReplicas()),
                (long) CellFormats.number(status.getReadyReplicas()), age(replicaSet, now),
                CellFormats.containerNames(containers), CellFormats.containerImages(containers),
                CellFormats.selector(spec.getSelector()));
    }
}
