package io.firsthop.core.host;

import static io.firsthop.core.devtest.Bench.MS;
import static io.firsthop.core.devtest.Bench.S;
import static io.firsthop.core.devtest.Frames.arpReply;
import static io.firsthop.core.devtest.Frames.arpRequest;
import static io.firsthop.core.devtest.Frames.gratuitous;
import static io.firsthop.core.devtest.Frames.ifaddr;
import static io.firsthop.core.devtest.Frames.ip;
import static io.firsthop.core.devtest.Frames.mac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.DeviceInput;
import io.firsthop.core.devtest.Bench;
import io.firsthop.core.devtest.RecordingOutputs.Sent;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.core.trace.TraceEvent.ArpExpired;
import io.firsthop.core.trace.TraceEvent.ArpFailed;
import io.firsthop.core.trace.TraceEvent.ArpLearned;
import io.firsthop.core.trace.TraceEvent.ProbeAnswered;
import io.firsthop.core.trace.TraceEvent.ProbeLost;
import io.firsthop.core.trace.TraceEvent.ProbeSent;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.VlanTag;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HostTest {
    static final MacAddress HOST_MAC = mac("02:00:00:00:00:0a");
    static final Ipv4Address HOST_IP = ip("10.0.0.10");
    static final MacAddress GW_MAC = mac("02:00:00:00:00:01");
    static final Ipv4Address GW_IP = ip("10.0.0.1");
    static final MacAddress GW2_MAC = mac("02:00:00:00:00:02");
    static final Ipv4Address GW2_IP = ip("10.0.0.2");
    static final MacAddress PEER_MAC = mac("02:00:00:00:00:14");
    static final Ipv4Address PEER_IP = ip("10.0.0.20");
    static final Ipv4Address REMOTE = ip("192.0.2.1");

    static HostConfig config(Ipv4Address gateway, ProbeFlow... flows) {
        return HostConfig.of("h1", HOST_MAC, ifaddr("10.0.0.10/24"), gateway).withProbes(flows);
    }

    static Bench running(HostConfig config) {
        return new Bench(new Host(config)).powerOn().advanceTo(0);
    }

    /** Teaches the host {@code ip -> mac} the way a neighbour would: by ARPing for the host. */
    static void neighbour(Bench b, MacAddress mac, Ipv4Address ip) {
        b.frame(0, arpRequest(mac, ip, HOST_IP));
        b.clear();
    }

    static Host host(Bench b) {
        return (Host) b.device;
    }

    static EthernetFrame echoReplyFrame(MacAddress from, Ipv4Address src, int id, int seq) {
        return EthernetFrame.untagged(HOST_MAC, from, Ipv4Packet.of(60, src, HOST_IP, new IcmpEcho(true, id, seq, Bytes.zeros(56))));
    }

    static ArpPacket arpOf(Sent s) {
        return assertInstanceOf(ArpPacket.class, s.frame().payload());
    }

    static Ipv4Packet ipOf(Sent s) {
        return assertInstanceOf(Ipv4Packet.class, s.frame().payload());
    }

    @Nested
    @DisplayName("ARP resolution")
    class Resolution {
        @Test
        @DisplayName("RFC 826: the first packet to an on-link address broadcasts a who-has and waits for the answer")
        void firstPacketBroadcastsRequest() {
            Bench b = running(config(GW_IP, ProbeFlow.of("p", PEER_IP, 10 * S, 0)));
            List<Sent> sent = b.takeSent();
            assertEquals(1, sent.size());
            assertEquals(MacAddress.BROADCAST, sent.get(0).frame().destination());
            assertEquals(HOST_MAC, sent.get(0).frame().source());
            assertEquals(ArpPacket.request(HOST_MAC, HOST_IP, PEER_IP), arpOf(sent.get(0)));
        }

        @Test
        @DisplayName("RFC 826: the reply creates the entry and releases the waiting packet to the answering MAC")
        void replyReleasesQueue() {
            Bench b = running(config(GW_IP, ProbeFlow.of("p", PEER_IP, 10 * S, 0)));
            b.takeSent();
            b.advanceTo(2 * MS).frame(0, arpReply(PEER_MAC, PEER_IP, HOST_MAC, HOST_IP));
            List<Sent> sent = b.takeSent();
            assertEquals(1, sent.size());
            assertEquals(PEER_MAC, sent.get(0).frame().destination());
            assertEquals(PEER_IP, ipOf(sent.get(0)).destination());
            assertEquals(List.of(new ArpLearned(2 * MS, "h1", PEER_IP, PEER_MAC, null)), b.events(ArpLearned.class));
            assertEquals(PEER_MAC, host(b).arpLookup(PEER_IP));
        }

        @Test
        @DisplayName("three requests one second apart, then ArpFailed at 3 s and the waiting packet dropped ARP_FAILED")
        void retriesThenFails() {
            Bench b = running(config(GW_IP, ProbeFlow.of("p", PEER_IP, 10 * S, 0)));
            assertEquals(1, b.takeSent().size());
            b.advanceTo(S - 1);
            assertEquals(0, b.takeSent().size());
            b.advanceTo(S);
            assertEquals(1, b.takeSent().size(), "second request at 1 s");
            b.advanceTo(2 * S);
            assertEquals(1, b.takeSent().size(), "third request at 2 s");
            b.advanceTo(3 * S - 1);
            assertTrue(b.events(ArpFailed.class).isEmpty());
            b.advanceTo(3 * S);
            assertEquals(List.of(new ArpFailed(3 * S, "h1", PEER_IP, 3)), b.events(ArpFailed.class));
            List<TraceEvent.FrameDropped> failed = b.drops(DropReason.ARP_FAILED);
            assertEquals(1, failed.size());
            assertEquals(3 * S, failed.get(0).at());
            assertEquals(PEER_IP, ((Ipv4Packet) failed.get(0).frame().payload()).destination());
            b.advanceTo(9 * S);
            assertEquals(0, b.takeSent().size(), "no fourth request");
        }

        @Test
        @DisplayName("at most three packets wait per address; more are dropped ARP_QUEUE_FULL; the queue leaves in order")
        void queueLimit() {
            Bench b = running(config(GW_IP, ProbeFlow.of("p", PEER_IP, 100 * MS, 0)));
            b.advanceTo(400 * MS);
            List<TraceEvent.FrameDropped> full = b.drops(DropReason.ARP_QUEUE_FULL);
            assertEquals(List.of(300 * MS, 400 * MS), full.stream().map(TraceEvent::at).toList());
            b.takeSent();
            b.advanceTo(450 * MS).frame(0, arpReply(PEER_MAC, PEER_IP, HOST_MAC, HOST_IP));
            List<Integer> sequences = b.takeSent().stream()
                    .map(s -> ((IcmpEcho) ipOf(s).payload()).sequence()).toList();
            assertEquals(List.of(0, 1, 2), sequences);
        }

        @Test
        @DisplayName("an entry expires exactly its timeout after the last confirmation, and the next packet re-ARPs")
        void expiryIsExact() {
            Bench b = running(config(GW_IP));
            b.advanceTo(5 * S);
            neighbour(b, PEER_MAC, PEER_IP);
            b.advanceTo(30 * S);
            neighbour(b, PEER_MAC, PEER_IP); // confirmed again: lives until 90 s
            b.advanceTo(90 * S - 1);
            assertEquals(PEER_MAC, host(b).arpLookup(PEER_IP));
            assertTrue(b.events(ArpExpired.class).isEmpty());
            b.advanceTo(90 * S);
            assertEquals(List.of(new ArpExpired(90 * S, "h1", PEER_IP, PEER_MAC)), b.events(ArpExpired.class));
            assertNull(host(b).arpLookup(PEER_IP));
        }

        @Test
        @DisplayName("entries expire one by one in confirmation order")
        void expiryOrder() {
            Bench b = running(config(GW_IP));
            neighbour(b, PEER_MAC, PEER_IP);
            b.advanceTo(10 * S);
            neighbour(b, GW_MAC, GW_IP);
            b.advanceTo(20 * S);
            neighbour(b, PEER_MAC, PEER_IP);
            b.advanceTo(200 * S);
            assertEquals(List.of(new ArpExpired(70 * S, "h1", GW_IP, GW_MAC), new ArpExpired(80 * S, "h1", PEER_IP, PEER_MAC)),
                    b.events(ArpExpired.class));
        }

        @Test
        @DisplayName("RFC 1122 §3.3.1: an off-link destination is sent to the gateway's MAC, after ARPing for the gateway")
        void offLinkViaGateway() {
            Bench b = running(config(GW_IP, ProbeFlow.of("p", REMOTE, 10 * S, 0)));
            assertEquals(GW_IP, arpOf(b.takeSent().get(0)).targetIp());
            b.frame(0, arpReply(GW_MAC, GW_IP, HOST_MAC, HOST_IP));
            Sent s = b.takeSent().get(0);
            assertEquals(GW_MAC, s.frame().destination());
            assertEquals(REMOTE, ipOf(s).destination());
        }

        @Test
        @DisplayName("without a gateway an off-link packet is dropped NO_ROUTE")
        void noGateway() {
            Bench b = running(config(null, ProbeFlow.of("p", REMOTE, 10 * S, 0)));
            assertTrue(b.takeSent().isEmpty());
            assertEquals(1, b.drops(DropReason.NO_ROUTE).size());
        }
    }

    @Nested
    @DisplayName("ARP learning and answering")
    class Learning {
        @Test
        @DisplayName("RFC 826: a request for our address creates the sender's entry and is answered to the sender")
        void requestForUs() {
            Bench b = running(config(GW_IP));
            b.frame(0, arpRequest(PEER_MAC, PEER_IP, HOST_IP));
            assertEquals(PEER_MAC, host(b).arpLookup(PEER_IP));
            Sent s = b.takeSent().get(0);
            assertEquals(PEER_MAC, s.frame().destination());
            assertEquals(HOST_MAC, s.frame().source());
            assertEquals(ArpPacket.reply(HOST_MAC, HOST_IP, PEER_MAC, PEER_IP), arpOf(s));
        }

        @Test
        @DisplayName("a request for another address neither creates an entry nor is answered")
        void requestForOther() {
            Bench b = running(config(GW_IP));
            b.frame(0, arpRequest(PEER_MAC, PEER_IP, ip("10.0.0.99")));
            assertNull(host(b).arpLookup(PEER_IP));
            assertTrue(b.takeSent().isEmpty());
            assertTrue(b.drops(DropReason.NOT_FOR_US).isEmpty(), "an ARP broadcast is consumed, not dropped");
        }

        @Test
        @DisplayName("RFC 826 merge: any ARP from a known sender updates its entry")
        void mergeUpdatesKnownSender() {
            Bench b = running(config(GW_IP));
            neighbour(b, PEER_MAC, PEER_IP);
            MacAddress moved = mac("02:00:00:00:00:99");
            b.advanceTo(S).frame(0, arpRequest(moved, PEER_IP, ip("10.0.0.99")));
            assertEquals(moved, host(b).arpLookup(PEER_IP));
            assertEquals(new ArpLearned(S, "h1", PEER_IP, moved, PEER_MAC), b.events(ArpLearned.class).get(0));
        }

        @Test
        @DisplayName("a gratuitous ARP updates an existing entry and reports the previous MAC")
        void gratuitousUpdatesExisting() {
            Bench b = running(config(GW_IP));
            neighbour(b, GW_MAC, GW_IP);
            b.advanceTo(S).frame(0, gratuitous(GW2_MAC, GW_IP));
            assertEquals(GW2_MAC, host(b).arpLookup(GW_IP));
            assertEquals(List.of(new ArpLearned(S, "h1", GW_IP, GW2_MAC, GW_MAC)), b.events(ArpLearned.class));
            assertTrue(b.takeSent().isEmpty(), "a gratuitous ARP is not answered");
        }

        @Test
        @DisplayName("a gratuitous ARP for an unknown address creates nothing (Linux arp_accept=0)")
        void gratuitousDoesNotCreate() {
            Bench b = running(config(GW_IP));
            b.frame(0, gratuitous(GW_MAC, GW_IP));
            assertNull(host(b).arpLookup(GW_IP));
            assertTrue(b.events(ArpLearned.class).isEmpty());
        }

        @Test
        @DisplayName("an unsolicited reply creates nothing (Linux arp_accept=0)")
        void unsolicitedReply() {
            Bench b = running(config(GW_IP));
            b.frame(0, arpReply(PEER_MAC, PEER_IP, HOST_MAC, HOST_IP));
            assertNull(host(b).arpLookup(PEER_IP));
        }

        @Test
        @DisplayName("RFC 5227: a probe (sender 0.0.0.0) for our address is answered but teaches nothing")
        void probeAnsweredNotLearned() {
            Bench b = running(config(GW_IP));
            b.frame(0, arpRequest(PEER_MAC, Ipv4Address.ANY, HOST_IP));
            assertEquals(1, b.takeSent().size());
            assertTrue(host(b).arpEntries().isEmpty());
        }
    }

    @Nested
    @DisplayName("receiving")
    class Receiving {
        @Test
        @DisplayName("RFC 792: an echo request is answered with the same identifier, sequence and data, addresses reversed")
        void echoResponder() {
            Bench b = running(config(GW_IP));
            neighbour(b, PEER_MAC, PEER_IP);
            Bytes data = Bytes.ofHex("0102030405");
            b.frame(0, EthernetFrame.untagged(HOST_MAC, PEER_MAC, Ipv4Packet.of(64, PEER_IP, HOST_IP, IcmpEcho.request(7, 3, data))));
            Sent s = b.takeSent().get(0);
            assertEquals(PEER_MAC, s.frame().destination());
            Ipv4Packet reply = ipOf(s);
            assertEquals(HOST_IP, reply.source());
            assertEquals(PEER_IP, reply.destination());
            assertEquals(new IcmpEcho(true, 7, 3, data), reply.payload());
        }

        @Test
        @DisplayName("frames for another MAC, another IP, a tag or an unknown EtherType are dropped with their reason")
        void dropsWithReasons() {
            Bench b = running(config(GW_IP));
            Ipv4Packet echo = Ipv4Packet.of(64, PEER_IP, HOST_IP, IcmpEcho.request(1, 1, Bytes.EMPTY));
            b.frame(0, EthernetFrame.untagged(PEER_MAC, GW_MAC, echo));
            b.frame(0, EthernetFrame.untagged(HOST_MAC, PEER_MAC, Ipv4Packet.of(64, PEER_IP, ip("10.0.0.11"), echo.payload())));
            assertEquals(2, b.drops(DropReason.NOT_FOR_US).size());
            b.frame(0, new EthernetFrame(HOST_MAC, PEER_MAC, VlanTag.of(10), echo));
            assertEquals(1, b.drops(DropReason.VLAN_NOT_ALLOWED).size());
            b.frame(0, EthernetFrame.untagged(HOST_MAC, PEER_MAC, new io.firsthop.wire.RawEthernetPayload(0x86DD, Bytes.zeros(40))));
            assertEquals(1, b.drops(DropReason.UNSUPPORTED).size());
            assertTrue(b.takeSent().isEmpty());
        }
    }

    @Nested
    @DisplayName("probes")
    class Probes {
        @Test
        @DisplayName("a flow sends at start + k * interval with sequences 0, 1, 2 and its own identifier")
        void timing() {
            Bench b = running(config(GW_IP, ProbeFlow.of("a", PEER_IP, 200 * MS, S), ProbeFlow.of("b", PEER_IP, S, 0)));
            neighbour(b, PEER_MAC, PEER_IP);
            b.advanceTo(1400 * MS);
            List<ProbeSent> sentA = b.events(ProbeSent.class).stream().filter(p -> p.flow().equals("a")).toList();
            assertEquals(List.of(new ProbeSent(S, "h1", "a", 0, PEER_IP), new ProbeSent(1200 * MS, "h1", "a", 1, PEER_IP),
                    new ProbeSent(1400 * MS, "h1", "a", 2, PEER_IP)), sentA);
            List<IcmpEcho> wire = b.takeSent().stream().map(s -> (IcmpEcho) ipOf(s).payload()).filter(e -> e.identifier() == 1).toList();
            assertEquals(List.of(0, 1, 2), wire.stream().map(IcmpEcho::sequence).toList());
            assertTrue(b.events(ProbeSent.class).stream().anyMatch(p -> p.flow().equals("b") && p.at() == S));
        }

        @Test
        @DisplayName("an answer reports the round trip time and the MAC the request went to (the gateway used)")
        void answered() {
            Bench b = running(config(GW_IP, ProbeFlow.of("p", REMOTE, S, S)));
            neighbour(b, GW_MAC, GW_IP);
            b.advanceTo(S);
            b.advanceTo(S + 5 * MS).frame(0, echoReplyFrame(GW_MAC, REMOTE, 1, 0));
            assertEquals(List.of(new ProbeAnswered(S + 5 * MS, "h1", "p", 0, 5 * MS, GW_MAC)), b.events(ProbeAnswered.class));
            b.advanceTo(10 * S);
            assertTrue(b.events(ProbeLost.class).stream().noneMatch(l -> l.sequence() == 0));
        }

        @Test
        @DisplayName("an unanswered probe is lost exactly at sentAt + timeout; a later reply is ignored with a Note")
        void lostThenLate() {
            Bench b = running(config(GW_IP, new ProbeFlow("p", REMOTE, 10 * S, 300 * MS, S)));
            neighbour(b, GW_MAC, GW_IP);
            b.advanceTo(1300 * MS - 1);
            assertTrue(b.events(ProbeLost.class).isEmpty());
            b.advanceTo(1300 * MS);
            assertEquals(List.of(new ProbeLost(1300 * MS, "h1", "p", 0, S)), b.events(ProbeLost.class));
            b.advanceTo(1400 * MS).frame(0, echoReplyFrame(GW_MAC, REMOTE, 1, 0));
            assertTrue(b.events(ProbeAnswered.class).isEmpty());
            assertTrue(b.events(TraceEvent.Note.class).stream().anyMatch(n -> n.text().contains("declared lost")));
        }

        @Test
        @DisplayName("answering a probe out of order does not delay the loss of an older one")
        void outOfOrderAnswers() {
            Bench b = running(config(GW_IP, new ProbeFlow("p", REMOTE, 100 * MS, S, 0)));
            neighbour(b, GW_MAC, GW_IP);
            b.advanceTo(150 * MS).frame(0, echoReplyFrame(GW_MAC, REMOTE, 1, 1));
            b.advanceTo(S);
            assertEquals(List.of(new ProbeLost(S, "h1", "p", 0, 0)), b.events(ProbeLost.class));
            b.advanceTo(1200 * MS);
            assertEquals(List.of(0, 2), b.events(ProbeLost.class).stream().map(ProbeLost::sequence).toList());
        }

        @Test
        @DisplayName("RFC 792: the wire sequence wraps at 2^16 while the traced sequence keeps counting")
        void sequenceWraps() {
            Bench b = running(config(GW_IP, new ProbeFlow("p", PEER_IP, 1000, 500, 0)));
            neighbour(b, PEER_MAC, PEER_IP);
            for (long t = 0; t < 65536L * 1000; t += 1000 * 4096) {
                b.advanceTo(t);
                b.clear();
            }
            b.advanceTo(65536L * 1000);
            List<Sent> sent = b.takeSent();
            IcmpEcho last = (IcmpEcho) ipOf(sent.get(sent.size() - 1)).payload();
            assertEquals(0, last.sequence());
            ProbeSent traced = b.events(ProbeSent.class).get(b.events(ProbeSent.class).size() - 1);
            assertEquals(65536, traced.sequence());
            b.frame(0, echoReplyFrame(PEER_MAC, PEER_IP, 1, 0));
            assertEquals(65536, b.events(ProbeAnswered.class).get(0).sequence());
        }

        @Test
        @DisplayName("naive redundancy: after SetGateway the probes go to the new gateway's MAC")
        void setGateway() {
            Bench b = running(config(GW_IP, ProbeFlow.of("p", REMOTE, S, 0)));
            neighbour(b, GW_MAC, GW_IP);
            neighbour(b, GW2_MAC, GW2_IP);
            b.advanceTo(S).command(new SetGateway(GW2_IP)).advanceTo(2 * S);
            b.frame(0, echoReplyFrame(GW2_MAC, REMOTE, 1, 2));
            assertEquals(GW2_IP, host(b).gateway());
            assertEquals(GW2_MAC, b.events(ProbeAnswered.class).get(0).via());
        }

        @Test
        @DisplayName("StopProbeFlow: no request after it, the one in flight still ends, and a restart does not resume the flow")
        void stopProbeFlow() {
            Bench b = running(config(GW_IP, new ProbeFlow("p", PEER_IP, S, 500 * MS, 100 * MS), ProbeFlow.of("q", PEER_IP, S, 100 * MS)));
            neighbour(b, PEER_MAC, PEER_IP);
            b.advanceTo(1200 * MS).command(new StopProbeFlow("p")).advanceTo(3 * S);
            assertEquals(List.of(0, 1), b.events(ProbeSent.class).stream().filter(p -> p.flow().equals("p")).map(ProbeSent::sequence).toList());
            assertEquals(List.of(0, 1), b.events(ProbeLost.class).stream().filter(p -> p.flow().equals("p")).map(ProbeLost::sequence).toList(),
                    "the probe sent at 1.1 s still ends, lost at 1.6 s");
            assertEquals(3, b.events(ProbeSent.class).stream().filter(p -> p.flow().equals("q")).count(), "other flows go on");
            b.input(DeviceInput.CRASH).clear();
            b.powerOn().advanceTo(6 * S);
            assertTrue(b.events(ProbeSent.class).stream().noneMatch(p -> p.flow().equals("p")));
            assertTrue(b.events(ProbeSent.class).stream().anyMatch(p -> p.flow().equals("q")));
        }

        @Test
        @DisplayName("StopProbeFlow while the host is down still holds at the next power-on")
        void stopWhileDown() {
            Bench b = running(config(GW_IP, ProbeFlow.of("p", PEER_IP, S, 0)));
            b.input(DeviceInput.CRASH).command(new StopProbeFlow("p")).clear();
            b.advanceTo(2 * S).powerOn().advanceTo(5 * S);
            assertTrue(b.events(ProbeSent.class).isEmpty());
        }

        @Test
        @DisplayName("SetGateway to an address off the subnet is rejected with a Note")
        void setGatewayOffLink() {
            Bench b = running(config(GW_IP));
            b.command(new SetGateway(REMOTE));
            assertEquals(GW_IP, host(b).gateway());
            assertTrue(b.events(TraceEvent.Note.class).stream().anyMatch(n -> n.text().contains("rejected")));
        }
    }

    @Nested
    @DisplayName("lifecycle")
    class Lifecycle {
        @Test
        @DisplayName("a host that is not running drops frames DEVICE_DOWN and does nothing")
        void downDropsFrames() {
            Bench b = new Bench(new Host(config(GW_IP)));
            b.frame(0, arpRequest(PEER_MAC, PEER_IP, HOST_IP));
            assertEquals(1, b.drops(DropReason.DEVICE_DOWN).size());
            assertTrue(b.takeSent().isEmpty());
            assertFalse(b.device.running());
        }

        @Test
        @DisplayName("a crash closes outstanding probes, ignores timers, and a restart starts with an empty ARP cache")
        void crashAndRestart() {
            Bench b = running(config(GW_IP, ProbeFlow.of("p", REMOTE, S, 0)));
            neighbour(b, GW_MAC, GW_IP);
            b.advanceTo(500 * MS).input(DeviceInput.CRASH);
            assertEquals(List.of(new ProbeLost(500 * MS, "h1", "p", 0, 0)), b.events(ProbeLost.class));
            assertTrue(b.out.timers.isEmpty(), "every timer cancelled");
            b.clear();
            b.advanceTo(10 * S).powerOn().advanceTo(10 * S);
            assertNull(host(b).arpLookup(GW_IP));
            List<Sent> sent = b.takeSent();
            assertEquals(GW_IP, arpOf(sent.get(0)).targetIp(), "fresh cache: the gateway is ARPed again");
            assertEquals(List.of(new ProbeSent(10 * S, "h1", "p", 1, REMOTE)), b.events(ProbeSent.class));
        }

        @Test
        @DisplayName("carrier lost while running is not remembered across a power cycle: the runtime re-reports it after PowerOn")
        void powerOnAssumesCarrier() {
            Bench b = running(config(GW_IP, ProbeFlow.of("p", REMOTE, S, S)));
            b.input(new DeviceInput.CarrierChanged(0, false));
            b.input(DeviceInput.CRASH);
            b.clear();
            b.advanceTo(2 * S).powerOn();
            b.advanceTo(3 * S);
            assertTrue(b.drops(DropReason.PORT_DOWN).isEmpty(), "the port is up again after PowerOn");
            assertEquals(GW_IP, arpOf(b.takeSent().get(0)).targetIp(), "the probe's gateway is ARPed on the wire");
        }

        @Test
        @DisplayName("with the port down, packets are dropped PORT_DOWN and the ARP cache is flushed")
        void portDown() {
            Bench b = running(config(GW_IP, ProbeFlow.of("p", REMOTE, S, S)));
            neighbour(b, GW_MAC, GW_IP);
            b.input(new DeviceInput.CarrierChanged(0, false));
            assertNull(host(b).arpLookup(GW_IP));
            b.advanceTo(S);
            assertTrue(b.takeSent().isEmpty());
            assertEquals(1, b.drops(DropReason.PORT_DOWN).size());
            assertTrue(b.events(TraceEvent.DeviceEvent.class).stream().anyMatch(e -> e.what().equals("port eth0 down (carrier)")));
        }
    }
}
