package io.firsthop.cluster.serial;

import com.esotericsoftware.kryo.io.Output;
import io.firsthop.cluster.ClockProbe;
import io.firsthop.cluster.Failure;
import io.firsthop.cluster.SiteControl;
import io.firsthop.cluster.DeviceActor;
import io.firsthop.cluster.Downlink;
import io.firsthop.cluster.Ingress;
import io.firsthop.cluster.SiteTrace;
import io.firsthop.cluster.Uplink;
import io.firsthop.core.DeviceCommand;
import io.firsthop.core.DeviceInput;
import io.firsthop.core.glbp.GlbpCommand;
import io.firsthop.core.host.SetGateway;
import io.firsthop.core.hsrp.SetHsrpPriority;
import io.firsthop.core.hypervisor.CompositeCommand;
import io.firsthop.core.link.LinkConfig;
import io.firsthop.core.vrrp.VrrpCommand;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.EthernetPayload;
import io.firsthop.wire.GlbpMessage;
import io.firsthop.wire.GlbpState;
import io.firsthop.wire.GlbpTlv;
import io.firsthop.wire.HsrpOpCode;
import io.firsthop.wire.HsrpState;
import io.firsthop.wire.HsrpV1Message;
import io.firsthop.wire.HsrpV2Message;
import io.firsthop.wire.HsrpV2Tlv;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.IcmpError;
import io.firsthop.wire.IcmpMessage;
import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.Ipv4Payload;
import io.firsthop.wire.Ipv4Prefix;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.RawEthernetPayload;
import io.firsthop.wire.RawIpPayload;
import io.firsthop.wire.RawUdpPayload;
import io.firsthop.wire.UdpDatagram;
import io.firsthop.wire.UdpPayload;
import io.firsthop.wire.VlanTag;
import io.firsthop.wire.VrrpAdvertisement;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KryoCodecTest {
    /** A command a later module would add through firsthop.kryo.extra-registrations. */
    record SetPriority(String group, int priority) implements DeviceCommand {}

    /** Not on any list. */
    record NotOnTheList(int x) {}

    private static final MacAddress M1 = MacAddress.parse("00:00:5e:00:01:33");
    private static final MacAddress M2 = MacAddress.parse("ff:ee:dd:cc:bb:aa");
    private static final Ipv4Address A = Ipv4Address.parse("10.0.0.1");
    private static final Ipv4Address B = Ipv4Address.parse("255.255.255.254");

    private final ActorTestKit kit = ActorTestKit.create("kryo-codec-test");
    private KryoCodec codec;
    private ActorRef<Uplink.Command> someRef;

    @BeforeAll
    void start() {
        ActorRefResolver resolver = ActorRefResolver.get(kit.system());
        codec = new KryoCodec(List.of(SetPriority.class), resolver::toSerializationFormat, resolver::resolveActorRef);
        someRef = kit.<Uplink.Command>createTestProbe().ref();
    }

    @AfterAll
    void stop() {
        kit.shutdownTestKit();
    }

    List<Object> samples() {
        EthernetFrame arp = EthernetFrame.untagged(MacAddress.BROADCAST, M1, ArpPacket.request(M1, A, B));
        Ipv4Packet echo = new Ipv4Packet(46, 1, 0xBEEF, true, 255, A, B, Bytes.ofHex("01020304"),
                IcmpEcho.request(7, 65535, Bytes.ofHex("cafe")));
        EthernetFrame tagged = new EthernetFrame(M2, M1, new VlanTag(5, true, 4094), echo);
        EthernetFrame vrrp = EthernetFrame.untagged(MacAddress.ofIpv4Multicast(Ipv4Address.VRRP_MULTICAST), M1,
                Ipv4Packet.of(255, A, Ipv4Address.VRRP_MULTICAST, VrrpAdvertisement.v3(51, 110, 100, List.of(A))));
        List<Object> s = new ArrayList<>(List.of(
                M1, A, Ipv4Prefix.parse("10.0.0.0/24"), InterfaceAddress.parse("10.0.0.1/24"), Bytes.ofHex("00ff10"),
                new VlanTag(7, false, 1), arp, ArpPacket.reply(M1, A, M2, B), echo,
                IcmpEcho.request(1, 2, Bytes.EMPTY).toReply(), IcmpError.timeExceeded(Bytes.zeros(28)),
                new UdpDatagram(1985, 1985, new RawUdpPayload(Bytes.ofHex("00112233"))), new RawUdpPayload(Bytes.EMPTY),
                VrrpAdvertisement.v2(1, 255, 1, List.of(A, B, Ipv4Address.ANY)),
                new RawEthernetPayload(0x88CC, Bytes.ofHex("0102")), new RawIpPayload(89, Bytes.ofHex("ab")),
                List.of(), List.of(A),
                DropReason.QUEUE_FULL,
                new TraceEvent.FrameSent(1, "r1", "ge0", tagged),
                new TraceEvent.FrameReceived(2, "h1", "eth0", vrrp),
                new TraceEvent.FrameDropped(3, "sw1", "p1", arp, DropReason.VLAN_NOT_ALLOWED, "vlan 100"),
                new TraceEvent.ArpLearned(4, "h1", A, M1, null),
                new TraceEvent.ArpExpired(5, "h1", A, M1),
                new TraceEvent.ArpFailed(6, "h1", B, 3),
                new TraceEvent.MacLearned(7, "sw1", 1, M1, "p2"),
                new TraceEvent.MacMoved(8, "sw1", 1, M1, "p2", "p3"),
                new TraceEvent.MacRemoved(9, "sw1", 1, M1, "p3", "aged out"),
                new TraceEvent.StateChanged(10, "r1", "vrrp 51 on ge0", "Backup", "Master", "no-response"),
                new TraceEvent.DeviceEvent(11, "r1", "crash"),
                new TraceEvent.LinkEvent(12, "r1:ge0--sw1:p1", "cut"),
                new TraceEvent.ProbeSent(13, "h1", "h1->h9", 1, B),
                new TraceEvent.ProbeAnswered(14, "h1", "h1->h9", 1, 2_000_000L, VrrpAdvertisement.virtualMac(51)),
                new TraceEvent.ProbeLost(15, "h1", "h1->h9", 2, 13),
                new TraceEvent.Note(16, "r1", "configuration applied: caf\u00e9 \uD83D\uDE00"),
                DeviceInput.POWER_ON, new DeviceInput.FrameArrived(1, arp), new DeviceInput.TimerFired("master-down"),
                new DeviceInput.CarrierChanged(0, false), new DeviceInput.AdminPortState(1, true), DeviceInput.CRASH,
                DeviceInput.SHUTDOWN, new DeviceInput.Command(new SetPriority("vrrp 51", 90)),
                someRef,
                new SiteTrace("seoul", new TraceEvent.Note(17, "r1", "x")),
                new DeviceActor.Inject(DeviceInput.SHUTDOWN),
                new Ingress.Hello("seoul", someRef),
                new Uplink.Welcome(kit.<Downlink.Command>createTestProbe().ref()),
                new Uplink.Ack(Long.MAX_VALUE), new Uplink.Lost(3, 7),
                new Downlink.Frame(1, 4, -123_456_789L, 2, tagged),
                new Ingress.ClockPing(42, kit.<ClockProbe.ClockPong>createTestProbe().ref()),
                new ClockProbe.ClockPong(42, 43),
                HsrpOpCode.COUP, HsrpState.STANDBY,
                HsrpV1Message.hello(HsrpState.ACTIVE, 3, 10, 110, 7, A),
                HsrpV2Message.hello(HsrpState.SPEAK, 300, M1, 100, A),
                new HsrpV2Tlv.InterfaceState(2, 1), HsrpV2Tlv.TextAuth.DEFAULT,
                new HsrpV2Tlv.Md5Auth(Bytes.zeros(28)), new HsrpV2Tlv.Unknown(9, Bytes.ofHex("0102")),
                GlbpState.LISTEN,
                GlbpMessage.of(10, M1, List.of(GlbpTlv.Hello.of(GlbpState.STANDBY, 100, 3000, 10000, 600, 14400, A),
                        GlbpTlv.RequestResponse.of(1, GlbpState.LISTEN, 167, 100, GlbpMessage.virtualMac(10, 1)),
                        new GlbpTlv.Auth(GlbpTlv.Auth.AUTH_PLAIN_TEXT, Bytes.ofHex("6369736330")),
                        new GlbpTlv.Unknown(9, Bytes.ofHex("ff")))),
                GlbpTlv.Hello.of(GlbpState.ACTIVE, 100, 3000, 10000, 600, 14400, B),
                GlbpTlv.RequestResponse.of(2, GlbpState.ACTIVE, 100, 50, GlbpMessage.virtualMac(10, 2)),
                new GlbpTlv.Auth(GlbpTlv.Auth.AUTH_NONE, Bytes.EMPTY), new GlbpTlv.Unknown(200, Bytes.EMPTY),
                new HsrpV2Tlv.GroupState(HsrpOpCode.HELLO, HsrpState.ACTIVE, 4000, M2, 255, 3000, 10000, B),
                new Downlink.Carrier(5, false),
                new LinkConfig(2_000_000, 100_000, 0.01, 1_000_000_000L, 64, true),
                new SetGateway(A), new SetGateway(null),
                new VrrpCommand.SetPriority("lan", 1, 90), new VrrpCommand.SetPriority(null, 255, 1),
                new SiteControl.Apply(new Failure.Crash("r1", true), 1_000_000_000L),
                new SiteControl.BeginRun(1_700_000_000_000_000_000L, -7),
                new Failure.Shutdown("r1"), new Failure.Restart("r1"), new Failure.InterfaceDown("r1", "lan"),
                new Failure.InterfaceUp("r1", "lan"), new Failure.CutLink("r1-lan"), new Failure.RestoreLink("r1-lan"),
                new Failure.ImpairLink("r1-lan", LinkConfig.ofLatency(5)),
                new Failure.ImpairWan("seoul", "daegu", LinkConfig.IDEAL.withLoss(0.5)),
                new Failure.Partition("seoul", "daegu"), new Failure.Heal("daegu", "seoul"),
                new Failure.KillSite("seoul"), new Failure.Command("h1", new SetGateway(B)),
                new Failure.Crash("sw1", false),
                new SetHsrpPriority("lan", 10, 90), new SetHsrpPriority(null, 0, 0),
                new GlbpCommand.SetWeighting(1, 50), new GlbpCommand.SetPriority(1, 200),
                new CompositeCommand.ToCore("vr1", new SetGateway(A)), new CompositeCommand.CrashCore("vr1"),
                new CompositeCommand.RestartCore("vr1"),
                new SiteControl.RunQuery(kit.<SiteControl.Command>createTestProbe().ref())));
        return s;
    }

    @Test
    @DisplayName("the samples cover every class of the built-in registration list")
    void samplesCoverTheList() {
        Set<Class<?>> covered = new LinkedHashSet<>();
        for (Object o : samples()) covered.add(o instanceof ActorRef<?> ? ActorRef.class : o.getClass());
        Set<Class<?>> missing = new LinkedHashSet<>(KryoRegistrations.builtIn());
        missing.removeAll(covered);
        assertEquals(Set.of(), missing);
    }

    @Test
    @DisplayName("every record of the sealed wire, trace, input, failure and command hierarchies is registered")
    void sealedHierarchiesAreRegistered() {
        List<Class<?>> leaves = new ArrayList<>();
        for (Class<?> root : List.of(TraceEvent.class, DeviceInput.class, EthernetPayload.class, Ipv4Payload.class,
                IcmpMessage.class, UdpPayload.class, HsrpV2Tlv.class, GlbpTlv.class, Failure.class, VrrpCommand.class,
                GlbpCommand.class, CompositeCommand.class)) {
            collectLeaves(root, leaves);
        }
        List<Class<?>> unregistered = leaves.stream().filter(c -> !KryoRegistrations.builtIn().contains(c)).toList();
        assertEquals(List.of(), unregistered, "add these to KryoRegistrations");
    }

    private static void collectLeaves(Class<?> type, List<Class<?>> out) {
        if (type.isSealed()) {
            for (Class<?> sub : type.getPermittedSubclasses()) collectLeaves(sub, out);
        } else {
            out.add(type);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    @DisplayName("round trip: decode(encode(x)) equals x")
    void roundTrip(Object sample) {
        long before = codec.rejections();
        Object back = codec.decode(codec.encode(sample));
        assertEquals(sample, back);
        assertEquals(before, codec.rejections());
    }

    @Nested
    @DisplayName("refused on the way out, and counted")
    class Outbound {
        @Test
        @DisplayName("an object of a class not on the list")
        void unregisteredClass() {
            long before = codec.rejectedOutbound();
            KryoRejectedException e = assertThrows(KryoRejectedException.class, () -> codec.encode(new NotOnTheList(1)));
            assertEquals(KryoRejectedException.Reason.UNREGISTERED_CLASS, e.reason());
            assertTrue(e.getMessage().contains(NotOnTheList.class.getName()), e.getMessage());
            assertEquals(before + 1, codec.rejectedOutbound());
        }

        @Test
        @DisplayName("a registered record holding an object of a class not on the list")
        void unregisteredInside() {
            long before = codec.rejectedOutbound();
            assertThrows(KryoRejectedException.class,
                    () -> codec.encode(new DeviceInput.TimerFired(new StringBuilder("key"))));
            assertThrows(KryoRejectedException.class, () -> codec.encode(new java.util.Date()));
            assertEquals(before + 2, codec.rejectedOutbound());
            // the pooled buffers are clean again afterwards
            assertEquals(DeviceInput.CRASH, codec.decode(codec.encode(DeviceInput.CRASH)));
        }
    }

    @Nested
    @DisplayName("refused on the way in, and counted")
    class Inbound {
        @Test
        @DisplayName("every truncation of every sample's bytes")
        void truncated() {
            for (Object sample : samples()) {
                byte[] whole = codec.encode(sample);
                long before = codec.rejectedInbound();
                for (int n = 0; n < whole.length; n++) {
                    byte[] cut = Arrays.copyOf(whole, n);
                    KryoRejectedException e = assertThrows(KryoRejectedException.class, () -> codec.decode(cut),
                            () -> sample + " cut to " + cut.length + " bytes decoded");
                    assertFalse(e.getMessage().isBlank());
                }
                assertEquals(before + whole.length, codec.rejectedInbound(), sample.toString());
            }
        }

        @Test
        @DisplayName("bytes left over after a message")
        void trailingBytes() {
            byte[] whole = codec.encode(new Uplink.Ack(5));
            byte[] longer = Arrays.copyOf(whole, whole.length + 1);
            long before = codec.rejectedInbound();
            KryoRejectedException e = assertThrows(KryoRejectedException.class, () -> codec.decode(longer));
            assertEquals(KryoRejectedException.Reason.MALFORMED, e.reason());
            assertEquals(before + 1, codec.rejectedInbound());
        }

        @Test
        @DisplayName("a class id that is not registered")
        void unknownClassId() {
            Output out = new Output(16);
            out.writeVarInt(5000 + 2, true);
            long before = codec.rejectedInbound();
            KryoRejectedException e = assertThrows(KryoRejectedException.class, () -> codec.decode(out.toBytes()));
            assertEquals(KryoRejectedException.Reason.UNKNOWN_CLASS_ID, e.reason());
            assertEquals(before + 1, codec.rejectedInbound());
        }

        @Test
        @DisplayName("a class given by name is refused without loading it")
        void classByName() {
            Output out = new Output(128);
            out.writeVarInt(1, true); // Kryo's "class by name" marker
            out.writeVarInt(0, true);
            out.writeString(Tripwire.class.getName());
            long before = codec.rejectedInbound();
            KryoRejectedException e = assertThrows(KryoRejectedException.class, () -> codec.decode(out.toBytes()));
            assertEquals(KryoRejectedException.Reason.UNKNOWN_CLASS_ID, e.reason());
            assertEquals(before + 1, codec.rejectedInbound());
            assertFalse(Tripwire.Flag.loaded, "the named class was initialised");
        }

        @Test
        @DisplayName("a length larger than the bytes received is refused before anything is allocated")
        void impossibleLength() {
            Output out = new Output(16);
            out.writeVarInt(KryoRegistrations.FIRST_ID + KryoRegistrations.builtIn().indexOf(Bytes.class) + 2, true);
            out.writeVarInt(Integer.MAX_VALUE, true);
            long before = codec.rejectedInbound();
            KryoRejectedException e = assertThrows(KryoRejectedException.class, () -> codec.decode(out.toBytes()));
            assertEquals(KryoRejectedException.Reason.MALFORMED, e.reason());
            assertEquals(before + 1, codec.rejectedInbound());
        }

        @Test
        @DisplayName("a registered object where the enclosing packet allows only its own payload kinds")
        void wrongPayloadKind() {
            byte[] packet = codec.encode(new Ipv4Packet(0, 0, 0, false, 64, A, B, Bytes.EMPTY,
                    new RawIpPayload(1, Bytes.EMPTY)));
            // class id, ToS, identification (2), DF, TTL, source (4), destination (4), options length: 15 bytes,
            // then the payload's class id, replaced here by PowerOn's (a registered record, but no IPv4 payload)
            byte[] forged = Arrays.copyOf(packet, 16);
            forged[15] = (byte) (KryoRegistrations.FIRST_ID + KryoRegistrations.builtIn().indexOf(DeviceInput.PowerOn.class) + 2);
            long before = codec.rejectedInbound();
            KryoRejectedException e = assertThrows(KryoRejectedException.class, () -> codec.decode(forged));
            assertEquals(KryoRejectedException.Reason.MALFORMED, e.reason());
            assertTrue(e.getMessage().contains("not an IPv4 payload"), e.getMessage());
            assertEquals(before + 1, codec.rejectedInbound());
        }
    }

    @Test
    @DisplayName("a 64-byte frame in a cross-site envelope stays small on the wire")
    void envelopeSize() {
        Downlink.Frame f = new Downlink.Frame(1_000_000, 7, 123_456_789_000L, 0, EthernetFrame.untagged(M2, M1,
                Ipv4Packet.of(64, A, B, IcmpEcho.request(1, 1, Bytes.zeros(18)))));
        byte[] bytes = codec.encode(f);
        assertTrue(bytes.length < 80, bytes.length + " bytes");
        assertArrayEquals(bytes, codec.encode(codec.decode(bytes)));
    }

}
