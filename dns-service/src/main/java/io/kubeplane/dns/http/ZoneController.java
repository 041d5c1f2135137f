package io.kubeplane.dns.http;

import io.kubeplane.dns.config.DnsConfiguration;
import io.kubeplane.dns.server.DnsServer;
import io.kubeplane.dns.zone.Answer;
import io.kubeplane.dns.zone.ClusterZone;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** What dns-service believes: its state, and for a name and type the answer with where each record came from. */
@RestController
@RequestMapping("/dns/v1")
@Tag(name = "Zone", description = "The cluster zone dns-service answers from")
public class ZoneController {

    private final ClusterZone zone;
    private final DnsConfiguration.Informers informers;
    private final DnsServer server;

    public ZoneController(ClusterZone zone, DnsConfiguration.Informers informers, DnsServer server) {
        this.zone = zone;
        this.informers = informers;
        this.server = server;
    }

    /**
     * @param zone     the cluster domain
     * @param port     the DNS port (UDP and TCP)
     * @param synced   whether the informers have synced (before, every query gets SERVFAIL)
     * @param services Services in the zone
     * @param records  records in the zone
     */
    public record State(String zone, int port, boolean synced, int services, int records) {
    }

    /** One record: what dig would print, and the object it came from. */
    public record RecordView(String record, String source) {
    }

    /**
     * @param rcode       NOERROR, NXDOMAIN or REFUSED
     * @param answers     the records, each with its source
     * @param additional  the additional section
     * @param explanation why this answer: what answered, or what is missing
     */
    public record Explanation(String name, String type, String rcode, List<RecordView> answers, List<String> additional,
                              String explanation) {
    }

    @GetMapping("/state")
    @Operation(summary = "The zone, the DNS port, whether the informers have synced, and the zone's size")
    public State state() {
        return new State(zone.zone().toString(), server.port(), informers.synced(), zone.services(), zone.records());
    }

    @GetMapping("/explain")
    @Operation(summary = "Why this answer: the records for a name and type, each with the object it came from, "
                         + "or what is missing for NXDOMAIN and NODATA",
            description = "Example: /dns/v1/explain?name=web.default.svc.cluster.local&type=A")
    public Explanation explain(@RequestParam String name, @RequestParam(defaultValue = "A") String type) {
        Name qname;
        try {
            qname = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a DNS name: " + name);
        }
        int qtype = Type.value(type.toUpperCase(java.util.Locale.ROOT));
        if (qtype < 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown record type " + type);
        }
        Answer answer = zone.lookup(qname, qtype);
        return new Explanation(qname.toString(), Type.string(qtype), Rcode.string(answer.rcode()),
                answer.answers().stream().map(r -> new RecordView(r.record().toString(), r.source().toString())).toList(),
                answer.additional().stream().map(Object::toString).toList(),
                answer.rcode() == Rcode.NOERROR && answer.answers().isEmpty() ? "NODATA: " + answer.explanation()
                        : answer.explanation());
    }
}
