package io.kubeplane.apiserver.protobuf;

import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.HashMap;
import java.util.Map;

/**
 * What the Go struct behind each Kubernetes protobuf field looks like, as far as Go's
 * {@code encoding/json} cares: whether the field is a pointer, whether its tag says
 * {@code omitempty}, whether it is a struct value or is inlined ({@code json:",inline"}).
 * The protobuf descriptors cannot tell: every Kubernetes proto2 field is {@code optional}, and
 * Go writes non-pointer fields to protobuf even when they are zero.
 *
 * <p>A field absent from {@link #TABLE} has the commonest shape for its protobuf type:
 * <ul>
 *   <li>a scalar (string, bool, number, bytes): a non-pointer value with {@code omitempty};
 *   <li>a message: a pointer to a struct with {@code omitempty};
 *   <li>a repeated field or map: a slice or map with {@code omitempty}.
 * </ul>
 * Every other field is listed with a mark after its name:
 * <pre>
 *   name*   a pointer to a scalar ({@code *int32}, {@code *bool}, {@code *string}): a zero value
 *           that was sent is kept ({@code replicas: 0}, {@code allocateLoadBalancerNodePorts: false})
 *   name!   no {@code omitempty}: written even when zero; {@code null} for a nil slice, map,
 *           pointer or byte slice
 *   name=   a struct value ({@code metav1.ObjectMeta}, {@code intstr.IntOrString}, {@code
 *           metav1.Time}): always written, the zero struct when absent
 *   name*!  a pointer to a scalar without {@code omitempty}: {@code null} when absent
 *   name^   an inlined struct ({@code VolumeSource} in {@code Volume}): its fields are written
 *           into the enclosing object
 * </pre>
 *
 * <p>The table was derived from the struct tags of {@code k8s.io/api} (core/v1, apps/v1,
 * autoscaling/v1) and {@code k8s.io/apimachinery} (meta/v1) v0.32, matched to the descriptors of
 * {@code client-java-proto} 24 by field number; {@code GoStructTagsTest} checks that every entry
 * still names a field of the right shape. Messages of other groups fall back to the defaults.
 *
 * <p>Immutable and thread-safe; used by {@link GoJsonRenderer}.
 */
final class GoStructTags {

    /** One field's Go shape. */
    record GoField(boolean pointer, boolean omitEmpty, boolean valueStruct, boolean inline) {

        static final GoField DEFAULT_SCALAR = new GoField(false, true, false, false);
        static final GoField DEFAULT_MESSAGE = new GoField(true, true, false, false);
        static final GoField DEFAULT_REPEATED = new GoField(false, true, false, false);
    }

