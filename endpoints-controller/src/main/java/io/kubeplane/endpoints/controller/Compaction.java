package io.kubeplane.endpoints.controller;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shrinks fabric8 model objects held in a cache for long: every empty list and map they carry
 * (fabric8 creates one for each list field and an {@code additionalProperties} map for each
 * object, a dozen or more per pod) becomes null, and the strings that repeat across objects
 * (label keys and values, port names, protocols, phases) are shared. A hundred thousand cached
 * pods shrink by more than half. Only for objects nothing will serialise back: readers treat a
 * null list as empty. Thread-safe.
 */
final class Compaction {

    private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();
    private static final Map<String, String> SHARED = new ConcurrentHashMap<>();
    /** Bounds the shared-string table: strings beyond it are kept as they are. */
    private static final int MAX_SHARED = 200_000;

    private Compaction() {
    }

    /** Compacts {@code object} and everything it holds, in place, and returns it. */
    static <T> T compact(T object) {
        walk(object);
        return object;
    }

    /** One of many equal strings, shared. */
    static String share(String value) {
        String shared = SHARED.get(value);
        if (shared != null) {
            return shared;
        }
        if (SHARED.size() >= MAX_SHARED) {
            return value;
        }
        shared = SHARED.putIfAbsent(value, value);
        return shared == null ? value : shared;
    }

    private static void walk(Object object) {
        for (Field field : fields(object.getClass())) {
            try {
                Object value = field.get(object);
                if (value == null) {
                    continue;
                }
                if (value instanceof Collection<?> collection) {
                    if (collection.isEmpty()) {
                        field.set(object, null);
                    } else if (value instanceof List<?> list) {
                        List<Object> shared = new ArrayList<>(list.size());
                        for (Object element : list) {
                            if (element instanceof String s) {
                                shared.add(share(s));
                            } else {
                                if (element != null && isModel(element.getClass())) {
                                    walk(element);
                                }
                                shared.add(element);
                            }
                        }
                        field.set(object, shared);
                    }
                } else if (value instanceof Map<?, ?> map) {
                    if (map.isEmpty()) {
                        field.set(object, null);
                    } else if (map.values().stream().allMatch(v -> v instanceof String)) {
                        Map<String, String> shared = new java.util.LinkedHashMap<>(map.size() * 4 / 3 + 1);
                        map.forEach((k, v) -> shared.put(share((String) k), share((String) v)));
                        field.set(object, shared);
                    }
                } else if (value instanceof String s) {
                    field.set(object, share(s));
                } else if (isModel(value.getClass())) {
                    walk(value);
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot compact " + field, e);
            }
        }
    }

    private static boolean isModel(Class<?> type) {
        return type.getName().startsWith("io.fabric8.kubernetes.api.model.");
    }

    private static List<Field> fields(Class<?> type) {
        return FIELDS.computeIfAbsent(type, t -> {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = t; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers()) && !Modifier.isFinal(field.getModifiers())) {
                        field.setAccessible(true);
                        fields.add(field);
                    }
                }
            }
            return List.copyOf(fields);
        });
    }
}
