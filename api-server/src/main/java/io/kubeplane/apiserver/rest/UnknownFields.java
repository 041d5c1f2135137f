package io.kubeplane.apiserver.rest;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds and drops the fields of a request body that the kind does not have: fabric8's model keeps
 * them in each object's {@code additionalProperties} instead of failing, so this walks the typed
 * object, names each one by its path, e.g. {@code spec.ports[0].nodeport}, as kube-apiserver's
 * strict decoding reports them, and removes it, as kube-apiserver never stores an unknown field.
 * Stateless.
 */
final class UnknownFields {

    /** How to read one model class: its additional properties and its child properties, looked up once. */
    private record Accessors(Method additional, List<Getter> getters) {
    }

    private record Getter(Method method, String property) {
    }

    private static final ClassValue<Accessors> ACCESSORS = new ClassValue<>() {
        @Override
        protected Accessors computeValue(Class<?> type) {
            List<Getter> getters = new ArrayList<>();
            Method additional = null;
            for (Method method : type.getMethods()) {
                if (isPropertyGetter(method)) {
                    getters.add(new Getter(method, property(method)));
                } else if (method.getName().equals("getAdditionalProperties") && method.getParameterCount() == 0) {
                    additional = method;
                }
            }
            return new Accessors(additional, List.copyOf(getters));
        }
    };

    /** Types whose additional properties are their content, not unknown fields: managedFields' fieldsV1, raw objects. */
    private static final Set<String> FREE_FORM = Set.of("FieldsV1", "RawExtension", "AnyType", "GenericKubernetesResource");

    /** Where the walk is; rendered as {@code spec.ports[0]} only when an unknown field is found there. */
    private record Path(Path parent, String segment, boolean index) {

        static final Path ROOT = new Path(null, "", false);

        Path field(String name) {
            return new Path(this, name, false);
        }

        Path at(Object key) {
            return new Path(this, "[" + key + "]", true);
        }

        String render(String field) {
            StringBuilder out = new StringBuilder();
            append(out);
            if (!out.isEmpty()) {
                out.append('.');
            }
            return out.append(field).toString();
        }

        private void append(StringBuilder out) {
            if (parent == null) {
                return;
            }
            parent.append(out);
            if (!index && !out.isEmpty()) {
                out.append('.');
            }
            out.append(segment);
        }
    }

    private UnknownFields() {
    }

    /** The unknown fields' paths; they are removed from the object. */
    static List<String> prune(Object object) {
        List<String> found = new ArrayList<>();
        walk(object, Path.ROOT, found);
        return found;
    }

    private static void walk(Object value, Path path, List<String> found) {
        if (value instanceof KubernetesResource resource) {
            if (FREE_FORM.contains(resource.getClass().getSimpleName())) {
                return;
            }
            Accessors accessors = ACCESSORS.get(resource.getClass());
            Map<String, Object> additional = additionalProperties(accessors, resource);
            if (!additional.isEmpty()) {
                for (String field : new TreeSet<>(additional.keySet())) {
                    found.add(path.render(field));
                }
                additional.clear();
            }
            for (Getter getter : accessors.getters()) {
                Object child = invoke(getter.method(), resource);
                if (child != null) {
                    walk(child, path.field(getter.property()), found);
                }
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path.at(i), found);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> walk(child, path.at(key), found));
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(child -> walk(child, path, found));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> additionalProperties(Accessors accessors, KubernetesResource resource) {
        if (accessors.additional() == null) {
            return Map.of();
        }
        Object additional = invoke(accessors.additional(), resource);
        return additional instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static boolean isPropertyGetter(Method method) {
        String name = method.getName();
        return method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
               && name.startsWith("get") && name.length() > 3
               && !name.equals("getClass") && !name.equals("getAdditionalProperties")
               && (KubernetesResource.class.isAssignableFrom(method.getReturnType())
                   || List.class.isAssignableFrom(method.getReturnType())
                   || Map.class.isAssignableFrom(method.getReturnType()));
    }

    private static String property(Method getter) {
        String name = getter.getName().substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }
}
