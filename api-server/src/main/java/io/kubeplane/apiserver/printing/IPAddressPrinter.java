package io.kubeplane.apiserver.printing;

import static io.kubeplane.apiserver.printing.CellFormats.isEmpty;
import static io.kubeplane.apiserver.printing.CellFormats.text;

import io.fabric8.kubernetes.api.model.networking.v1.IPAddress;
import io.fabric8.kubernetes.api.model.networking.v1.ParentReference;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * {@code kubectl get ipaddresses}: NAME PARENTREF, as {@code printIPAddress}; PARENTREF reads
 * {@code services/default/web} (or {@code resource.group/namespace/name}).
 *
 * <p>Kubernetes declares two columns but sends a third cell, the age; kubectl prints only as many
 * cells as there are columns. kubeplane sends the same rows. Stateless.
 */
final class IPAddressPrinter extends TypedPrinter<IPAddress> {

    static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.NAME,
            ColumnDefinition.column("ParentRef", "string", FieldDescriptions.IP_ADDRESS_PARENT_REF));

    IPAddressPrinter() {
        super(IPAddress.class);
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    TableRow print(IPAddress address, Instant now) {
        @Nullable ParentReference parent = address.getSpec() == null ? null : address.getSpec().getParentRef();
        return TableRow.of(name(address), parent == null ? CellFormats.NONE : parent(parent), age(address, now));
    }

    private static String parent(ParentReference parent) {
        // schema.GroupResource.String(): "resource" in the core group, "resource.group" otherwise.
        String groupResource = isEmpty(parent.getGroup())
                ? text(parent.getResource())
                : text(parent.getResource()) + "." + parent.getGroup();
        StringBuilder ref = new StringBuilder(groupResource.toLowerCase(Locale.ROOT));
        if (!isEmpty(parent.getNamespace())) {
            ref.append('/').append(parent.getNamespace());
        }
        return ref.append('/').append(text(parent.getName())).toString();
    }
}
