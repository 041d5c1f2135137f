package io.kubeplane.patch;

import static io.kubeplane.patch.Json.json;
import static io.kubeplane.patch.Json.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * Strategic merge patch on the kinds kubeplane serves, one directive or tag per case, each checked
 * at the part of the document it changes.
 *
 * <p>The documents are in {@code src/test/resources/documents/} (pods in {@code 10.244.0.0/16},
 * ClusterIPs in {@code 10.96.0.0/12}, nodes in {@code 192.168.0.0/24}). Every expected value is what
 * {@code kubectl patch --local --type strategic} (kubectl 1.32.4, apimachinery's implementation with
 * the Go struct tags) printed for the same document and patch.
 */
class StrategicMergePatchTest {

    private static Arguments smp(String name, String document, String patch, String pointer, String expected) {
        return Arguments.of(named(name, document), json(patch), pointer, json(expected));
    }

    static Stream<Arguments> patches() {
        return Stream.of(
                smp("service: a port merged by its key, the other ports kept", "service.json",
                        "{'spec':{'ports':[{'port':9090,'targetPort':9091}]}}",
                        "/spec/ports", "[{'name':'http','port':80,'protocol':'TCP','targetPort':8080},{'name':'metrics','port':9090,'protocol':'TCP','targetPort':9091}]"),
                smp("service: a new port goes before the ports only the server has", "service.json",
                        "{'spec':{'ports':[{'name':'https','port':443,'targetPort':8443}]}}",
                        "/spec/ports", "[{'name':'https','port':443,'targetPort':8443},{'name':'http','port':80,'protocol':'TCP','targetPort':8080},{'name':'metrics','port':9090,'protocol':'TCP','targetPort':9090}]"),
                smp("service: $patch delete removes the port with that key", "service.json",
                        "{'spec':{'ports':[{'port':80,'$patch':'delete'}]}}",
                        "/spec/ports", "[{'name':'metrics','port':9090,'protocol':'TCP','targetPort':9090}]"),
                smp("service: $setElementOrder reorders the ports", "service.json",
                        "{'spec':{'$setElementOrder/ports':[{'port':9090},{'port':80}]}}",
                        "/spec/ports", "[{'name':'metrics','port':9090,'protocol':'TCP','targetPort':9090},{'name':'http','port':80,'protocol':'TCP','targetPort':8080}]"),
                smp("service: $patch replace in a list replaces the list", "service.json",
                        "{'spec':{'ports':[{'$patch':'replace'},{'name':'alt','port':8080}]}}",
                        "/spec/ports", "[{'name':'alt','port':8080}]"),
                smp("service: $patch replace in a map replaces the map", "service.json",
                        "{'spec':{'selector':{'$patch':'replace','app.kubernetes.io/name':'web'}}}",
                        "/spec/selector", "{'app.kubernetes.io/name':'web'}"),
                smp("service: null deletes a label", "service.json",
                        "{'metadata':{'labels':{'tier':null}}}",
                        "/metadata/labels", "{'app':'web'}"),
                smp("service: clusterIPs is atomic", "service.json",
                        "{'spec':{'clusterIPs':['10.96.0.43']}}",
                        "/spec/clusterIPs", "['10.96.0.43']"),
                smp("pod: container merged by name, env merged by name", "pod.json",
                        "{'spec':{'containers':[{'name':'app','image':'nginx:1.28','env':[{'name':'B','value':'3'},{'name':'C','value':'4'}]}]}}",
                        "/spec/containers", "[{'env':[{'name':'A','value':'1'},{'name':'B','value':'3'},{'name':'C','value':'4'}],'image':'nginx:1.28','name':'app','ports':[{'containerPort':8080,'name':'http','protocol':'TCP'},{'containerPort':9090,'name':'metrics'}],'volumeMounts':[{'mountPath':'/data','name':'data'},{'mountPath':'/etc/cfg','name':'cfg'}]},{'image':'envoy:1.30','name':'sidecar'}]"),
                smp("pod: $patch delete removes a container", "pod.json",
                        "{'spec':{'containers':[{'name':'sidecar','$patch':'delete'}]}}",
                        "/spec/containers", "[{'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}],'image':'nginx:1.27','name':'app','ports':[{'containerPort':8080,'name':'http','protocol':'TCP'},{'containerPort':9090,'name':'metrics'}],'volumeMounts':[{'mountPath':'/data','name':'data'},{'mountPath':'/etc/cfg','name':'cfg'}]}]"),
                smp("pod: ports by containerPort, volumeMounts by mountPath", "pod.json",
                        "{'spec':{'containers':[{'name':'app','ports':[{'containerPort':8443,'name':'https'}],'volumeMounts':[{'mountPath':'/data','readOnly':true},{'mountPath':'/etc/cfg','$patch':'delete'}]}]}}",
                        "/spec/containers/0", "{'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}],'image':'nginx:1.27','name':'app','ports':[{'containerPort':8443,'name':'https'},{'containerPort':8080,'name':'http','protocol':'TCP'},{'containerPort':9090,'name':'metrics'}],'volumeMounts':[{'mountPath':'/data','name':'data','readOnly':true}]}"),
                smp("pod: tolerations are atomic and replaced", "pod.json",
                        "{'spec':{'tolerations':[{'key':'c','operator':'Exists'}]}}",
                        "/spec/tolerations", "[{'key':'c','operator':'Exists'}]"),
                smp("pod: imagePullSecrets merged by name", "pod.json",
                        "{'spec':{'imagePullSecrets':[{'name':'reg2'}]}}",
                        "/spec/imagePullSecrets", "[{'name':'reg2'},{'name':'reg1'}]"),
                smp("pod: $retainKeys switches a volume's source", "pod.json",
                        "{'spec':{'volumes':[{'name':'cfg','$retainKeys':['name','secret'],'secret':{'secretName':'web-tls'}}]}}",
                        "/spec/volumes", "[{'emptyDir':{},'name':'data'},{'name':'cfg','secret':{'secretName':'web-tls'}}]"),
                smp("pod: finalizers merged as a set", "pod.json",
                        "{'metadata':{'finalizers':['b.example.com/f','c.example.com/f']}}",
                        "/metadata/finalizers", "['a.example.com/f','b.example.com/f','c.example.com/f']"),
                smp("pod: $deleteFromPrimitiveList removes a finalizer", "pod.json",
                        "{'metadata':{'$deleteFromPrimitiveList/finalizers':['a.example.com/f']}}",
                        "/metadata/finalizers", "['b.example.com/f']"),
                smp("pod: ownerReferences merged by uid", "pod.json",
                        "{'metadata':{'ownerReferences':[{'apiVersion':'v1','kind':'Node','name':'n1','uid':'u-2'}]}}",
                        "/metadata/ownerReferences", "[{'apiVersion':'v1','kind':'Node','name':'n1','uid':'u-2'},{'apiVersion':'apps/v1','controller':true,'kind':'ReplicaSet','name':'web-7c9f','uid':'u-1'}]"),
                smp("pod: status conditions by type, podIPs by ip", "pod.json",
                        "{'status':{'conditions':[{'type':'Ready','status':'False','reason':'ContainersNotReady'}],'podIPs':[{'ip':'fd00::5'}]}}",
                        "/status", "{'conditions':[{'reason':'ContainersNotReady','status':'False','type':'Ready'},{'status':'True','type':'PodScheduled'}],'containerStatuses':[{'name':'app','ready':true,'restartCount':0},{'name':'sidecar','ready':true,'restartCount':1}],'hostIPs':[{'ip':'192.168.0.10'}],'phase':'Running','podIP':'10.244.1.5','podIPs':[{'ip':'fd00::5'},{'ip':'10.244.1.5'}]}"),
                smp("pod: containerStatuses are atomic", "pod.json",
                        "{'status':{'containerStatuses':[{'name':'app','ready':false,'restartCount':1}]}}",
                        "/status/containerStatuses", "[{'name':'app','ready':false,'restartCount':1}]"),
                smp("deployment: template container merged by name", "deployment.json",
                        "{'spec':{'template':{'spec':{'containers':[{'name':'app','image':'nginx:1.28','env':[{'name':'B','value':'2'}]}]}}}}",
                        "/spec/template/spec/containers", "[{'env':[{'name':'B','value':'2'},{'name':'A','value':'1'}],'image':'nginx:1.28','name':'app','ports':[{'containerPort':8080}]}]"),
                smp("deployment: $retainKeys drops rollingUpdate when switching to Recreate", "deployment.json",
                        "{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}}",
                        "/spec/strategy", "{'type':'Recreate'}"),
                smp("deployment: status conditions merged by type", "deployment.json",
                        "{'status':{'conditions':[{'type':'Available','status':'False','reason':'MinimumReplicasUnavailable'}]}}",
                        "/status/conditions", "[{'reason':'MinimumReplicasUnavailable','status':'False','type':'Available'},{'status':'True','type':'Progressing'}]"),
                smp("deployment: selector expressions are atomic", "deployment.json",
                        "{'spec':{'selector':{'matchExpressions':[{'key':'tier','operator':'In','values':['fe']}]}}}",
                        "/spec/selector", "{'matchExpressions':[{'key':'tier','operator':'In','values':['fe']}],'matchLabels':{'app':'web'}}"),
                smp("node: addresses and conditions merged by type", "node.json",
                        "{'status':{'addresses':[{'type':'ExternalIP','address':'203.0.113.7'}],'conditions':[{'type':'Ready','status':'False','reason':'KubeletNotReady'}]}}",
                        "/status", "{'addresses':[{'address':'203.0.113.7','type':'ExternalIP'},{'address':'192.168.0.10','type':'InternalIP'},{'address':'n1','type':'Hostname'}],'conditions':[{'reason':'KubeletNotReady','status':'False','type':'Ready'},{'status':'False','type':'MemoryPressure'}]}"),
                smp("node: taints are atomic and replaced", "node.json",
                        "{'spec':{'taints':[{'key':'node.kubernetes.io/unreachable','effect':'NoExecute'}]}}",
                        "/spec/taints", "[{'effect':'NoExecute','key':'node.kubernetes.io/unreachable'}]"),
                smp("endpoints: subsets are atomic and replaced", "endpoints.json",
                        "{'subsets':[{'addresses':[{'ip':'10.244.2.9'}],'ports':[{'name':'http','port':8080}]}]}",
                        "/subsets", "[{'addresses':[{'ip':'10.244.2.9'}],'ports':[{'name':'http','port':8080}]}]")
);
    }

