package io.firsthop.cluster;

import io.firsthop.cluster.topology.BuiltInTopologies;
import io.firsthop.cluster.topology.ClusterTopology;
import io.firsthop.core.link.LinkConfig;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure pieces of the cluster engine: link directions, random streams, trace lines, topologies. */
class LinksAndTopologyTest {
    private static final long MS = 1_000_000L;

    @Nested
    @DisplayName("a modelled link direction")
    class Direction {
        private final List<TraceEvent> traces = new ArrayList<>();

        private ModelledLink link(LinkConfig config) {
            return new ModelledLink("h1-sw1", "h1:eth0", true, config, new SplittableRandom(1));
        }

        @Test
        @DisplayName("delivers after the configured latency")
        void latency() {
            assertEquals(7 * MS, link(LinkConfig.ofLatency(2 * MS)).arrival(FakeDevice.stamped(1, 0), 5 * MS, traces::add));
            assertEquals(List.of(), traces);
        }

        @Test
        @DisplayName("a lost frame is traced as LINK_LOSS with the link's name as device and the sender as port")
        void loss() {
            long r = link(LinkConfig.ofLatency(MS).withLoss(1.0)).arrival(FakeDevice.stamped(1, 0), 0, traces::add);
            assertEquals(LinkTransit.LOST, r);
            TraceEvent.FrameDropped d = (TraceEvent.FrameDropped) traces.get(0);
            assertEquals(List.of("h1-sw1", "h1:eth0", DropReason.LINK_LOSS), List.of(d.device(), d.port(), d.reason()));
        }

        @Test
        @DisplayName("a cut link drops as LINK_DOWN, moves its epoch on, and is down until restored")
        void cut() {
            ModelledLink l = link(LinkConfig.ofLatency(MS));
            int before = l.epoch();
            l.cut();
            assertTrue(l.epoch() > before);
            assertTrue(!l.up());
            assertEquals(LinkTransit.LOST, l.arrival(FakeDevice.stamped(1, 0), 0, traces::add));
            assertEquals(DropReason.LINK_DOWN, ((TraceEvent.FrameDropped) traces.get(0)).reason());
            l.restore();
            assertEquals(MS, l.arrival(FakeDevice.stamped(1, 0), 0, traces::add));
        }

        @Test
        @DisplayName("a rate-limited link serializes frames back to back and tail-drops past its queue limit")
        void rateAndQueue() {
            // 64-byte frames at 512 kbit/s: 1 ms each on the wire
            ModelledLink l = link(LinkConfig.IDEAL.withRate(512_000).withQueueLimit(2));
            long first = l.arrival(FakeDevice.stamped(1, 0), 0, traces::add);
            long second = l.arrival(FakeDevice.stamped(2, 0), 0, traces::add);
            assertTrue(second > first && first > 0, first + " then " + second);
            assertEquals(LinkTransit.LOST, l.arrival(FakeDevice.stamped(3, 0), 0, traces::add));
            assertEquals(DropReason.QUEUE_FULL, ((TraceEvent.FrameDropped) traces.get(0)).reason());
        }

        @Test
        @DisplayName("before the run's epoch (negative run time) the delay is still the link's")
        void beforeTheEpoch() {
            assertEquals(-3 * MS, link(LinkConfig.ofLatency(2 * MS)).arrival(FakeDevice.stamped(1, 0), -5 * MS, traces::add));
        }
    }

    @Nested
    @DisplayName("random streams")
    class Streams {
        @Test
        @DisplayName("depend on the run seed and the link's name and direction only")
        void reproducible() {
            assertEquals(RandomStreams.linkDirection(42, "l1", true).nextLong(), RandomStreams.linkDirection(42, "l1", true).nextLong());
            assertNotEquals(RandomStreams.linkDirection(42, "l1", true).nextLong(), RandomStreams.linkDirection(42, "l1", false).nextLong());
            assertNotEquals(RandomStreams.linkDirection(42, "l1", true).nextLong(), RandomStreams.linkDirection(43, "l1", true).nextLong());
        }

