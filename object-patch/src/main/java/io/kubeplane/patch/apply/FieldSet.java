package io.kubeplane.patch.apply;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.kubeplane.patch.PatchException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A set of field paths: what one manager owns, what an applied configuration sets, what changed
 * between two objects. It is structured-merge-diff's {@code fieldpath.Set}, a trie whose nodes hold
 * the member elements (paths that end here) and the children (paths that go on):
 * <pre>
 *   .metadata.labels.app                                  {"f:metadata":{"f:labels":{"f:app":{}}},
 *   .spec.ports[port=80,protocol="TCP"]                    "f:spec":{"f:ports":{"k:{\"port\":80,\"protocol\":\"TCP\"}":{
 *   .spec.ports[port=80,protocol="TCP"].port                 ".":{},"f:port":{}}}}}
 * </pre>
 * A path is in the set only if it was inserted: the set above does not hold {@code .spec} or
 * {@code .spec.ports}. In {@code FieldsV1} (the {@code fieldsV1} of a managedFields entry) each member
 * maps to {@code {}}, a child to its own object, and {@code "."} marks a child that is also a member.
 * {@link #toJson()} writes it byte for byte as Kubernetes does: keys sorted (field names, keys, values,
 * indexes), {@code "."} first, Go's escaping.
 *
 * <p>Immutable and thread-safe. Built with {@link #builder()}, {@link #of} or {@link #fromJson}.
 */
public final class FieldSet {

    private static final FieldSet EMPTY = new FieldSet(new TreeSet<>(), new TreeMap<>());

    private final NavigableSet<PathElement> members;
    private final NavigableMap<PathElement, FieldSet> children;

    private FieldSet(NavigableSet<PathElement> members, NavigableMap<PathElement, FieldSet> children) {
        this.members = members;
        this.children = children;
    }

    /** @return the set with no paths */
    public static FieldSet empty() {
        return EMPTY;
    }

    /** @return a builder that inserts paths one by one */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the set of these paths */
    public static FieldSet of(FieldPath... paths) {
        Builder builder = builder();
        for (FieldPath path : paths) {
            builder.insert(path);
        }
        return builder.build();
    }

    /**
     * @param fieldsV1 the {@code fieldsV1} JSON text of a managedFields entry
     * @return the set it encodes
     * @throws PatchException if it is not a valid encoding
     */
    public static FieldSet fromJson(String fieldsV1) {
        try {
            return fromJson(JsonMapper.shared().readTree(fieldsV1));
        }
        catch (JacksonException ex) {
            throw new PatchException("invalid fieldsV1: " + ex.getOriginalMessage(), ex);
        }
    }

    /**
     * Reads a {@code fieldsV1} object as {@code fieldpath.Set.FromJSON} does: members and children may
     * come in any order, keys of unknown element types are dropped.
     *
     * @param fieldsV1 the {@code fieldsV1} object of a managedFields entry
     * @return the set it encodes
     * @throws PatchException if it is not a valid encoding
     */
    public static FieldSet fromJson(JsonNode fieldsV1) {
        if (!fieldsV1.isObject()) {
            throw new PatchException("fieldsV1 must be a JSON object, not " + fieldsV1.getNodeType());
        }
        FieldSet read = read(fieldsV1);
        return read == null ? EMPTY : read;
    }

    /**
     * @return the children of {@code node}, or null if it has none; a node with no children at all
     *     (also when every key was of an unknown type) is a member of its parent
     */
    private static @Nullable FieldSet read(JsonNode node) {
        FieldSet children = null;
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (entry.getKey().equals(".")) {
                continue;
            }
            PathElement element;
            try {
                element = PathElement.deserialize(entry.getKey());
            }
            catch (PathElement.UnknownTypeException ex) {
                continue;
            }
            JsonNode value = entry.getValue();
            if (!value.isObject()) {
                throw new PatchException("fieldsV1: the value of " + entry.getKey() + " must be an object");
            }
            FieldSet grandchildren = read(value);
            boolean childIsMember = grandchildren == null || value.has(".");
            if (children == null) {
                children = new FieldSet(new TreeSet<>(), new TreeMap<>());
            }
            if (childIsMember) {
                children.members.add(element);
            }
            if (grandchildren != null) {
                FieldSet known = children.children.get(element);
                children.children.put(element, known == null ? grandchildren : known.union(grandchildren));
            }
        }
        return children;
    }

    /** @return the {@code fieldsV1} JSON text, byte for byte as Kubernetes writes it */
    public String toJson() {
        StringBuilder out = new StringBuilder("{");
        emit(out, false);
        return out.append('}').toString();
    }

    /** @return the {@code fieldsV1} object, keys in the order Kubernetes writes them */
    public ObjectNode toJsonNode() {
        return (ObjectNode) JsonMapper.shared().readTree(toJson());
    }

    private void emit(StringBuilder out, boolean includeSelf) {
        boolean first = true;
        if (includeSelf && !isEmpty()) {
            out.append("\".\":{}");
            first = false;
        }
        Iterator<PathElement> memberIterator = members.iterator();
        Iterator<Map.Entry<PathElement, FieldSet>> childIterator = children.entrySet().iterator();
        @Nullable PathElement member = next(memberIterator);
        Map.@Nullable Entry<PathElement, FieldSet> child = next(childIterator);
        while (member != null || child != null) {
            if (!first) {
                out.append(',');
            }
            first = false;
            int c = member == null ? 1 : child == null ? -1 : member.compareTo(child.getKey());
            if (c < 0) {
                GoJson.writeString(out, member.serialize());
                out.append(":{}");
                member = next(memberIterator);
            }
            else {
                GoJson.writeString(out, child.getKey().serialize());
                out.append(":{");
                child.getValue().emit(out, c == 0);
                out.append('}');
                if (c == 0) {
                    member = next(memberIterator);
                }
                child = next(childIterator);
            }
        }
    }

    private static <T> @Nullable T next(Iterator<T> iterator) {
        return iterator.hasNext() ? iterator.next() : null;
    }

    /** @return whether the set holds no path */
    public boolean isEmpty() {
        // children are never empty sets, so a node with any child holds a path
        return members.isEmpty() && children.isEmpty();
    }

    /** @return the number of paths */
    public int size() {
        return members.size() + children.values().stream().mapToInt(FieldSet::size).sum();
    }

    /** @return whether {@code path} was inserted (its parents are not members unless inserted too) */
    public boolean has(FieldPath path) {
        if (path.isEmpty()) {
            return false;
        }
        FieldSet node = this;
        List<PathElement> elements = path.elements();
        for (int i = 0; i < elements.size() - 1; i++) {
            node = node.children.get(elements.get(i));
            if (node == null) {
                return false;
            }
        }
        return node.members.contains(elements.getLast());
    }

    /** @return the paths below {@code element}, without it; empty if none */
    public FieldSet withPrefix(PathElement element) {
        return children.getOrDefault(element, EMPTY);
    }

    /** @return the member elements of the root (paths of length one) */
    NavigableSet<PathElement> members() {
        return Collections.unmodifiableNavigableSet(members);
    }

    /** @return the children of the root */
    NavigableMap<PathElement, FieldSet> children() {
        return Collections.unmodifiableNavigableMap(children);
    }

    /** @return every path, in Kubernetes' order: a node's members, then each child's paths */
    public List<FieldPath> paths() {
        List<FieldPath> paths = new ArrayList<>();
        collect(new ArrayList<>(), paths);
        return paths;
    }

    private void collect(List<PathElement> prefix, List<FieldPath> out) {
        for (PathElement member : members) {
            prefix.add(member);
            out.add(new FieldPath(prefix));
            prefix.removeLast();
        }
        for (Map.Entry<PathElement, FieldSet> child : children.entrySet()) {
            prefix.add(child.getKey());
            child.getValue().collect(prefix, out);
            prefix.removeLast();
        }
    }

    /** @return the paths in either set */
    public FieldSet union(FieldSet other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        TreeSet<PathElement> unionMembers = new TreeSet<>(members);
        unionMembers.addAll(other.members);
        TreeMap<PathElement, FieldSet> unionChildren = new TreeMap<>(children);
        other.children.forEach((element, set) -> unionChildren.merge(element, set, FieldSet::union));
        return new FieldSet(unionMembers, unionChildren);
    }

    /** @return the paths in both sets */
    public FieldSet intersection(FieldSet other) {
        TreeSet<PathElement> common = new TreeSet<>(members);
        common.retainAll(other.members);
        TreeMap<PathElement, FieldSet> commonChildren = new TreeMap<>();
        children.forEach((element, set) -> {
            FieldSet theirs = other.children.get(element);
            if (theirs != null) {
                FieldSet both = set.intersection(theirs);
                if (!both.isEmpty()) {
                    commonChildren.put(element, both);
                }
            }
        });
        return new FieldSet(common, commonChildren);
    }

    /**
     * @return the paths of this set that are not in {@code other}; a path below one of {@code other}'s
     *     paths stays (use {@link #recursiveDifference} to drop those too)
     */
    public FieldSet difference(FieldSet other) {
        if (other.isEmpty()) {
            return this;
        }
        TreeSet<PathElement> left = new TreeSet<>(members);
        left.removeAll(other.members);
        TreeMap<PathElement, FieldSet> leftChildren = new TreeMap<>();
        children.forEach((element, set) -> {
            FieldSet theirs = other.children.get(element);
            FieldSet rest = theirs == null ? set : set.difference(theirs);
            if (!rest.isEmpty()) {
                leftChildren.put(element, rest);
            }
        });
        return new FieldSet(left, leftChildren);
    }

    /** @return the paths of this set that are neither in {@code other} nor below one of its paths */
    public FieldSet recursiveDifference(FieldSet other) {
        if (other.isEmpty()) {
            return this;
        }
        TreeSet<PathElement> left = new TreeSet<>(members);
        left.removeAll(other.members);
        TreeMap<PathElement, FieldSet> leftChildren = new TreeMap<>();
        children.forEach((element, set) -> {
            if (other.members.contains(element)) {
                return;
            }
            FieldSet theirs = other.children.get(element);
            FieldSet rest = theirs == null ? set : set.recursiveDifference(theirs);
            if (!rest.isEmpty()) {
                leftChildren.put(element, rest);
            }
        });
        return new FieldSet(left, leftChildren);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldSet set && members.equals(set.members) && children.equals(set.children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(members, children);
    }

    /** @return one path per line, as {@code fieldpath.Set.String} */
    @Override
    public String toString() {
        return paths().stream().map(FieldPath::toString).collect(Collectors.joining("\n"));
    }

    /** Inserts paths into a new set; not thread-safe, used once. */
    public static final class Builder {

        private final FieldSet set = new FieldSet(new TreeSet<>(), new TreeMap<>());
        private boolean built;

        private Builder() {
        }

        /** Adds {@code path}; the empty path (the whole object) is ignored, as nobody owns it. */
        public Builder insert(FieldPath path) {
            if (built) {
                throw new IllegalStateException("the set was built already");
            }
            if (path.isEmpty()) {
                return this;
            }
            FieldSet node = set;
            List<PathElement> elements = path.elements();
            for (int i = 0; i < elements.size() - 1; i++) {
                node = node.children.computeIfAbsent(elements.get(i), e -> new FieldSet(new TreeSet<>(), new TreeMap<>()));
            }
            node.members.add(elements.getLast());
            return this;
        }

        /** @return the set; the builder cannot be used afterwards */
        public FieldSet build() {
            built = true;
            return set.isEmpty() ? EMPTY : set;
        }
    }
}
