package io.kubeplane.apiserver.storage;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list.
 *
 * @param items          the objects, ordered by namespace then name
 * @param next           where the next page starts; null on the last page
 * @param remainingCount how many more objects match after this page, when known
 */
public record ListPage(List<StoredObject> items, @Nullable ContinueToken next, @Nullable Long remainingCount) {

    public ListPage {
        items = List.copyOf(items);
    }
}