        @Test
        @DisplayName("derive seeds exactly as the virtual engine's SeedStreams does (FNV-1a and SplitMix64)")
        void sameDerivationAsTheVirtualEngine() {
            // io.firsthop.sim.SeedStreams.streamSeed(7, "r1-lan#a>b"), computed with the simulator's class
            assertEquals(823964267414507392L, RandomStreams.streamSeed(7, "r1-lan#a>b"));
            assertEquals(new SplittableRandom(823964267414507392L).nextLong(), RandomStreams.linkDirection(7, "r1-lan", true).nextLong());
        }
    }

    @Test
    @DisplayName("a trace line reads back as what was written: time, site, kind, device, fields")
    void traceLines() {
        TraceEvent e = new TraceEvent.ProbeAnswered(1_234, "h-daegu-1", "to-server", 7, 8_000_000, MacAddress.parse("00:00:5e:00:01:01"));
        TraceLines.Line l = TraceLines.parse(TraceLines.format("daegu", e));
        assertEquals(new TraceLines.Line(1_234, "daegu", "ProbeAnswered", "h-daegu-1",
                List.of("to-server", "7", "8000000", "00:00:5e:00:01:01")), l);
        TraceLines.Line note = TraceLines.parse(TraceLines.format("seoul", new TraceEvent.Note(5, "r1", "a\ttab\nand a newline")));
        assertEquals(List.of("a tab and a newline"), note.fields());
    }

    @Nested
    @DisplayName("a cluster topology")
    class Topology {
        @Test
        @DisplayName("numbers cross-site links in the order they were added, the same on every site")
        void crossSiteIds() {
            ClusterTopology t = BuiltInTopologies.twoSiteVrrp(BuiltInTopologies.TwoSiteVrrp.DEFAULT);
            assertEquals(0, t.crossSiteLinkId("lan-stretch"));
            assertEquals(1, t.crossSiteLinkId("r1-up"));
            assertEquals(List.of("seoul", "daegu"), t.sitesOf("r1-up"));
            assertEquals(List.of("daegu"), t.sitesOf("r2-up"));
            assertTrue(!t.crossSite("r2-up"));
            assertEquals(2 * MS, t.wan("daegu", "seoul").config().latencyNanos());
        }

        @Test
        @DisplayName("places the VRRP Master in seoul and the Backup in daegu, hosts on both sites")
        void twoSiteVrrp() {
            ClusterTopology t = BuiltInTopologies.twoSiteVrrp(BuiltInTopologies.TwoSiteVrrp.DEFAULT);
            assertEquals("seoul", t.siteOf("r1"));
            assertEquals("daegu", t.siteOf("r2"));
            assertEquals(List.of("r1", "sw-seoul", "h-seoul-1", "h-seoul-2"),
                    t.devicesOn("seoul").stream().map(ClusterTopology.DeviceSpec::name).toList());
            assertTrue(t.devicesOn("daegu").stream().anyMatch(d -> d.name().equals("server")));
        }

        @Test
        @DisplayName("refuses unknown sites and devices, duplicate names, reused endpoints")
        void validation() {
            ClusterTopology.Builder b = ClusterTopology.builder("t").site("a");
            assertThrows(IllegalArgumentException.class, () -> b.device("b", "x", () -> null));
            b.device("a", "x", BuiltInTopologies.host("x", BuiltInTopologies.mac(1, 1), "10.0.0.1/24", Ipv4Address.parse("10.0.0.2"), null));
            b.device("a", "y", BuiltInTopologies.host("y", BuiltInTopologies.mac(1, 2), "10.0.0.2/24", null, null));
            assertThrows(IllegalArgumentException.class, () -> b.device("a", "x", () -> null));
            assertThrows(IllegalArgumentException.class, () -> b.link("l", "x:eth0", "z:eth0", LinkConfig.IDEAL));
            b.link("l", "x:eth0", "y:eth0", LinkConfig.IDEAL);
            assertThrows(IllegalArgumentException.class, () -> b.link("l2", "x:eth0", "y:eth1", LinkConfig.IDEAL));
            assertThrows(IllegalArgumentException.class, () -> b.link("x", "x:eth1", "y:eth1", LinkConfig.IDEAL));
            assertThrows(IllegalArgumentException.class, () -> b.wan("a", "a", LinkConfig.IDEAL));
            assertThrows(IllegalArgumentException.class, () -> BuiltInTopologies.byName("nope"));
        }
    }
}