    // One line per message: "Message field<mark> field<mark> ...", continued on indented lines,
    // under "package <protobuf package>" headers.
    private static final String TABLE = """
            package k8s.io.api.apps.v1
            ControllerRevision metadata= data= revision!
            ControllerRevisionList metadata= items!
            DaemonSet metadata= spec= status=
            DaemonSetCondition type! status! lastTransitionTime=
            DaemonSetList metadata= items!
            DaemonSetSpec selector! template= updateStrategy= revisionHistoryLimit*
            DaemonSetStatus currentNumberScheduled! numberMisscheduled! desiredNumberScheduled!
                numberReady! collisionCount*
            Deployment metadata= spec= status=
            DeploymentCondition type! status! lastUpdateTime= lastTransitionTime=
            DeploymentList metadata= items!
            DeploymentSpec replicas* selector! template= strategy= revisionHistoryLimit*
                progressDeadlineSeconds*
            DeploymentStatus collisionCount*
            ReplicaSet metadata= spec= status=
            ReplicaSetCondition type! status! lastTransitionTime=
            ReplicaSetList metadata= items!
            ReplicaSetSpec replicas* selector! template=
            ReplicaSetStatus replicas!
            RollingUpdateStatefulSetStrategy partition*
            StatefulSet metadata= spec= status=
            StatefulSetCondition type! status! lastTransitionTime=
            StatefulSetList metadata= items!
            StatefulSetOrdinals start!
            StatefulSetSpec replicas* selector! template= serviceName! updateStrategy=
                revisionHistoryLimit*
            StatefulSetStatus replicas! collisionCount* availableReplicas!
            package k8s.io.api.autoscaling.v1
            ContainerResourceMetricSource name! targetAverageUtilization* container!
            ContainerResourceMetricStatus name! currentAverageUtilization* currentAverageValue=
                container!
            CrossVersionObjectReference kind! name!
            ExternalMetricSource metricName!
            ExternalMetricStatus metricName! currentValue=
            HorizontalPodAutoscaler metadata= spec= status=
            HorizontalPodAutoscalerCondition type! status! lastTransitionTime=
            HorizontalPodAutoscalerList metadata= items!
            HorizontalPodAutoscalerSpec scaleTargetRef= minReplicas* maxReplicas!
                targetCPUUtilizationPercentage*
            HorizontalPodAutoscalerStatus observedGeneration* currentReplicas! desiredReplicas!
                currentCPUUtilizationPercentage*
            MetricSpec type!
            MetricStatus type!
            ObjectMetricSource target= metricName! targetValue=
            ObjectMetricStatus target= metricName! currentValue=
            PodsMetricSource metricName! targetAverageValue=
            PodsMetricStatus metricName! currentAverageValue=
            ResourceMetricSource name! targetAverageUtilization*
            ResourceMetricStatus name! currentAverageUtilization* currentAverageValue=
            Scale metadata= spec= status=
            ScaleStatus replicas!
            package k8s.io.api.core.v1
            AWSElasticBlockStoreVolumeSource volumeID!
            AppArmorProfile type! localhostProfile*
            AttachedVolume name! devicePath!
            AzureDiskVolumeSource diskName! diskURI! cachingMode* fsType* readOnly* kind*
            AzureFilePersistentVolumeSource secretName! shareName! secretNamespace*!
            AzureFileVolumeSource secretName! shareName!
            Binding metadata= target=
            CSIPersistentVolumeSource driver! volumeHandle!
            CSIVolumeSource driver! readOnly* fsType*
            CephFSPersistentVolumeSource monitors!
            CephFSVolumeSource monitors!
            CinderPersistentVolumeSource volumeID!
            CinderVolumeSource volumeID!
            ClientIPConfig timeoutSeconds*
            ClusterTrustBundleProjection name* signerName* optional* path!
            ComponentCondition type! status!
            ComponentStatus metadata=
            ComponentStatusList metadata= items!
            ConfigMap metadata= immutable*
            ConfigMapEnvSource localObjectReference^ optional*
            ConfigMapKeySelector localObjectReference^ key! optional*
            ConfigMapList metadata= items!
            ConfigMapNodeConfigSource namespace! name! kubeletConfigKey!
            ConfigMapProjection localObjectReference^ optional*
            ConfigMapVolumeSource localObjectReference^ defaultMode* optional*
            Container name! resources= restartPolicy*
            ContainerImage names!
            ContainerPort containerPort!
            ContainerResizePolicy resourceName! restartPolicy!
            ContainerStateRunning startedAt=
            ContainerStateTerminated exitCode! startedAt= finishedAt=
            ContainerStatus name! state= lastState= ready! restartCount! image! imageID!
                started*
            DaemonEndpoint Port!
            DownwardAPIVolumeFile path! mode*
            DownwardAPIVolumeSource defaultMode*
            EndpointAddress ip! nodeName*
            EndpointPort port! appProtocol*
            Endpoints metadata=
            EndpointsList metadata= items!
            EnvVar name!
            EphemeralContainer ephemeralContainerCommon^
            EphemeralContainerCommon name! resources= restartPolicy*
            Event metadata= involvedObject= source= firstTimestamp= lastTimestamp= eventTime=
                reportingComponent! reportingInstance!
            EventList metadata= items!
            EventSeries lastObservedTime=
            FCVolumeSource lun*
            FlexPersistentVolumeSource driver!
            FlexVolumeSource driver!
            GCEPersistentDiskVolumeSource pdName!
            GRPCAction port! service*!
            GitRepoVolumeSource repository!
            GlusterfsPersistentVolumeSource endpoints! path! endpointsNamespace*
            GlusterfsVolumeSource endpoints! path!
            HTTPGetAction port=
            HTTPHeader name! value!
            HostAlias ip!
            HostIP ip!
            HostPathVolumeSource path! type*
            ISCSIPersistentVolumeSource targetPortal! iqn! lun! initiatorName*
            ISCSIVolumeSource targetPortal! iqn! lun! initiatorName*
            KeyToPath key! path! mode*
            LimitRange metadata= spec=
            LimitRangeItem type!
            LimitRangeList metadata= items!
            LimitRangeSpec limits!
            LoadBalancerIngress ipMode*
            LocalVolumeSource path! fsType*
            ModifyVolumeStatus status!
            NFSVolumeSource server! path!
            Namespace metadata= spec= status=
            NamespaceCondition type! status! lastTransitionTime=
            NamespaceList metadata= items!
            Node metadata= spec= status=
            NodeAddress type! address!
            NodeCondition type! status! lastHeartbeatTime= lastTransitionTime=
            NodeDaemonEndpoints kubeletEndpoint=
            NodeList metadata= items!
            NodeRuntimeHandler name!
            NodeRuntimeHandlerFeatures recursiveReadOnlyMounts*
            NodeSelector nodeSelectorTerms!
            NodeSelectorRequirement key! operator!
            NodeStatus daemonEndpoints= nodeInfo=
            NodeSystemInfo machineID! systemUUID! bootID! kernelVersion! osImage!
                containerRuntimeVersion! kubeletVersion! kubeProxyVersion! operatingSystem!
                architecture!
            ObjectFieldSelector fieldPath!
            PersistentVolume metadata= spec= status=
            PersistentVolumeClaim metadata= spec= status=
            PersistentVolumeClaimCondition type! status! lastProbeTime= lastTransitionTime=
            PersistentVolumeClaimList metadata= items!
            PersistentVolumeClaimSpec resources= storageClassName* volumeMode*
                volumeAttributesClassName*
            PersistentVolumeClaimStatus currentVolumeAttributesClassName*
            PersistentVolumeClaimTemplate metadata= spec=
            PersistentVolumeClaimVolumeSource claimName!
            PersistentVolumeList metadata= items!
            PersistentVolumeSpec persistentVolumeSource^ volumeMode* volumeAttributesClassName*
            PhotonPersistentDiskVolumeSource pdID!
            Pod metadata= spec= status=
            PodAffinityTerm topologyKey!
            PodCondition type! status! lastProbeTime= lastTransitionTime=
            PodDNSConfigOption value*
            PodExecOptions command!
            PodIP ip!
            PodList metadata= items!
            PodLogOptions sinceSeconds* tailLines* limitBytes*
            PodOS name!
            PodReadinessGate conditionType!
            PodResourceClaim name!
            PodResourceClaimStatus name! resourceClaimName*
            PodSchedulingGate name!
            PodSecurityContext runAsUser* runAsGroup* runAsNonRoot* fsGroup*
                fsGroupChangePolicy*
            PodSpec containers! terminationGracePeriodSeconds* activeDeadlineSeconds*
                automountServiceAccountToken* shareProcessNamespace* priority* runtimeClassName*
                enableServiceLinks* preemptionPolicy* setHostnameAsFQDN* hostUsers*
            PodStatusResult metadata= status=
            PodTemplate metadata= template=
            PodTemplateList metadata= items!
            PodTemplateSpec metadata= spec=
            PortStatus port! protocol! error*
            PortworxVolumeSource volumeID!
            Preconditions uid*
            PreferAvoidPodsEntry podSignature= evictionTime=
            PreferredSchedulingTerm weight! preference=
            Probe handler^ terminationGracePeriodSeconds*
            ProjectedVolumeSource sources! defaultMode*
            QuobyteVolumeSource registry! volume!
            RBDPersistentVolumeSource monitors! image!
            RBDVolumeSource monitors! image!
            RangeAllocation metadata= range! data!
            ReplicationController metadata= spec= status=
            ReplicationControllerCondition type! status! lastTransitionTime=
            ReplicationControllerList metadata= items!
            ReplicationControllerSpec replicas*
            ReplicationControllerStatus replicas!
            ResourceClaim name!
            ResourceFieldSelector resource! divisor=
            ResourceQuota metadata= spec= status=
            ResourceQuotaList metadata= items!
            ScaleIOPersistentVolumeSource gateway! system! secretRef!
            ScaleIOVolumeSource gateway! system! secretRef!
            ScopedResourceSelectorRequirement scopeName! operator!
            SeccompProfile type! localhostProfile*
            Secret metadata= immutable*
            SecretEnvSource localObjectReference^ optional*
            SecretKeySelector localObjectReference^ key! optional*
            SecretList metadata= items!
            SecretProjection localObjectReference^ optional*
            SecretVolumeSource defaultMode* optional*
            SecurityContext privileged* runAsUser* runAsGroup* runAsNonRoot*
                readOnlyRootFilesystem* allowPrivilegeEscalation* procMount*
            SerializedReference reference=
            Service metadata= spec= status=
            ServiceAccount metadata= automountServiceAccountToken*
            ServiceAccountList metadata= items!
            ServiceAccountTokenProjection expirationSeconds* path!
            ServiceList metadata= items!
            ServicePort appProtocol* port! targetPort=
            ServiceSpec ipFamilyPolicy* allocateLoadBalancerNodePorts* loadBalancerClass*
                internalTrafficPolicy* trafficDistribution*
            ServiceStatus loadBalancer=
            SleepAction seconds!
            Sysctl name! value!
            TCPSocketAction port=
            Taint key! effect!
            Toleration tolerationSeconds*
            TopologySelectorLabelRequirement key! values!
            TopologySpreadConstraint maxSkew! topologyKey! whenUnsatisfiable! minDomains*
                nodeAffinityPolicy* nodeTaintsPolicy*
            TypedLocalObjectReference apiGroup*! kind! name!
            TypedObjectReference apiGroup*! kind! name! namespace*
            Volume name! volumeSource^
            VolumeDevice name! devicePath!
            VolumeMount name! recursiveReadOnly* mountPath! mountPropagation*
            VolumeMountStatus name! mountPath! recursiveReadOnly*
            VsphereVirtualDiskVolumeSource volumePath!
            WeightedPodAffinityTerm weight! podAffinityTerm=
            WindowsSecurityContextOptions gmsaCredentialSpecName* gmsaCredentialSpec*
                runAsUserName* hostProcess*
            package k8s.io.apimachinery.pkg.apis.meta.v1
            APIGroup name! versions! preferredVersion=
            APIGroupList groups!
            APIResource name! singularName! namespaced! kind! verbs=
            APIResourceList groupVersion! resources!
            APIVersions versions! serverAddressByClientCIDRs!
            ApplyOptions force! fieldManager!
            Condition type! status! lastTransitionTime= reason! message!
            DeleteOptions gracePeriodSeconds* orphanDependents* propagationPolicy*
            GroupKind group! kind!
            GroupResource group! resource!
            GroupVersion group! version!
            GroupVersionForDiscovery groupVersion! version!
            GroupVersionKind group! version! kind!
            GroupVersionResource group! version! resource!
            LabelSelectorRequirement key! operator!
            List metadata= items!
            ListMeta remainingItemCount*
            ListOptions timeoutSeconds* sendInitialEvents*
            ObjectMeta creationTimestamp= deletionGracePeriodSeconds*
            OwnerReference apiVersion! kind! name! uid! controller* blockOwnerDeletion*
            PartialObjectMetadata metadata=
            PartialObjectMetadataList metadata= items!
            PatchOptions force*
            Preconditions uid* resourceVersion*
            RootPaths paths!
            ServerAddressByClientCIDR clientCIDR! serverAddress!
            Status metadata=
            WatchEvent type! object=
            """;

