package io.kubeplane.controller;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports what a controller did, or could not do, as core/v1 Events on the object concerned, so
 * {@code kubectl describe} and {@code kubectl get events} show it, the way client-go's recorder
 * does: the same event repeated within ten minutes bumps the {@code count} and
 * {@code lastTimestamp} of the first instead of piling up new ones. Events of cluster-scoped
 * objects (Nodes) go to the {@code default} namespace. As client-go's spam filter, an object gets
 * at most 25 events of one type and reason at once, then one per five minutes. Recording is best
 * effort: a failure is logged, never thrown into the reconcile. Thread-safe.
 */
public final class EventRecorder {

    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);
    private static final Duration AGGREGATION_WINDOW = Duration.ofMinutes(10);
    private static final int REMEMBERED = 4096;

    private record Recorded(String namespace, String name, int count, Instant first) {
    }

    private final KubernetesClient client;
    private final String component;
    private final String instance;
    private final Clock clock;
    private final EventSpamFilter spamFilter = new EventSpamFilter();
    private final Map<String, Recorded> recent = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Recorded> eldest) {
            return size() > REMEMBERED;
        }
    };

    /**
     * @param component the reporting component, e.g. {@code ipam-service}
     * @param instance  this replica, e.g. its host name
     */
    public EventRecorder(KubernetesClient client, String component, String instance, Clock clock) {
        this.client = client;
        this.component = component;
        this.instance = instance;
        this.clock = clock;
    }

    /** This host's name, the usual reporting instance; {@code fallback} when it has none. */
    public static String localInstance(String fallback) {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return fallback;
        }
    }

    public void normal(HasMetadata object, String reason, String message) {
        record(object, NORMAL, reason, message);
    }

    public void warning(HasMetadata object, String reason, String message) {
        record(object, WARNING, reason, message);
    }

    private void record(HasMetadata object, String type, String reason, String message) {
        String namespace = eventNamespace(object);
        if (!spamFilter.allow(object.getMetadata().getUid() + "\u0000" + type + "\u0000" + reason, clock.instant())) {
            log.debug("Dropped event {} on {} {}/{}: more than {} of them lately", reason, object.getKind(), namespace,
                    object.getMetadata().getName(), EventSpamFilter.BURST);
            return;
        }
        String key = object.getMetadata().getUid() + "\u0000" + type + "\u0000" + reason + "\u0000" + message;
        Instant now = clock.instant();
        Recorded earlier;
        synchronized (recent) {
            earlier = recent.get(key);
        }
        try {
            Recorded written = null;
            if (earlier != null && earlier.first().plus(AGGREGATION_WINDOW).isAfter(now)) {
                written = repeat(earlier, now);
            }
            if (written == null) {
                written = create(object, namespace, type, reason, message, now);
            }
            synchronized (recent) {
                recent.put(key, written);
            }
        } catch (KubernetesClientException e) {
            log.warn("Could not record event {} on {} {}/{}: {}", reason, object.getKind(), namespace,
                    object.getMetadata().getName(), e.getMessage());
        }
    }

    private Recorded create(HasMetadata object, String namespace, String type, String reason, String message, Instant now) {
        String timestamp = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        Event event = new EventBuilder()
                .withNewMetadata()
                    .withNamespace(namespace)
                    .withName(object.getMetadata().getName() + "." + Long.toHexString(now.getEpochSecond() * 1_000_000_000L + now.getNano()))
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(object.getApiVersion())
                        .withKind(object.getKind())
                        .withNamespace(object.getMetadata().getNamespace())
                        .withName(object.getMetadata().getName())
                        .withUid(object.getMetadata().getUid())
                        .withResourceVersion(object.getMetadata().getResourceVersion())
                        .build())
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withNewSource().withComponent(component).endSource()
                .withReportingComponent(component)
                .withReportingInstance(instance)
                .withFirstTimestamp(timestamp)
                .withLastTimestamp(timestamp)
                .withCount(1)
                .build();
        Event created = client.v1().events().inNamespace(namespace).resource(event).create();
        return new Recorded(namespace, created.getMetadata().getName(), 1, now);
    }

    /** Bumps the earlier event; null when it is gone (deleted, expired) and a new one is due. */
    private @Nullable Recorded repeat(Recorded earlier, Instant now) {
        int count = earlier.count() + 1;
        String timestamp = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        try {
            client.v1().events().inNamespace(earlier.namespace()).withName(earlier.name())
                    .patch(PatchContext.of(PatchType.JSON_MERGE),
                            "{\"count\":" + count + ",\"lastTimestamp\":\"" + timestamp + "\"}");
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return null;
            }
            throw e;
        }
        return new Recorded(earlier.namespace(), earlier.name(), count, earlier.first());
    }

    /** Where an event about {@code object} lives. Pure. */
    static String eventNamespace(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return namespace == null || namespace.isEmpty() ? "default" : namespace;
    }
}
