package io.kubeplane.proxy.http;

import io.kubeplane.proxy.config.ProxyProperties;
import io.kubeplane.proxy.desired.ProxyState;
import io.kubeplane.proxy.rules.IpFamily;
import io.kubeplane.proxy.rules.IptablesRules;
import io.kubeplane.proxy.rules.IpvsRules;
import io.kubeplane.proxy.rules.NftablesRules;
import io.kubeplane.proxy.rules.PacketTrace;
import io.kubeplane.proxy.rules.RuleOptions;
import io.kubeplane.proxy.sync.ProxySyncer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The rules this node programs (or, in another mode, would program), in the form the kernel's own
 * tools print them, and the path of a packet through them. Rendered from the state last applied,
 * whatever the mode.
 */
@RestController
@Tag(name = "Proxy", description = "This node's service proxy: the state it programs")
public class RulesController {

    private final ObjectProvider<ProxySyncer> syncer;
    private final ObjectProvider<ProxyProperties> properties;

    public RulesController(ObjectProvider<ProxySyncer> syncer, ObjectProvider<ProxyProperties> properties) {
        this.syncer = syncer;
        this.properties = properties;
    }

    @GetMapping(path = "/rules", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "The proxy rules kube-proxy would program here, as iptables-save, nft list ruleset or ipvsadm -Sn show them")
    public String rules(@Parameter(description = "iptables (default), nftables or ipvs")
                        @RequestParam(defaultValue = "iptables") String format) {
        ProxyState state = running().current();
        ProxyProperties proxy = properties.getIfAvailable();
        RuleOptions options = proxy == null ? RuleOptions.DEFAULTS : proxy.ruleOptions();
        return switch (format) {
            case "iptables" -> new IptablesRules(IpFamily.V4, options).save(state);
            case "nftables" -> new NftablesRules(options).listRuleset(state);
            case "ipvs" -> new IpvsRules(proxy == null ? "rr" : proxy.ipvsScheduler()).render(state);
            default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "format must be iptables, nftables or ipvs, was " + format);
        };
    }

    @GetMapping("/agent/v1/trace")
    @Operation(summary = "What happens on this node to a packet from a client to an address and port")
    public PacketTrace trace(@Parameter(description = "e.g. a ClusterIP, or this node's IP for a NodePort")
                             @RequestParam String destination,
                             @RequestParam int port,
                             @RequestParam(defaultValue = "TCP") String protocol,
                             @Parameter(description = "the source address") @RequestParam(defaultValue = "10.244.0.2") String client) {
        if (!protocol.equalsIgnoreCase("TCP") && !protocol.equalsIgnoreCase("UDP") && !protocol.equalsIgnoreCase("SCTP")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "protocol must be TCP, UDP or SCTP, was " + protocol);
        }
        return PacketTrace.of(running().current(), client, destination, port, protocol);
    }

    private ProxySyncer running() {
        ProxySyncer running = syncer.getIfAvailable();
        if (running == null) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "the service proxy is off: kubeplane.agent.node-name is not set");
        }
        return running;
    }
}