    @ParameterizedTest
    @MethodSource("patches")
    void patchesLikeKubernetes(String document, JsonNode patch, String pointer, JsonNode expected) {
        JsonNode target = resource("documents/" + document);
        JsonNode targetBefore = target.deepCopy();
        JsonNode patchBefore = patch.deepCopy();

        JsonNode result = StrategicMergePatch.apply(target, patch);

        assertThat(result.at(JsonPointer.compile(pointer))).isEqualTo(expected);
        assertThat(target).as("target unchanged").isEqualTo(targetBefore);
        assertThat(patch).as("patch unchanged").isEqualTo(patchBefore);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of(named("list element without its merge key", "{'spec':{'ports':[{'name':'x','targetPort':1}]}}"),
                        "spec.ports: map: {\"name\":\"x\",\"targetPort\":1} does not contain declared merge key: port"),
                Arguments.of(named("unknown $patch in a map", "{'spec':{'selector':{'$patch':'bogus'}}}"),
                        "spec.selector: unknown patch type: bogus in map: {}"),
                Arguments.of(named("unknown $patch in a list element", "{'spec':{'ports':[{'port':80,'$patch':'bogus'}]}}"),
                        "spec.ports: unknown patch type: bogus in map: {\"port\":80,\"$patch\":\"bogus\"}"),
                Arguments.of(named("$patch delete in a list without the merge key", "{'spec':{'ports':[{'$patch':'delete'}]}}"),
                        "spec.ports: map: {\"$patch\":\"delete\"} does not contain declared merge key: port"),
                Arguments.of(named("$setElementOrder that is not a list", "{'spec':{'$setElementOrder/ports':{'port':80}}}"),
                        "spec: invalid patch format of setElementOrder list: $setElementOrder/ports must be a list, not object"),
                Arguments.of(named("$setElementOrder contradicting the patch list",
                                "{'spec':{'$setElementOrder/ports':[{'port':80}],'ports':[{'port':443}]}}"),
                        "spec.ports: the order in patch list [{\"port\":443}] doesn't match $setElementOrder list [{\"port\":80}]"),
                Arguments.of(named("$setElementOrder without a field", "{'spec':{'$setElementOrder':[]}}"),
                        "spec: invalid patch format of setElementOrder list: $setElementOrder is not $setElementOrder/<field>"),
                Arguments.of(named("$deleteFromPrimitiveList without a slash", "{'metadata':{'$deleteFromPrimitiveListfinalizers':['a']}}"),
                        "metadata: invalid patch format of primitive list: $deleteFromPrimitiveListfinalizers is not"
                                + " $deleteFromPrimitiveList/<field>"),
                Arguments.of(named("$deleteFromPrimitiveList on a list of objects", "{'spec':{'$deleteFromPrimitiveList/ports':[80]}}"),
                        "spec: $deleteFromPrimitiveList/ports applies to a list of primitives, but the list holds objects"),
                Arguments.of(named("$retainKeys that is not a list", "{'spec':{'$retainKeys':'type'}}"),
                        "spec: invalid patch format of retainKeys: $retainKeys must be a list of keys, not string"),
                Arguments.of(named("patched key missing from $retainKeys", "{'spec':{'$retainKeys':['type'],'selector':{'a':'b'}}}"),
                        "spec: invalid patch format of retainKeys: selector is patched but not listed in $retainKeys [\"type\"]"),
                Arguments.of(named("merge list of mixed element types", "{'spec':{'ports':[80]}}"),
                        "spec.ports: list element types are not identical: [{\"name\":\"http\",\"port\":80,"
                                + "\"targetPort\":8080,\"protocol\":\"TCP\"},{\"name\":\"metrics\",\"port\":9090,"
                                + "\"targetPort\":9090,\"protocol\":\"TCP\"}] and [80]"),
                Arguments.of(named("merge list of lists", "{'spec':{'ports':[[80]]}}"),
                        "spec.ports: lists of lists are not supported"),
                Arguments.of(named("patch that is not an object", "[{'op':'add'}]"),
                        "strategic merge patch must be a JSON object, not array"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void rejectsMalformedPatches(String patch, String message) {
        JsonNode service = resource("documents/service.json");

        assertThatThrownBy(() -> StrategicMergePatch.apply(service, json(patch)))
                .isInstanceOf(PatchException.class)
                .hasMessage(message);
    }

    @Test
    void unknownKindMergesMapsAndReplacesLists() {
        JsonNode widget = json("{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w','finalizers':['a']},"
                + "'spec':{'items':[{'name':'a','size':1},{'name':'b'}],'config':{'x':1,'y':2}}}");

        JsonNode result = StrategicMergePatch.apply(widget,
                json("{'metadata':{'finalizers':['b']},'spec':{'items':[{'name':'a','size':2}],'config':{'y':null,'z':3}}}"));

        assertThat(result).isEqualTo(json("{'apiVersion':'example.com/v1','kind':'Widget','metadata':{'name':'w',"
                + "'finalizers':['b']},'spec':{'items':[{'name':'a','size':2}],'config':{'x':1,'z':3}}}"));
    }

    @Test
    void newValuesLoseTheirNullsAndDirectives() {
        // apimachinery copies values the target lacks almost raw and lets Go struct decoding drop
        // directive keys; kubeplane stores trees, so nothing of the patch language may remain.
        JsonNode result = StrategicMergePatch.apply(resource("documents/deployment.json"), json(
                "{'spec':{'template':{'spec':{'affinity':{'nodeAffinity':{'$retainKeys':['preferred'],'preferred':[]},"
                        + "'podAffinity':null},'volumes':[{'name':'tmp','emptyDir':{'sizeLimit':null}},"
                        + "{'name':'gone','$patch':'delete'}]}}}}"));

        assertThat(result.at("/spec/template/spec/affinity")).isEqualTo(json("{'nodeAffinity':{'preferred':[]}}"));
        assertThat(result.at("/spec/template/spec/volumes")).isEqualTo(json("[{'name':'tmp','emptyDir':{}}]"));
    }

    @Test
    void numbersOfDifferentWidthsAreTheSameMergeKey() {
        JsonNode service = resource("documents/service.json");
        JsonNode patch = json("{'spec':{'ports':[{'port':80.0,'targetPort':8081}]}}");

        JsonNode result = StrategicMergePatch.apply(service, patch);

        assertThat(result.at("/spec/ports")).hasSize(2);
        assertThat(result.at("/spec/ports/0/targetPort").asInt()).isEqualTo(8081);
    }

    @Test
    void explicitMergeDirectiveIsTheDefault() {
        JsonNode service = resource("documents/service.json");

        JsonNode result = StrategicMergePatch.apply(service,
                json("{'metadata':{'labels':{'$patch':'merge','release':'1'}},'spec':{'ports':[{'$patch':'merge'}]}}"));

        assertThat(result.at("/metadata/labels")).isEqualTo(json("{'app':'web','tier':'frontend','release':'1'}"));
        assertThat(result.at("/spec/ports")).isEqualTo(service.at("/spec/ports"));
    }
}
