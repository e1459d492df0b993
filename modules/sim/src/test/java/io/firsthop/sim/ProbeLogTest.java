package io.firsthop.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProbeLogTest {
    private static final Ipv4Address DST = Ipv4Address.parse("198.51.100.10");
    private static final MacAddress GW = MacAddress.parse("02:00:00:01:01:00");
    private final ProbeLog log = new ProbeLog();

    /** Probe {@code seq} sent at seq * 10 and settled: 'a' answered with rtt 1, 'l' lost, '.' pending. */
    private void play(String fates) {
        for (int seq = 0; seq < fates.length(); seq++) {
            long sent = seq * 10L;
            log.accept(new TraceEvent.ProbeSent(sent, "h1", "srv", seq, DST));
            switch (fates.charAt(seq)) {
                case 'a' -> log.accept(new TraceEvent.ProbeAnswered(sent + 1 + seq, "h1", "srv", seq, 1 + seq, GW));
                case 'l' -> log.accept(new TraceEvent.ProbeLost(sent + 1000, "h1", "srv", seq, sent));
                default -> { }
            }
        }
    }

    @Test
    @DisplayName("an outage runs from its first lost probe to the next answered one, skipping probes still pending")
    void outages() {
        play("aalll.alaala");
        ProbeLog.Flow f = log.flow("h1", "srv");
        assertEquals(12, f.sent());
        assertEquals(6, f.answered());
        assertEquals(5, f.lost());
        assertEquals(1, f.pending());
        assertEquals(List.of(20L, 30L, 40L, 70L, 100L), f.lostSentTimes());
        assertEquals(List.of(
                new ProbeLog.Outage("h1", "srv", 2, 3, 20, 40, 60, 7),
                new ProbeLog.Outage("h1", "srv", 7, 1, 70, 70, 80, 9),
                new ProbeLog.Outage("h1", "srv", 10, 1, 100, 100, 110, 12)), f.outages());
        assertEquals(40, f.outages().get(0).durationNanos(), "to the answered probe after the pending one");
        assertEquals(GW, f.via(0));
        assertEquals(-1, f.rtt(2), "a lost probe has no round trip");
    }

    @Test
    @DisplayName("an outage still going at the end has no recovery and no duration")
    void unrecovered() {
        play("alll..");
        ProbeLog.Outage o = log.flow("h1", "srv").outages().get(0);
        assertFalse(o.recovered());
        assertEquals(-1, o.durationNanos());
        assertEquals(3, o.lost());
    }

    @Test
    @DisplayName("a flow never seen is reported by name")
    void unknownFlow() {
        var e = assertThrows(IllegalArgumentException.class, () -> log.flow("h9", "srv"));
        assertEquals("no probe of flow 'srv' from 'h9' was seen (flows: [])", e.getMessage());
    }
}