    private static final String MARKS = "*!=^";

    private static final Map<String, Map<String, GoField>> FIELDS = parse(TABLE);

    private GoStructTags() {
    }

    /** The Go shape of a field. */
    static GoField of(FieldDescriptor field) {
        Map<String, GoField> listed = FIELDS.get(field.getContainingType().getFullName());
        GoField go = listed == null ? null : listed.get(field.getName());
        if (go != null) {
            return go;
        }
        if (field.isRepeated()) {
            return GoField.DEFAULT_REPEATED;
        }
        return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                ? GoField.DEFAULT_MESSAGE : GoField.DEFAULT_SCALAR;
    }

    /** The listed fields: message full name to field name to its marks, for tests. */
    static Map<String, Map<String, GoField>> listed() {
        return FIELDS;
    }

    private static Map<String, Map<String, GoField>> parse(String table) {
        Map<String, Map<String, GoField>> fields = new HashMap<>();
        String pkg = "";
        Map<String, GoField> current = null;
        for (String line : table.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] words = line.trim().split(" +");
            int first = 1;
            if (line.startsWith("package ")) {
                pkg = words[1];
                continue;
            } else if (line.startsWith(" ")) {
                first = 0;
            } else {
                current = fields.computeIfAbsent(pkg + "." + words[0], k -> new HashMap<>());
            }
            if (current == null) {
                throw new IllegalStateException("a continuation line before any message: " + line);
            }
            for (int i = first; i < words.length; i++) {
                String word = words[i];
                int end = word.length();
                while (end > 0 && MARKS.indexOf(word.charAt(end - 1)) >= 0) {
                    end--;
                }
                String marks = word.substring(end);
                if (end == 0 || marks.isEmpty()) {
                    throw new IllegalStateException("no name or no mark in " + word);
                }
                boolean inline = marks.contains("^");
                current.put(word.substring(0, end), new GoField(
                        marks.contains("*"),
                        !marks.contains("!") && !inline,
                        marks.contains("=") || inline,
                        inline));
            }
        }
        fields.replaceAll((message, byName) -> Map.copyOf(byName));
        return Map.copyOf(fields);
    }
}
