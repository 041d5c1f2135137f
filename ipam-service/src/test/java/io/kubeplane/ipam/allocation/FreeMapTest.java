package io.kubeplane.ipam.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubeplane.ipam.pool.PoolKind.PickOrder;
import java.util.BitSet;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreeMapTest {

    @Test
    void dynamicPicksTakeTheUpperBandBeforeTheStaticBand() {
        FreeMap map = new FreeMap(100, 20, PickOrder.RANDOM);
        Random random = new Random(7);
        Set<Integer> picked = new HashSet<>();
        for (int i = 0; i < 80; i++) {
            int ordinal = map.takeAny(random).orElseThrow();
            assertThat(ordinal).isBetween(20, 99);
            assertThat(picked.add(ordinal)).isTrue();
        }
        for (int i = 0; i < 20; i++) {
            assertThat(map.takeAny(random).orElseThrow()).isBetween(0, 19);
        }
        assertThat(map.takeAny(random)).isEmpty();
        assertThat(map.takenCount()).isEqualTo(100);
    }

    @Test
    void lowestOrderPicksInOrder() {
        FreeMap map = new FreeMap(10, 0, PickOrder.LOWEST);
        Random random = new Random();
        assertThat(map.takeAny(random)).hasValue(0);
        assertThat(map.takeAny(random)).hasValue(1);
        map.release(0);
        assertThat(map.takeAny(random)).hasValue(0);
        assertThat(map.takeAny(random)).hasValue(2);
    }

    @Test
    void staticTakesFailOnTakenValues() {
        FreeMap map = new FreeMap(10, 2, PickOrder.RANDOM);
        assertThat(map.take(1)).isTrue();
        assertThat(map.take(1)).isFalse();
        map.release(1);
        assertThat(map.take(1)).isTrue();
        assertThat(map.takenCount()).isEqualTo(1);
    }

    @Test
    void theLastFreeValueIsFoundWhereverTheScanStarts() {
        for (int seed = 0; seed < 50; seed++) {
            FreeMap map = new FreeMap(1000, 0, PickOrder.RANDOM);
            for (int i = 0; i < 1000; i++) {
                if (i != 613) {
                    map.take(i);
                }
            }
            assertThat(map.takeAny(new Random(seed))).hasValue(613);
        }
    }

    @Test
    void resetKeepsInFlightPicks() {
        FreeMap map = new FreeMap(10, 0, PickOrder.LOWEST);
        map.take(3);
        BitSet stored = new BitSet();
        stored.set(5);
        BitSet inFlight = new BitSet();
        inFlight.set(7);
        map.reset(stored, inFlight);
        assertThat(map.isTaken(3)).isFalse();
        assertThat(map.isTaken(5)).isTrue();
        assertThat(map.isTaken(7)).isTrue();
        assertThat(map.takenCount()).isEqualTo(2);
    }

    @Test
    void aPickAtNinetyNinePercentCostsAboutWhatOneOnAnEmptyMapCosts() {
        int size = 65534;
        FreeMap empty = new FreeMap(size, 256, PickOrder.RANDOM);
        FreeMap full = new FreeMap(size, 256, PickOrder.RANDOM);
        Random random = new Random(1);
        while (full.takenCount() < size * 99 / 100) {
            full.takeAny(random);
        }
        // Both must still answer; the bitmap scan is word-wise, so neither degrades into probing.
        OptionalInt a = empty.takeAny(random);
        OptionalInt b = full.takeAny(random);
        assertThat(a).isPresent();
        assertThat(b).isPresent();
        assertThat(full.isTaken(b.getAsInt())).isTrue();
    }
}
