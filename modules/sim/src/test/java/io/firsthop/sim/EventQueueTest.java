package io.firsthop.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class EventQueueTest {
    record Pushed(long time, int order) {}

    @Property(tries = 200)
    @Label("events pop by time, ties in push order, across growth and interleaved pops")
    void popsInTimeThenInsertionOrder(@ForAll @Size(max = 300) List<@LongRange(min = 0, max = 50) Long> times,
                                      @ForAll @Size(max = 300) List<Boolean> popBetween) {
        EventQueue q = new EventQueue(1);
        List<Pushed> pending = new ArrayList<>();
        List<Pushed> popped = new ArrayList<>();
        List<Pushed> expected = new ArrayList<>();
        long floor = 0;
        for (int i = 0; i < times.size(); i++) {
            // keep it a discrete-event queue: never push into the past of what was already popped
            long t = floor + times.get(i);
            q.push(t, 0, i, 0, null, 0);
            pending.add(new Pushed(t, i));
            if (i < popBetween.size() && popBetween.get(i)) {
                Pushed next = pending.stream().min(Comparator.comparingLong(Pushed::time).thenComparingInt(Pushed::order)).orElseThrow();
                pending.remove(next);
                expected.add(next);
                popped.add(popOne(q));
                floor = next.time();
            }
        }
        pending.sort(Comparator.comparingLong(Pushed::time).thenComparingInt(Pushed::order));
        expected.addAll(pending);
        while (q.nonEmpty()) {
            popped.add(popOne(q));
        }
        assertEquals(expected, popped);
        assertFalse(q.nonEmpty());
    }

    private static Pushed popOne(EventQueue q) {
        long t = q.peekTime();
        int slot = q.pop();
        Pushed p = new Pushed(t, q.a[slot]);
        q.release(slot);
        return p;
    }
}
