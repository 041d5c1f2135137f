package io.kubeplane.apiserver.printing;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Instant;
import java.util.List;

/**
 * {@code kubectl get deployments}: NAME READY UP-TO-DATE AVAILABLE AGE, and CONTAINERS IMAGES SELECTOR
 * with {@code -o wide}, as {@code printDeployment}.
 *
 * <p>READY is {@code readyReplicas/spec.replicas}; UP-TO-DATE and AVAILABLE are integer cells (their
 * columns still say {@code string}, as in Kubernetes). Stateless.
 */
final class DeploymentPrinter extends TypedPrinter<Deployment> {

    static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.NAME,
            ColumnDefinition.column("Ready", "string", "Number of the pod with ready state"),
            ColumnDefinition.column("Up-to-date", "string", FieldDescriptions.DEPLOYMENT_UPDATED_REPLICAS),
            ColumnDefinition.column("Available", "string", FieldDescriptions.DEPLOYMENT_AVAILABLE_REPLICAS),
            ColumnDefinition.AGE,
            ColumnDefinition.wide("Containers", "string", "Names of each container in the template."),
            ColumnDefinition.wide("Images", "string", "Images referenced by each container in the template."),
            ColumnDefinition.wide("Selector", "string", FieldDescriptions.DEPLOYMENT_SELECTOR));

    DeploymentPrinter() {
        super(Deployment.class);
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    TableRow print(Deployment deployment, Instant now) {
        DeploymentSpec spec = deployment.getSpec() == null ? new DeploymentSpec() : deployment.getSpec();
        DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        // kube-apiserver defaults spec.replicas to 1 when it decodes a stored Deployment.
        int desired = spec.getReplicas() == null ? 1 : spec.getReplicas();
        List<Container> containers = CellFormats.templateContainers(spec.getTemplate());
        return TableRow.of(name(deployment), CellFormats.number(status.getReadyReplicas()) + "/" + desired,
                (long) CellFormats.number(status.getUpdatedReplicas()),
                (long) CellFormats.number(status.getAvailableReplicas()), age(deployment, now),
                CellFormats.containerNames(containers), CellFormats.containerImages(containers),
                CellFormats.selector(spec.getSelector()));
    }
}
