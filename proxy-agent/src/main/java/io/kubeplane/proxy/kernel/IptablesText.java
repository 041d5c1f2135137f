package io.kubeplane.proxy.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.Set;

/**
 * Reads and extends {@code iptables-save}/{@code iptables-restore} text. The shapes it reads:
 *
 * <pre>
 * # comment                     ignored
 * *nat                          a table starts
 * :KUBE-SERVICES - [0:0]        a chain (with --noflush: created, or flushed if it exists)
 * :PREROUTING ACCEPT [0:0]      a built-in chain, with its policy
 * -A KUBE-SERVICES ...          a rule
 * -X KUBE-SVC-ABCD              a chain deleted
 * COMMIT                        the table ends
 * </pre>
 *
 * Pure and thread-safe.
 */
final class IptablesText {

    /**
     * The per-service chains kube-proxy owns and deletes when no service needs them any more. Fixed
     * chains (KUBE-SERVICES, KUBE-MARK-MASQ, ...) are not here: every full text declares them.
     */
    static final List<String> SERVICE_CHAIN_PREFIXES = List.of("KUBE-SVC-", "KUBE-SVL-", "KUBE-EXT-", "KUBE-FW-",
            "KUBE-SEP-", "KUBE-XLB-");

    private IptablesText() {
    }

    /** The chains each table of {@code text} declares or holds, in order: table name to chain names. */
    static Map<String, SequencedSet<String>> chains(String text) {
        Map<String, SequencedSet<String>> chains = new LinkedHashMap<>();
        String table = null;
        for (String line : text.lines().toList()) {
            if (line.startsWith("*")) {
                table = line.substring(1).strip();
                chains.computeIfAbsent(table, t -> new LinkedHashSet<>());
            } else if (line.startsWith(":") && table != null) {
                int end = line.indexOf(' ');
                chains.get(table).add(end < 0 ? line.substring(1) : line.substring(1, end));
            }
        }
        return chains;
    }

    static boolean serviceChain(String chain) {
        return SERVICE_CHAIN_PREFIXES.stream().anyMatch(chain::startsWith);
    }

    /**
     * {@code full} plus the deletion of every per-service chain {@code existing} (an
     * {@code iptables-save} dump) holds that {@code full} no longer declares: kube-proxy's stale
     * chains. Each is declared (so flushed, dropping its jumps to other stale chains) and then
     * deleted, before its table's COMMIT, so the deletion happens in the same transaction.
     */
    static String withStaleChainsDeleted(String full, String existing) {
        Map<String, SequencedSet<String>> wanted = chains(full);
        Map<String, SequencedSet<String>> present = chains(existing);
        StringBuilder out = new StringBuilder(full.length() + 1024);
        String table = null;
        for (String line : full.lines().toList()) {
            if (line.startsWith("*")) {
                table = line.substring(1).strip();
            } else if (line.equals("COMMIT") && table != null) {
                List<String> stale = stale(present.getOrDefault(table, new LinkedHashSet<>()), wanted.get(table));
                stale.forEach(chain -> out.append(':').append(chain).append(" - [0:0]\n"));
                stale.forEach(chain -> out.append("-X ").append(chain).append('\n'));
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    private static List<String> stale(Set<String> present, Set<String> wanted) {
        List<String> stale = new ArrayList<>();
        for (String chain : present) {
            if (serviceChain(chain) && !wanted.contains(chain)) {
                stale.add(chain);
            }
        }
        return stale;
    }

    /**
     * A restore text that flushes and deletes every per-service chain in {@code existing} and the
     * {@code fixed} chains of each table that exist: what is left of kube-proxy after its jumps
     * from the built-in chains are gone. Empty when nothing is left.
     */
    static String deleteChains(String existing, Map<String, Set<String>> fixed) {
        StringBuilder out = new StringBuilder();
        for (var table : chains(existing).entrySet()) {
            Set<String> own = fixed.getOrDefault(table.getKey(), Set.of());
            List<String> doomed = table.getValue().stream().filter(c -> serviceChain(c) || own.contains(c)).toList();
            if (doomed.isEmpty()) {
                continue;
            }
            out.append('*').append(table.getKey()).append('\n');
            doomed.forEach(chain -> out.append(':').append(chain).append(" - [0:0]\n"));
            doomed.forEach(chain -> out.append("-X ").append(chain).append('\n'));
            out.append("COMMIT\n");
        }
        return out.toString();
    }
}
