package io.kubeplane.apiserver.protobuf;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds protobuf fields the descriptors do not declare, anywhere in a parsed message: what a
 * client newer than client-java-proto's descriptors would send. Stateless and thread-safe.
 */
final class UnknownFields {

    private UnknownFields() {
    }

    /**
     * Throws {@link UnknownFieldsException} naming every message that carried unknown fields.
     *
     * @param object how to name the object in the message, e.g. {@code v1/Service}
     */
    static void reject(Message message, String object) {
        List<String> places = new ArrayList<>();
        collect(message, FieldPath.ROOT, places);
        if (!places.isEmpty()) {
            throw new UnknownFieldsException(object, places);
        }
    }

    private static void collect(Message message, FieldPath path, List<String> places) {
        addPlace(message, path, places);
        for (Map.Entry<FieldDescriptor, Object> set : message.getAllFields().entrySet()) {
            FieldDescriptor field = set.getKey();
            if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            FieldPath at = path.field(field.getName());
            if (field.isMapField()) {
                for (Object entry : (List<?>) set.getValue()) {
                    Message mapEntry = (Message) entry;
                    FieldPath atKey = at.key(String.valueOf(
                            mapEntry.getField(mapEntry.getDescriptorForType().findFieldByNumber(1))));
                    addPlace(mapEntry, atKey, places);
                    if (mapEntry.getField(mapEntry.getDescriptorForType().findFieldByNumber(2))
                            instanceof Message value) {
                        collect(value, atKey, places);
                    }
                }
            } else if (field.isRepeated()) {
                List<?> items = (List<?>) set.getValue();
                for (int i = 0; i < items.size(); i++) {
                    collect((Message) items.get(i), at.index(i), places);
                }
            } else {
                collect((Message) set.getValue(), at, places);
            }
        }
    }

    private static void addPlace(Message message, FieldPath path, List<String> places) {
        Set<Integer> numbers = message.getUnknownFields().asMap().keySet();
        if (!numbers.isEmpty()) {
            places.add(path + " (" + message.getDescriptorForType().getFullName() + "): field"
                    + (numbers.size() == 1 ? " " : "s ")
                    + numbers.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
    }
}
