package io.kubeplane.apiserver.http;

import io.kubeplane.apiserver.config.ApiServerProperties;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * kube-apiserver's health endpoints: {@code /livez} and {@code /healthz} (the process serves), and
 * {@code /readyz}, which is 200 only when every readiness check passes (the store answers, the watch
 * cache has caught up, and — in the local cluster — every other component is ready). With
 * {@code ?verbose} each check is listed as {@code [+]name ok} or {@code [-]name failed}.
 */
@RestController
public class HealthController {

    private final List<ReadinessCheck> checks;

    public HealthController(List<ReadinessCheck> own, ApiServerProperties properties) {
        List<ReadinessCheck> all = new ArrayList<>(own);
        properties.readinessUrls().forEach(url -> all.add(new ComponentReadiness(url)));
        this.checks = List.copyOf(all);
    }

    @GetMapping({"/livez", "/healthz"})
    public ResponseEntity<String> live() {
        return text(200, "ok");
    }

    @GetMapping("/readyz")
    public ResponseEntity<String> ready(@RequestParam(required = false) String verbose) {
        List<String> lines = new ArrayList<>();
        boolean ready = true;
        for (ReadinessCheck check : checks) {
            boolean ok;
            try {
                ok = check.ready();
            } catch (RuntimeException e) {
                ok = false;
            }
            ready &= ok;
            lines.add((ok ? "[+]" : "[-]") + check.name() + (ok ? " ok" : " failed"));
        }
        if (ready && verbose == null) {
            return text(200, "ok");
        }
        lines.add(ready ? "readyz check passed" : "readyz check failed");
        return text(ready ? 200 : 500, String.join("\n", lines) + "\n");
    }

    private static ResponseEntity<String> text(int status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(body);
    }
}
