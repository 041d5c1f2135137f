package io.kubeplane.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Autoscaling;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GoStructTagsTest {

    private static final Map<String, Descriptor> MESSAGES = messages(
            V1.getDescriptor(), V1Apps.getDescriptor(), V1Autoscaling.getDescriptor(), Meta.getDescriptor());

    @Test
    void everyListedFieldExistsWithAShapeItsMarksFit() {
        List<String> problems = new ArrayList<>();
        GoStructTags.listed().forEach((message, fields) -> {
            Descriptor descriptor = MESSAGES.get(message);
            if (descriptor == null) {
                problems.add(message + ": no such message");
                return;
            }
            fields.forEach((name, go) -> {
                FieldDescriptor field = descriptor.findFieldByName(name);
                if (field == null) {
                    problems.add(message + "." + name + ": no such field");
                    return;
                }
                boolean singularMessage = !field.isRepeated() && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
                if (go.valueStruct() && !singularMessage) {
                    problems.add(message + "." + name + ": a struct value must be a message field");
                }
                if (go.pointer() && (field.isRepeated() || singularMessage)) {
                    problems.add(message + "." + name + ": a scalar pointer must be a scalar field");
                }
                if (!GoStructTags.of(field).equals(go)) {
                    problems.add(message + "." + name + ": looked up as something else");
                }
            });
        });
        assertThat(problems).isEmpty();
    }

    static Stream<Arguments> fields() {
        return Stream.of(
                field("ServiceSpec.clusterIP: string, omitempty", "k8s.io.api.core.v1.ServiceSpec", "clusterIP",
                        new GoStructTags.GoField(false, true, false, false)),
                field("ServiceSpec.allocateLoadBalancerNodePorts: *bool", "k8s.io.api.core.v1.ServiceSpec",
                        "allocateLoadBalancerNodePorts", new GoStructTags.GoField(true, true, false, false)),
                field("ServicePort.port: int32, no omitempty", "k8s.io.api.core.v1.ServicePort", "port",
                        new GoStructTags.GoField(false, false, false, false)),
                field("ServicePort.targetPort: IntOrString value", "k8s.io.api.core.v1.ServicePort", "targetPort",
                        new GoStructTags.GoField(false, true, true, false)),
                field("ServiceSpec.sessionAffinityConfig: *struct", "k8s.io.api.core.v1.ServiceSpec",
                        "sessionAffinityConfig", new GoStructTags.GoField(true, true, false, false)),
                field("DeploymentSpec.replicas: *int32", "k8s.io.api.apps.v1.DeploymentSpec", "replicas",
                        new GoStructTags.GoField(true, true, false, false)),
                field("DeploymentSpec.selector: *LabelSelector, no omitempty", "k8s.io.api.apps.v1.DeploymentSpec",
                        "selector", new GoStructTags.GoField(false, false, false, false)),
                field("PodSpec.containers: slice, no omitempty", "k8s.io.api.core.v1.PodSpec", "containers",
                        new GoStructTags.GoField(false, false, false, false)),
                field("Volume.volumeSource: inlined", "k8s.io.api.core.v1.Volume", "volumeSource",
                        new GoStructTags.GoField(false, false, true, true)),
                field("ObjectMeta.creationTimestamp: Time value", "k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta",
                        "creationTimestamp", new GoStructTags.GoField(false, true, true, false)),
                field("TypedLocalObjectReference.apiGroup: *string, no omitempty",
                        "k8s.io.api.core.v1.TypedLocalObjectReference", "apiGroup",
                        new GoStructTags.GoField(true, false, false, false)));
    }

    @ParameterizedTest
    @MethodSource("fields")
    void knowsTheGoShapeOf(String message, String field, GoStructTags.GoField expected) {
        assertThat(GoStructTags.of(MESSAGES.get(message).findFieldByName(field))).isEqualTo(expected);
    }

    private static Arguments field(String name, String message, String field, GoStructTags.GoField expected) {
        return Arguments.of(Named.of(name, message), field, expected);
    }

    private static Map<String, Descriptor> messages(FileDescriptor... files) {
        Map<String, Descriptor> messages = new HashMap<>();
        for (FileDescriptor file : files) {
            for (Descriptor message : file.getMessageTypes()) {
                messages.put(message.getFullName(), message);
            }
        }
        return messages;
    }
}
