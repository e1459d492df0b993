package io.firsthop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firsthop.core.trace.TraceEvent;
import io.firsthop.run.SiteTraceSink;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How the run process puts the site JVMs' events back into one time order ({@link TraceMerge}). */
class TraceMergeTest {
    private record Got(String site, TraceEvent event) {}

    private final List<Got> got = new ArrayList<>();
    private final SiteTraceSink sink = (site, event) -> got.add(new Got(site, event));

    private static TraceEvent note(long at, String device) {
        return new TraceEvent.Note(at, device, "n" + at);
    }

    private List<Long> times() {
        return got.stream().map(g -> g.event().at()).toList();
    }

    @Test
    @DisplayName("events of several sites arriving in bursts go out in time order, only those at or before the release instant")
    void timeOrderAcrossSites() {
        TraceMerge m = new TraceMerge(100, false);
        // seoul's file was read first, then daegu's: each in its own order, interleaved in time
        m.add("seoul", note(10, "r1"));
        m.add("seoul", note(30, "r1"));
        m.add("seoul", note(50, "r1"));
        m.add("daegu", note(20, "r2"));
        m.add("daegu", note(40, "r2"));
        m.release(35, sink);
        assertEquals(List.of(10L, 20L, 30L), times());
        assertEquals(List.of("seoul", "daegu", "seoul"), got.stream().map(Got::site).toList());
        assertEquals(2, m.held());
        m.releaseAll(sink);
        assertEquals(List.of(10L, 20L, 30L, 40L, 50L), times());
        assertEquals(5, m.released());
        assertEquals(0, m.late());
    }

    @Test
    @DisplayName("events of one instant keep the order they arrived in (one site's file order)")
    void tiesKeepArrivalOrder() {
        TraceMerge m = new TraceMerge(100, false);
        m.add("seoul", note(10, "a"));
        m.add("seoul", note(10, "b"));
        m.add("daegu", note(10, "c"));
        m.add("seoul", note(10, "d"));
        m.releaseAll(sink);
        assertEquals(List.of("a", "b", "c", "d"), got.stream().map(g -> g.event().device()).toList());
    }

    @Test
    @DisplayName("an event arriving after its instant was released still goes out, at the next release, and is counted late")
    void lateEvent() {
        TraceMerge m = new TraceMerge(100, false);
        m.add("seoul", note(10, "r1"));
        m.release(50, sink);
        m.add("daegu", note(40, "r2"));
        m.add("daegu", note(60, "r2"));
        m.release(70, sink);
        assertEquals(List.of(10L, 40L, 60L), times());
        assertEquals(1, m.late());
    }

    @Test
    @DisplayName("events before run time 0 (joining) and after the run's end (stopping) are left out")
    void onlyTheRun() {
        TraceMerge m = new TraceMerge(100, false);
        m.add("seoul", note(-5, "site:seoul"));
        m.add("seoul", note(0, "r1"));
        m.add("seoul", note(100, "r1"));
        m.add("seoul", note(101, "site:seoul"));
        m.releaseAll(sink);
        assertEquals(List.of(0L, 100L), times());
    }

    @Test
    @DisplayName("a run stopped early ends there: held events after the stop are dropped, and later ones left out")
    void stoppedEarly() {
        TraceMerge m = new TraceMerge(100, false);
        m.add("seoul", note(40, "r1"));
        m.add("seoul", note(60, "r1"));
        m.endAt(50);
        m.add("daegu", note(45, "r2"));
        m.add("daegu", note(55, "site:daegu"));
        m.releaseAll(sink);
        assertEquals(List.of(40L, 45L), times());
    }

    @Test
    @DisplayName("per-frame events are kept only when the sink wants them; drops always are")
    void framesOnlyWhenWanted() {
        MacAddress mac = MacAddress.parse("02:00:00:00:00:01");
        Ipv4Address ip = Ipv4Address.parse("10.0.0.1");
        EthernetFrame f = EthernetFrame.untagged(MacAddress.BROADCAST, mac, ArpPacket.request(mac, ip, ip));
        for (boolean frames : new boolean[] {false, true}) {
            got.clear();
            TraceMerge m = new TraceMerge(100, frames);
            m.add("seoul", new TraceEvent.FrameSent(1, "h1", "eth0", f));
            m.add("seoul", new TraceEvent.FrameReceived(2, "sw1", "p1", f));
            m.add("seoul", new TraceEvent.FrameDropped(3, "sw1", "p1", f, io.firsthop.core.trace.DropReason.LINK_DOWN, "cut"));
            m.releaseAll(sink);
            assertEquals(frames ? List.of(1L, 2L, 3L) : List.of(3L), times(), "frames wanted: " + frames);
        }
    }
}
