package io.kubeplane.apiserver.printing;

import static io.kubeplane.apiserver.printing.PrintingFixtures.cells;
import static io.kubeplane.apiserver.printing.PrintingFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Cells of {@code kubectl get services -o wide}: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE SELECTOR.
 *
 * <p>ClusterIPs 10.96.0.0/12 and fd00:10:96::/112, nodes 192.168.49.0/24, LoadBalancer pool
 * 172.18.255.200-172.18.255.250. Every service was created at 11:55, five minutes before the request.
 */
class ServicePrinterTest {

    static Stream<Arguments> services() {
        return Stream.of(
                row("ClusterIP service with one port", """
                        spec:
                          type: ClusterIP
                          clusterIP: 10.96.0.10
                          clusterIPs: [10.96.0.10]
                          ports: [{port: 80, protocol: TCP, targetPort: 8080}]
                          selector: {app: web}
                        """, "ClusterIP", "10.96.0.10", "<none>", "80/TCP", "app=web"),
                row("NodePort service with two ports", """
                        spec:
                          type: NodePort
                          clusterIP: 10.96.12.7
                          clusterIPs: [10.96.12.7]
                          ports:
                          - {name: http, port: 80, protocol: TCP, targetPort: 8080, nodePort: 30080}
                          - {name: https, port: 443, protocol: TCP, targetPort: 8443, nodePort: 30443}
                          selector: {app: web}
                        """, "NodePort", "10.96.12.7", "<none>", "80:30080/TCP,443:30443/TCP", "app=web"),
                row("LoadBalancer without ingress", """
                        spec:
                          type: LoadBalancer
                          clusterIP: 10.96.40.2
                          clusterIPs: [10.96.40.2]
                          ports: [{port: 80, protocol: TCP, nodePort: 31234}]
                          selector: {app: web}
                        status:
                          loadBalancer: {}
                        """, "LoadBalancer", "10.96.40.2", "<pending>", "80:31234/TCP", "app=web"),
                row("LoadBalancer with two ingress IPs, sorted and not clipped", """
                        spec:
                          type: LoadBalancer
                          clusterIP: 10.96.40.2
                          clusterIPs: [10.96.40.2]
                          ports: [{port: 80, protocol: TCP, nodePort: 31234}]
                          selector: {app: web}
                        status:
                          loadBalancer:
                            ingress: [{ip: 172.18.255.201, ipMode: VIP}, {ip: 172.18.255.200, ipMode: VIP}]
                        """, "LoadBalancer", "10.96.40.2", "172.18.255.200,172.18.255.201", "80:31234/TCP", "app=web"),
                row("LoadBalancer with a hostname ingress", """
                        spec:
                          type: LoadBalancer
                          clusterIP: 10.96.40.3
                          ports: [{port: 443, protocol: TCP, nodePort: 32443}]
                        status:
                          loadBalancer:
                            ingress: [{hostname: lb.example.com}]
                        """, "LoadBalancer", "10.96.40.3", "lb.example.com", "443:32443/TCP", "<none>"),
                row("LoadBalancer with ingress and external IPs", """
                        spec:
                          type: LoadBalancer
                          clusterIP: 10.96.40.4
                          externalIPs: [192.168.49.100]
                          ports: [{port: 80, protocol: TCP, nodePort: 31000}]
                        status:
                          loadBalancer:
                            ingress: [{ip: 172.18.255.202}]
                        """, "LoadBalancer", "10.96.40.4", "172.18.255.202,192.168.49.100", "80:31000/TCP", "<none>"),
                row("LoadBalancer pending but with external IPs", """
                        spec:
                          type: LoadBalancer
                          clusterIP: 10.96.40.5
                          externalIPs: [192.168.49.100]
                          ports: [{port: 80, protocol: TCP, nodePort: 31001}]
                        """, "LoadBalancer", "10.96.40.5", "192.168.49.100", "80:31001/TCP", "<none>"),
                row("ClusterIP service with external IPs", """
                        spec:
                          type: ClusterIP
                          clusterIP: 10.96.0.20
                          externalIPs: [192.168.49.100, 192.168.49.101]
                          ports: [{port: 80, protocol: TCP}]
                        """, "ClusterIP", "10.96.0.20", "192.168.49.100,192.168.49.101", "80/TCP", "<none>"),
                row("headless", """
                        spec:
                          type: ClusterIP
                          clusterIP: None
                          clusterIPs: [None]
                          ports: [{name: postgres, port: 5432, protocol: TCP}]
                          selector: {app: db}
                        """, "ClusterIP", "None", "<none>", "5432/TCP", "app=db"),
                row("headless without ports", """
                        spec:
                          type: ClusterIP
                          clusterIP: None
                          clusterIPs: [None]
                          selector: {app: db}
                        """, "ClusterIP", "None", "<none>", "<none>", "app=db"),
                row("ExternalName", """
                        spec:
                          type: ExternalName
                          externalName: db.example.com
                        """, "ExternalName", "<none>", "db.example.com", "<none>", "<none>"),
                row("ExternalName with a port", """
                        spec:
                          type: ExternalName
                          externalName: db.example.com
                          ports: [{port: 5432, protocol: TCP}]
                        """, "ExternalName", "<none>", "db.example.com", "5432/TCP", "<none>"),
                row("DNS on UDP and TCP", """
                        spec:
                          type: ClusterIP
                          clusterIP: 10.96.0.10
                          clusterIPs: [10.96.0.10]
                          ports:
                          - {name: dns, port: 53, protocol: UDP, targetPort: 53}
                          - {name: dns-tcp, port: 53, protocol: TCP, targetPort: 53}
                          - {name: metrics, port: 9153, protocol: TCP, targetPort: 9153}
                          selector: {k8s-app: kube-dns}
                        """, "ClusterIP", "10.96.0.10", "<none>", "53/UDP,53/TCP,9153/TCP", "k8s-app=kube-dns"),
                row("selector labels sorted by key", """
                        spec:
                          clusterIP: 10.96.0.30
                          ports: [{port: 80, protocol: TCP}]
                          selector: {tier: frontend, app: web}
                        """, "ClusterIP", "10.96.0.30", "<none>", "80/TCP", "app=web,tier=frontend"),
                row("type and protocol left to their defaults", """
                        spec:
                          clusterIP: 10.96.0.31
                          ports: [{port: 80}]
                        """, "ClusterIP", "10.96.0.31", "<none>", "80/TCP", "<none>"),
                row("dual-stack service shows its first ClusterIP", """
                        spec:
                          type: ClusterIP
                          clusterIP: 10.96.0.32
                          clusterIPs: [10.96.0.32, "fd00:10:96::20"]
                          ipFamilies: [IPv4, IPv6]
                          ports: [{port: 80, protocol: TCP}]
                        """, "ClusterIP", "10.96.0.32", "<none>", "80/TCP", "<none>"),
                row("SCTP NodePort", """
                        spec:
                          type: NodePort
                          clusterIP: 10.96.0.33
                          ports: [{port: 9999, protocol: SCTP, nodePort: 30999}]
                        """, "NodePort", "10.96.0.33", "<none>", "9999:30999/SCTP", "<none>"));
    }

    @ParameterizedTest
    @MethodSource("services")
    void printsTheColumnsKubectlShows(JsonNode service, List<Object> expected) {
        assertThat(cells(new ServicePrinter(), service)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void serviceWithoutCreationTimestampHasUnknownAge() {
        JsonNode service = yaml("""
                metadata: {name: web, namespace: default}
                spec: {clusterIP: 10.96.0.40, ports: [{port: 80}]}
                """);
        assertThat(cells(new ServicePrinter(), service).get(5)).isEqualTo("<unknown>");
    }

    private static Arguments row(String situation, String body, String type, String clusterIP, String externalIP,
            String ports, String selector) {
        JsonNode service = yaml("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: default, creationTimestamp: "2025-03-01T11:55:00Z"}
                """ + body);
        return Arguments.of(Named.of(situation, service),
                List.of("web", type, clusterIP, externalIP, ports, "5m", selector));
    }
}
