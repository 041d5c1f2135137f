package io.kubeplane.apiserver.printing;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code kubectl get leases}: NAME HOLDER AGE, as {@code printLease}. HOLDER is
 * {@code spec.holderIdentity}, empty while nobody holds the lease. Stateless.
 */
final class LeasePrinter extends TypedPrinter<Lease> {

    static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.NAME,
            ColumnDefinition.column("Holder", "string", FieldDescriptions.LEASE_HOLDER_IDENTITY),
            ColumnDefinition.AGE);

    LeasePrinter() {
        super(Lease.class);
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    TableRow print(Lease lease, Instant now) {
        @Nullable String holder = lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
        return TableRow.of(name(lease), holder == null ? "" : holder, age(lease, now));
    }
}
