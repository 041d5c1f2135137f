package io.kubeplane.dns.zone;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TextParseException;

/**
 * The records one Service gives, per the Kubernetes DNS specification 1.1.0: for a ClusterIP,
 * NodePort or LoadBalancer Service, A/AAAA {@code <svc>.<ns>.svc.<zone>} with its cluster IPs,
 * their PTRs, and an SRV {@code _<port>._<proto>.<svc>...} per named port; for a headless Service,
 * one A/AAAA per ready endpoint, {@code <hostname>.<svc>...} (or the address, dashed) per endpoint,
 * their PTRs, and SRVs naming each endpoint; for an ExternalName Service, a CNAME. Each record
 * says which object it came from. Pure.
 *
 * @param owner   the Service's name, {@code <svc>.<ns>.svc.<zone>}, which exists even with no record
 * @param headless whether the Service is headless
 * @param records its records
 */
public record ServiceRecords(Name owner, boolean headless, List<SourcedRecord> records) {

    public static ServiceRecords of(Service service, List<EndpointSlice> slices, Name zone, long ttl) {
        String namespace = service.getMetadata().getNamespace();
        String name = service.getMetadata().getName();
        Name owner = name(name + "." + namespace + ".svc", zone);
        Source fromService = new Source("Service", namespace, name, nz(service.getMetadata().getResourceVersion()));
        List<SourcedRecord> records = new ArrayList<>();
        if ("ExternalName".equals(service.getSpec().getType())) {
            String target = service.getSpec().getExternalName();
            if (target != null && !target.isBlank()) {
                records.add(new SourcedRecord(new CNAMERecord(owner, DClass.IN, ttl, name(target, Name.root)), fromService));
            }
            return new ServiceRecords(owner, false, records);
        }
        boolean headless = "None".equals(service.getSpec().getClusterIP());
        if (!headless) {
            List<String> ips = service.getSpec().getClusterIPs() == null || service.getSpec().getClusterIPs().isEmpty()
                    ? (service.getSpec().getClusterIP() == null ? List.of() : List.of(service.getSpec().getClusterIP()))
                    : service.getSpec().getClusterIPs();
            for (String ip : ips) {
                address(owner, ip, ttl).ifPresent(r -> records.add(new SourcedRecord(r, fromService)));
                pointer(ip, owner, ttl).ifPresent(r -> records.add(new SourcedRecord(r, fromService)));
            }
            for (ServicePort port : service.getSpec().getPorts() == null ? List.<ServicePort>of() : service.getSpec().getPorts()) {
                if (port.getName() != null && !port.getName().isEmpty()) {
                    records.add(new SourcedRecord(new SRVRecord(srvName(port.getName(), protocol(port.getProtocol()), owner),
                            DClass.IN, ttl, 0, 100, port.getPort(), owner), fromService));
                }
            }
            return new ServiceRecords(owner, false, records);
        }
        // Headless: the ready endpoints, each under its hostname or its dashed address.
        for (EndpointSlice slice : slices) {
            Source fromSlice = new Source("EndpointSlice", namespace, slice.getMetadata().getName(),
                    nz(slice.getMetadata().getResourceVersion()));
            for (Endpoint endpoint : slice.getEndpoints() == null ? List.<Endpoint>of() : slice.getEndpoints()) {
                if (endpoint.getConditions() != null && Boolean.FALSE.equals(endpoint.getConditions().getReady())) {
                    continue;
                }
                for (String ip : endpoint.getAddresses() == null ? List.<String>of() : endpoint.getAddresses()) {
                    String label = endpoint.getHostname() != null && !endpoint.getHostname().isEmpty()
                            ? endpoint.getHostname() : ip.replace('.', '-').replace(':', '-');
                    Name host = name(label, owner);
                    address(owner, ip, ttl).ifPresent(r -> records.add(new SourcedRecord(r, fromSlice)));
                    address(host, ip, ttl).ifPresent(r -> records.add(new SourcedRecord(r, fromSlice)));
                    pointer(ip, host, ttl).ifPresent(r -> records.add(new SourcedRecord(r, fromSlice)));
                    for (EndpointPort port : slice.getPorts() == null ? List.<EndpointPort>of() : slice.getPorts()) {
                        if (port.getName() != null && !port.getName().isEmpty() && port.getPort() != null) {
                            records.add(new SourcedRecord(new SRVRecord(srvName(port.getName(), protocol(port.getProtocol()), owner),
                                    DClass.IN, ttl, 0, 100, port.getPort(), host), fromSlice));
                        }
                    }
                }
            }
        }
        return new ServiceRecords(owner, true, records);
    }

    private static java.util.Optional<Record> address(Name owner, String ip, long ttl) {
        try {
            InetAddress address = org.xbill.DNS.Address.getByAddress(ip);
            return java.util.Optional.of(address instanceof java.net.Inet6Address
                    ? new AAAARecord(owner, DClass.IN, ttl, address) : new ARecord(owner, DClass.IN, ttl, address));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return java.util.Optional.empty(); // not an address: no record
        }
    }

    /** The PTR of {@code ip}, pointing at {@code target}; empty when {@code ip} is not an address. */
    private static java.util.Optional<Record> pointer(String ip, Name target, long ttl) {
        try {
            return java.util.Optional.of(new PTRRecord(ReverseMap.fromAddress(org.xbill.DNS.Address.getByAddress(ip)), DClass.IN, ttl, target));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    static Name srvName(String port, String protocol, Name owner) {
        return name("_" + port + "._" + protocol, owner);
    }

    private static String protocol(String protocol) {
        return (protocol == null ? "TCP" : protocol).toLowerCase(java.util.Locale.ROOT);
    }

    static Name name(String relative, Name origin) {
        try {
            return Name.fromString(relative, origin);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + relative, e);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
