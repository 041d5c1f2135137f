package io.kubeplane.dns.zone;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The cluster zone's current records, by owner name, kept per Service so one Service's change
 * replaces only its own records, and answered from without locks. Besides the Services' records:
 * the apex SOA and NS, {@code dns-version.<zone>} TXT {@code 1.1.0}, and pod names
 * {@code a-b-c-d.<ns>.pod.<zone>} answered from the name itself (CoreDNS' "pods insecure"). A name
 * that only has names below it (an empty non-terminal, such as {@code <ns>.svc.<zone>}) exists:
 * NODATA, not NXDOMAIN. Reverse names ({@code in-addr.arpa}, {@code ip6.arpa}) of the cluster's
 * addresses answer PTR. Thread-safe: writers are serialised, readers see each Service's records
 * whole.
 */
public final class ClusterZone {

    public static final String SCHEMA_VERSION = "1.1.0";

    private static final Name IPV4_REVERSE = Name.fromConstantString("in-addr.arpa.");
    private static final Name IPV6_REVERSE = Name.fromConstantString("ip6.arpa.");

    private final Name zone;
    private final long ttl;
    private final Name svc;
    private final Name pod;
    private final SourcedRecord soa;
    private final SourcedRecord ns;
    private final SourcedRecord version;
    private final Map<String, ServiceRecords> services = new ConcurrentHashMap<>();
    private final Map<Name, List<SourcedRecord>> byName = new ConcurrentHashMap<>();
    /** How many owner names lie at or below each name: a name with a count exists. */
    private final Map<Name, Integer> existing = new ConcurrentHashMap<>();
    private final Map<Name, ServiceRecords> headlessOwners = new ConcurrentHashMap<>();

    public ClusterZone(Name zone, long ttl) {
        this.zone = zone;
        this.ttl = ttl;
        this.svc = ServiceRecords.name("svc", zone);
        this.pod = ServiceRecords.name("pod", zone);
        Source self = new Source("Zone", "", zone.toString(), "");
        Name nameServer = ServiceRecords.name("ns.dns", zone);
        Name hostmaster = ServiceRecords.name("hostmaster", zone);
        this.soa = new SourcedRecord(new SOARecord(zone, DClass.IN, ttl, nameServer, hostmaster, 1, 7200, 1800, 86400, ttl), self);
        this.ns = new SourcedRecord(new NSRecord(zone, DClass.IN, ttl, nameServer), self);
        this.version = new SourcedRecord(new TXTRecord(ServiceRecords.name("dns-version", zone), DClass.IN, ttl, SCHEMA_VERSION), self);
    }

    public Name zone() {
        return zone;
    }

    public long ttl() {
        return ttl;
    }

    /** The zone's SOA record, for the authority section of NXDOMAIN and NODATA answers. */
    public Record soa() {
        return soa.record();
    }

    /** Sets the records of the Service {@code namespace/name}, replacing what it had. */
    public synchronized void put(String serviceKey, ServiceRecords records) {
        remove(serviceKey);
        services.put(serviceKey, records);
        addName(records.owner());
        if (records.headless()) {
            headlessOwners.put(records.owner(), records);
        }
        Map<Name, List<SourcedRecord>> grouped = new java.util.LinkedHashMap<>();
        for (SourcedRecord r : records.records()) {
            grouped.computeIfAbsent(r.record().getName(), n -> new ArrayList<>()).add(r);
        }
        grouped.forEach((name, list) -> {
            byName.merge(name, List.copyOf(list), (a, b) -> {
                List<SourcedRecord> both = new ArrayList<>(a);
                both.addAll(b);
                return List.copyOf(both);
            });
            if (name.subdomain(zone)) {
                addName(name);
            }
        });
    }

    /** Removes the records of the Service {@code namespace/name}. */
    public synchronized void remove(String serviceKey) {
        ServiceRecords old = services.remove(serviceKey);
        if (old == null) {
            return;
        }
        removeName(old.owner());
        headlessOwners.remove(old.owner(), old);
        java.util.Set<Name> names = new java.util.LinkedHashSet<>();
        old.records().forEach(r -> names.add(r.record().getName()));
        for (Name name : names) {
            byName.computeIfPresent(name, (n, list) -> {
                List<SourcedRecord> kept = list.stream().filter(r -> !old.records().contains(r)).toList();
                return kept.isEmpty() ? null : kept;
            });
            if (name.subdomain(zone)) {
                removeName(name);
            }
        }
    }

    /** How many Services the zone holds. */
    public int services() {
        return services.size();
    }

    /** How many records the zone holds. */
    public int records() {
        return byName.values().stream().mapToInt(List::size).sum();
    }

    /** Answers {@code type} questions for {@code name}. */
    public Answer lookup(Name name, int type) {
        if (name.subdomain(IPV4_REVERSE) || name.subdomain(IPV6_REVERSE)) {
            List<SourcedRecord> pointers = byName.getOrDefault(name, List.of()).stream()
                    .filter(r -> type == Type.ANY || r.record().getType() == type).toList();
            if (!pointers.isEmpty()) {
                return found(pointers, "from " + pointers.stream().map(r -> r.source().toString()).distinct().toList());
            }
            return new Answer(Rcode.REFUSED, List.of(), List.of(), name + " is outside the zone: no Service or endpoint"
                    + " of the cluster has this address");
        }
        if (!name.subdomain(zone)) {
            return new Answer(Rcode.REFUSED, List.of(), List.of(), name + " is outside the zone " + zone);
        }
        if (name.equals(zone)) {
            if (type == Type.SOA || type == Type.ANY) {
                return found(List.of(soa), "the zone's SOA");
            }
            if (type == Type.NS) {
                return found(List.of(ns), "the zone's name server");
            }
            return nodata("the zone apex holds only SOA and NS");
        }
        if (name.equals(version.record().getName())) {
            return type == Type.TXT || type == Type.ANY ? found(List.of(version), "the schema version of the Kubernetes DNS specification")
                    : nodata("dns-version holds only TXT");
        }
        Answer podAnswer = podName(name, type);
        if (podAnswer != null) {
            return podAnswer;
        }
        List<SourcedRecord> all = byName.getOrDefault(name, List.of());
        List<SourcedRecord> matching = all.stream()
                .filter(r -> type == Type.ANY || r.record().getType() == type || r.record().getType() == Type.CNAME).toList();
        if (!matching.isEmpty()) {
            return new Answer(Rcode.NOERROR, matching, additional(matching), "from " + matching.stream()
                    .map(r -> r.source().toString()).distinct().toList());
        }
        if (existing.containsKey(name)) {
            ServiceRecords headless = headlessOwners.get(name);
            if (headless != null && all.isEmpty()) {
                return nodata("headless Service " + name + " has no ready endpoint");
            }
            return nodata(all.isEmpty() ? name + " has names below it but no records of its own"
                    : name + " holds " + all.stream().map(r -> Type.string(r.record().getType())).distinct().toList()
                      + ", not " + Type.string(type));
        }
        return new Answer(Rcode.NXDOMAIN, List.of(), List.of(), missing(name));
    }

    private Answer found(List<SourcedRecord> records, String why) {
        return new Answer(Rcode.NOERROR, records, List.of(), why);
    }

    private static Answer nodata(String why) {
        return new Answer(Rcode.NOERROR, List.of(), List.of(), why);
    }

    /** {@code a-b-c-d.<ns>.pod.<zone>}: the address the name spells, in any namespace. */
    private Answer podName(Name name, int type) {
        if (!name.subdomain(pod) || name.labels() != pod.labels() + 2) {
            return null;
        }
        String label = name.getLabelString(0);
        String namespace = name.getLabelString(1);
        Source source = new Source("Pod name", namespace, label, "");
        try {
            boolean v4 = label.matches("\\d{1,3}(-\\d{1,3}){3}");
            InetAddress address = org.xbill.DNS.Address.getByAddress(v4 ? label.replace('-', '.') : label.replace('-', ':'));
            Record record = address instanceof java.net.Inet6Address
                    ? new AAAARecord(name, DClass.IN, ttl, address) : new ARecord(name, DClass.IN, ttl, address);
            if (type == record.getType() || type == Type.ANY) {
                return found(List.of(new SourcedRecord(record, source)), "the pod name spells the address " + address.getHostAddress());
            }
            return nodata("a pod name holds only " + Type.string(record.getType()));
        } catch (java.net.UnknownHostException | IllegalArgumentException e) {
            return new Answer(Rcode.NXDOMAIN, List.of(), List.of(), label + " is not an address written with dashes");
        }
    }

    private List<Record> additional(List<SourcedRecord> answers) {
        List<Record> extra = new ArrayList<>();
        for (SourcedRecord r : answers) {
            if (r.record() instanceof SRVRecord srv) {
                for (SourcedRecord target : byName.getOrDefault(srv.getTarget(), List.of())) {
                    int t = target.record().getType();
                    if ((t == Type.A || t == Type.AAAA) && !extra.contains(target.record())) {
                        extra.add(target.record());
                    }
                }
            }
        }
        return extra;
    }

    /** What an NXDOMAIN lacks, named in the terms of the specification. */
    private String missing(Name name) {
        if (name.subdomain(svc)) {
            int depth = name.labels() - svc.labels();
            String namespace = name.getLabelString(depth - 1);
            if (depth == 1) {
                return "no Service in namespace " + namespace;
            }
            String service = name.getLabelString(depth - 2);
            if (service.startsWith("_")) {
                return "no such port: SRV names are _<port>._<proto>.<service>.<namespace>.svc";
            }
            if (depth == 2) {
                return "no Service " + service + " in namespace " + namespace;
            }
            Name owner = ServiceRecords.name(service + "." + namespace + ".svc", zone);
            if (!existing.containsKey(owner)) {
                return "no Service " + service + " in namespace " + namespace;
            }
            if (depth == 3) {
                return "Service " + namespace + "/" + service + " has no endpoint with hostname " + name.getLabelString(0)
                       + (headlessOwners.containsKey(owner) ? "" : " (only headless Services have endpoint names)");
            }
        }
        return name + " is not a name the Kubernetes DNS specification defines under " + zone;
    }

    private void addName(Name name) {
        for (Name n = name; n.subdomain(zone) && !n.equals(zone); n = new Name(n, 1)) {
            existing.merge(n, 1, Integer::sum);
        }
    }

    private void removeName(Name name) {
        for (Name n = name; n.subdomain(zone) && !n.equals(zone); n = new Name(n, 1)) {
            existing.computeIfPresent(n, (k, c) -> c == 1 ? null : c - 1);
        }
    }
}
