package io.kubeplane.apiserver.printing;

import io.fabric8.kubernetes.api.model.networking.v1.ServiceCIDR;
import java.time.Instant;
import java.util.List;

/**
 * {@code kubectl get servicecidrs}: NAME CIDRS AGE, as {@code printServiceCIDR}. Stateless.
 */
final class ServiceCIDRPrinter extends TypedPrinter<ServiceCIDR> {

    static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.NAME,
            ColumnDefinition.column("CIDRs", "string", FieldDescriptions.SERVICE_CIDR_CIDRS),
            ColumnDefinition.AGE);

    ServiceCIDRPrinter() {
        super(ServiceCIDR.class);
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    TableRow print(ServiceCIDR cidr, Instant now) {
        List<String> cidrs = cidr.getSpec() == null ? List.of() : cidr.getSpec().getCidrs();
        return TableRow.of(name(cidr), String.join(",", cidrs), age(cidr, now));
    }
}
