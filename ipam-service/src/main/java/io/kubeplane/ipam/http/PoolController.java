package io.kubeplane.ipam.http;

import io.kubeplane.ipam.allocation.Allocation;
import io.kubeplane.ipam.allocation.PoolAllocator;
import io.kubeplane.ipam.allocation.Pools;
import io.kubeplane.ipam.store.AllocationStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What ipam-service holds: its pools, their allocations, and who holds a given value and why. */
@RestController
@RequestMapping("/ipam/v1")
@Tag(name = "Pools", description = "The ranges ipam-service hands out from, and what is allocated in them")
public class PoolController {

    private final Pools pools;
    private final AllocationStore store;

    public PoolController(Pools pools, AllocationStore store) {
        this.pools = pools;
        this.store = store;
    }

    /**
     * @param name       the pool's name ({@code 10.96.0.0/12}, {@code node-ports}, ...)
     * @param kind       what it hands out
     * @param range      the range as written in the configuration
     * @param size       how many values it holds
     * @param staticBand how many of its lowest values are kept for requested values
     * @param allocated  how many are allocated
     * @param free       how many are free
     */
    public record PoolView(String name, String kind, String range, int size, int staticBand, int allocated, int free) {
    }

    @GetMapping("/pools")
    @Operation(summary = "Every pool, with its size, static band and how full it is (counted in the table)")
    public List<PoolView> pools() {
        Map<String, Integer> counts = store.counts();
        return pools.all().stream().map(a -> {
            int allocated = counts.getOrDefault(a.pool().name(), 0);
            return new PoolView(a.pool().name(), a.pool().kind().label(), a.pool().range(), a.pool().size(),
                    a.pool().staticBand(), allocated, a.pool().size() - allocated);
        }).toList();
    }

    @GetMapping("/allocations")
    @Operation(summary = "The allocations of one pool, in value order, a page at a time",
            description = "Pass the last ordinal seen as `after` to read the next page.")
    public List<Allocation> allocations(@RequestParam String pool, @RequestParam(defaultValue = "-1") int after,
                                        @RequestParam(defaultValue = "500") int limit) {
        pools.byName(pool).orElseThrow(() -> new NoSuchElementException("no pool named " + pool));
        return store.list(pool, after, Math.clamp(limit, 1, 5000));
    }

    @GetMapping("/owners/{uid}")
    @Operation(summary = "Everything one object (by uid) holds")
    public List<Allocation> owner(@PathVariable String uid) {
        return store.byOwner(uid);
    }

    /**
     * Why a value is what it is: each pool that holds it, whether it lies in the band kept for
     * requested values, and who holds it since when.
     *
     * @param value the value asked about
     * @param pools one entry per pool whose range holds the value; empty when none does
     */
    public record Explanation(String value, List<InPool> pools) {
        /**
         * @param pool        the pool's name
         * @param kind        what the pool hands out
         * @param band        {@code static} (kept for requested values) or {@code dynamic}
         * @param owner       who holds it ({@code services/default/web}), null when free
         * @param ownerUid    the holder's uid, null when free
         * @param allocatedAt since when, null when free
         */
        public record InPool(String pool, String kind, String band, @Nullable String owner, @Nullable String ownerUid,
                             @Nullable Instant allocatedAt) {
        }
    }

    @GetMapping("/explain")
    @Operation(summary = "Why this IP (or port, or podCIDR): its pool, its band and who holds it")
    public Explanation explain(@RequestParam String value) {
        List<Allocation> holders = store.byValue(value);
        List<Explanation.InPool> found = pools.holding(value).map(a -> {
            Allocation holder = holders.stream().filter(h -> h.pool().equals(a.pool().name())).findFirst().orElse(null);
            return new Explanation.InPool(a.pool().name(), a.pool().kind().label(), band(a, value),
                    holder == null ? null : holder.owner().toString(), holder == null ? null : holder.owner().uid(),
                    holder == null ? null : holder.allocatedAt());
        }).toList();
        return new Explanation(value, found);
    }

    private static String band(PoolAllocator allocator, String value) {
        return allocator.inStaticBand(value) ? "static" : "dynamic";
    }
}
