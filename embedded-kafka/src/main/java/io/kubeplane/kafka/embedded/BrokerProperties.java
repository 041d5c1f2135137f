package io.kubeplane.kafka.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The broker configuration of a single node in KRaft combined mode (broker and controller in one
 * process), with every replicated internal topic cut down to one replica.
 *
 * <p>Pure: builds properties, no I/O. Called by {@link EmbeddedKafkaBroker} on each start.
 */
final class BrokerProperties {

    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final String CLIENT_LISTENER = "PLAINTEXT";

    private BrokerProperties() {
    }

    static Properties render(Path logDir, String host, int port, int controllerPort, Map<String, String> overrides) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        // A static one-voter quorum: no dynamic-quorum bootstrap snapshot to write, and the node
        // elects itself as soon as it starts.
        p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listeners", CLIENT_LISTENER + "://" + host + ":" + port + "," + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        p.put("advertised.listeners", CLIENT_LISTENER + "://" + host + ":" + port);
        p.put("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", CLIENT_LISTENER);
        p.put("log.dirs", logDir.toString());
        p.put("metadata.log.dir", logDir.toString());

        // One node: every internal topic has one replica and needs one in sync.
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // Internal topics default to 50 partitions each; on one node a few are plenty and are
        // created much faster the first time a group or a transaction uses them.
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.num.partitions", "4");
        p.put("num.partitions", "1");
        // Nobody else joins a group on a single node worth waiting for.
        p.put("group.initial.rebalance.delay.ms", "0");
        // kubeplane topics are tables and must be created compacted (TopicNames.topicConfig());
        // an auto-created topic would silently be a delete-policy log.
        p.put("auto.create.topics.enable", "false");
        // The cleaner's dedupe buffer is allocated up front (128 MiB by default); 16 MiB still
        // compacts about 700,000 distinct keys per pass.
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        // Faster broker registration and unfencing on start.
        p.put("broker.heartbeat.interval.ms", "500");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");

        p.putAll(overrides);
        return p;
    }
}
