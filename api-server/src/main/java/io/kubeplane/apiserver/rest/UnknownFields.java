package io.kubeplane.apiserver.rest;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds and drops the fields of a request body that the kind does not have: fabric8's model keeps
 * them in each object's {@code additionalProperties} instead of failing, so this walks the typed
 * object, names each one by its path, e.g. {@code spec.ports[0].nodeport}, as kube-apiserver's
 * strict decoding reports them, and removes it, as kube-apiserver never stores an unknown field.
 * Stateless.
 */
final class UnknownFields {

    /** The property getters of each model class, looked up once. */
    private static final ClassValue<List<Method>> GETTERS = new ClassValue<>() {
        @Override
        protected List<Method> computeValue(Class<?> type) {
            List<Method> getters = new ArrayList<>();
            for (Method method : type.getMethods()) {
                if (isPropertyGetter(method)) {
                    getters.add(method);
                }
            }
            return List.copyOf(getters);
        }
    };

    private UnknownFields() {
    }

    /** The unknown fields' paths; they are removed from the object. */
    static List<String> prune(Object object) {
        List<String> found = new ArrayList<>();
        walk(object, "", found);
        return found;
    }

    /** Types whose additional properties are their content, not unknown fields: managedFields' fieldsV1, raw objects. */
    private static final java.util.Set<String> FREE_FORM = java.util.Set.of("FieldsV1", "RawExtension", "AnyType",
            "GenericKubernetesResource");

    private static void walk(Object value, String path, List<String> found) {
        if (value instanceof KubernetesResource resource && FREE_FORM.contains(resource.getClass().getSimpleName())) {
            return;
        }
        if (value instanceof KubernetesResource resource) {
            Map<String, Object> additional = additionalProperties(resource);
            for (String field : new TreeSet<>(additional.keySet())) {
                found.add(path.isEmpty() ? field : path + "." + field);
            }
            if (!additional.isEmpty()) {
                additional.clear();
            }
            for (Method getter : GETTERS.get(resource.getClass())) {
                Object child = invoke(getter, resource);
                if (child != null) {
                    walk(child, join(path, property(getter)), found);
                }
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", found);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> walk(child, path + "[" + key + "]", found));
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(child -> walk(child, path, found));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> additionalProperties(KubernetesResource resource) {
        try {
            Object additional = resource.getClass().getMethod("getAdditionalProperties").invoke(resource);
            return additional instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            return Map.of();
        }
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

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }
}
