package io.kubeplane.proxy.rules;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.SequencedSet;

/**
 * Reads {@code iptables-save} output, whose lines are:
 *
 * <pre>
 * # comment                  ignored
 * *nat                       a table starts
 * :KUBE-SERVICES - [0:0]     a chain
 * -A KUBE-SERVICES ...       a rule
 * COMMIT                     the table ends
 * </pre>
 *
 * Pure and thread-safe.
 */
final class SavedRules {

    private SavedRules() {
    }

    /** Table name to the chains it declares, in order. */
    static Map<String, SequencedSet<String>> chains(String saved) {
        Map<String, SequencedSet<String>> chains = new LinkedHashMap<>();
        SequencedSet<String> current = null;
        for (String line : saved.lines().toList()) {
            if (line.startsWith("*")) {
                current = chains.computeIfAbsent(line.substring(1).strip(), t -> new LinkedHashSet<>());
            } else if (line.startsWith(":") && current != null) {
                int end = line.indexOf(' ');
                current.add(end < 0 ? line.substring(1) : line.substring(1, end));
            }
        }
        return chains;
    }

    /** Whether {@code table} of {@code saved} holds the rule line exactly. */
    static boolean hasRule(String saved, String table, String rule) {
        boolean inTable = false;
        for (String line : saved.lines().toList()) {
            if (line.startsWith("*")) {
                inTable = line.substring(1).strip().equals(table);
            } else if (inTable && line.strip().equals(rule)) {
                return true;
            }
        }
        return false;
    }
}
