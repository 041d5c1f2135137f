package io.kubeplane.apiserver.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.Annotation;
import java.lang.classfile.AnnotationElement;
import java.lang.classfile.AnnotationValue;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.FieldModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.RuntimeVisibleAnnotationsAttribute;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Field descriptions read from the model classes of the official Kubernetes Java client
 * ({@code io.kubernetes:client-java-api}), which are generated from Kubernetes' own OpenAPI spec and
 * keep each type's and field's description in Swagger annotations:
 * <pre>
 *   &#64;ApiModel(description = "ServiceSpec describes the attributes ...")
 *   public class V1ServiceSpec {
 *     &#64;SerializedName("sessionAffinity") private String sessionAffinity;
 *     &#64;ApiModelProperty(value = "Supports \"ClientIP\" and \"None\". ...") public String getSessionAffinity()
 *     &#64;ApiModelProperty(required = true, value = "...") public V1LabelSelector getSelector()   (DeploymentSpec)
 * </pre>
 * The class files are parsed as bytes with {@link ClassFile}, never loaded, so none of the client's
 * own dependencies (gson, okhttp, swagger-annotations) need to be on the class path. Without the
 * artifact every lookup is empty and the documents are generated without descriptions.
 *
 * <p>Class names: {@code io.k8s.api.core.v1.ServiceSpec} is {@code V1ServiceSpec}; a kind whose
 * name two groups share carries its group, {@code io.k8s.api.core.v1.EndpointPort} is
 * {@code CoreV1EndpointPort}.
 *
 * <p>Thread-safe; results are cached.
 */
final class ClientJavaModelDocs implements ModelDocs {

    private static final String MODELS = "io/kubernetes/client/openapi/models/";
    private static final String API_MODEL = "Lio/swagger/annotations/ApiModel;";
    private static final String API_MODEL_PROPERTY = "Lio/swagger/annotations/ApiModelProperty;";
    private static final String SERIALIZED_NAME = "Lcom/google/gson/annotations/SerializedName;";
    private static final String OFFSET_DATE_TIME = "Ljava/time/OffsetDateTime;";

    private final ClassLoader loader;
    private final Map<String, Optional<ModelDoc>> cache = new ConcurrentHashMap<>();

    ClientJavaModelDocs(ClassLoader loader) {
        this.loader = loader;
    }

    /** @return whether the client's model classes are on the class path */
    boolean available() {
        return loader.getResource(MODELS + "V1ObjectMeta.class") != null;
    }

    @Override
    public Optional<ModelDoc> lookup(String definition) {
        return cache.computeIfAbsent(definition, this::read);
    }

    private Optional<ModelDoc> read(String definition) {
        for (String candidate : classNames(definition)) {
            byte[] bytes = classBytes(candidate);
            if (bytes != null) {
                return Optional.of(parse(ClassFile.of().parse(bytes)));
            }
        }
        return Optional.empty();
    }

    /** {@code io.k8s.api.core.v1.EndpointPort} → {@code CoreV1EndpointPort}, then {@code V1EndpointPort}. */
    static List<String> classNames(String definition) {
        String[] parts = definition.split("\\.");
        if (parts.length < 3) {
            return List.of();
        }
        String kind = parts[parts.length - 1];
        String version = capitalize(parts[parts.length - 2]);
        String group = capitalize(parts[parts.length - 3]);
        return List.of(group + version + kind, version + kind);
    }

    private byte @Nullable [] classBytes(String simpleName) {
        try (InputStream in = loader.getResourceAsStream(MODELS + simpleName + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ModelDoc parse(ClassModel model) {
        String typeDescription = annotations(model.findAttribute(Attributes.runtimeVisibleAnnotations()))
                .stream().filter(a -> a.classSymbol().descriptorString().equals(API_MODEL))
                .map(a -> string(a, "description")).findFirst().orElse("");
        Map<String, Annotation> getterDocs = new HashMap<>();
        for (MethodModel method : model.methods()) {
            annotations(method.findAttribute(Attributes.runtimeVisibleAnnotations())).stream()
                    .filter(a -> a.classSymbol().descriptorString().equals(API_MODEL_PROPERTY))
                    .findFirst().ifPresent(a -> getterDocs.put(method.methodName().stringValue(), a));
        }
        Map<String, FieldDoc> fields = new HashMap<>();
        for (FieldModel field : model.fields()) {
            String jsonName = annotations(field.findAttribute(Attributes.runtimeVisibleAnnotations())).stream()
                    .filter(a -> a.classSymbol().descriptorString().equals(SERIALIZED_NAME))
                    .map(a -> string(a, "value")).findFirst().orElse(null);
            if (jsonName == null) {
                continue;
            }
            // The generator prefixes Java keywords with '_' (_continue) but not the getter (getContinue).
            String javaName = field.fieldName().stringValue().replaceFirst("^_", "");
            Annotation doc = getterDocs.get("get" + capitalize(javaName));
            boolean time = field.fieldType().stringValue().equals(OFFSET_DATE_TIME);
            fields.put(jsonName, doc == null ? new FieldDoc("", false, time)
                    : new FieldDoc(string(doc, "value"), bool(doc, "required"), time));
        }
        return new ModelDoc(typeDescription, fields);
    }

    private static List<Annotation> annotations(Optional<RuntimeVisibleAnnotationsAttribute> attribute) {
        return attribute.map(RuntimeVisibleAnnotationsAttribute::annotations).orElse(List.of());
    }

    private static String string(Annotation annotation, String name) {
        for (AnnotationElement element : annotation.elements()) {
            if (element.name().stringValue().equals(name) && element.value() instanceof AnnotationValue.OfString s) {
                return s.stringValue();
            }
        }
        return "";
    }

    private static boolean bool(Annotation annotation, String name) {
        for (AnnotationElement element : annotation.elements()) {
            if (element.name().stringValue().equals(name) && element.value() instanceof AnnotationValue.OfBoolean b) {
                return b.booleanValue();
            }
        }
        return false;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
