package io.firsthop.wire.codec;

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
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.Ipv4Payload;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.RawEthernetPayload;
import io.firsthop.wire.RawIpPayload;
import io.firsthop.wire.RawUdpPayload;
import io.firsthop.wire.UdpDatagram;
import io.firsthop.wire.VlanTag;
import io.firsthop.wire.VrrpAdvertisement;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of valid records, one per wire format, for the round-trip and robustness properties. */
final class WireArbitraries {
    private WireArbitraries() {
    }

    static Arbitrary<Integer> ints(int min, int max) {
        return Arbitraries.integers().between(min, max);
    }

    static Arbitrary<Bytes> bytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max).map(Bytes::of);
    }

    static Arbitrary<MacAddress> macs() {
        return Arbitraries.longs().between(0, 0xFFFF_FFFF_FFFFL).map(MacAddress::new);
    }

    static Arbitrary<Ipv4Address> ips() {
        return Arbitraries.integers().map(Ipv4Address::new);
    }

    static Arbitrary<EthernetFrame> frames() {
        Arbitrary<VlanTag> vlans = Combinators.combine(ints(0, 7), Arbitraries.of(true, false), ints(0, 4095)).as(VlanTag::new);
        return Combinators.combine(macs(), macs(), vlans.injectNull(0.5), ethernetPayloads()).as(EthernetFrame::new);
    }

    static Arbitrary<EthernetPayload> ethernetPayloads() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, arps()),
                net.jqwik.api.Tuple.of(1, rawEthernet()),
                net.jqwik.api.Tuple.of(6, ipv4Packets()));
    }

    static Arbitrary<ArpPacket> arps() {
        return Combinators.combine(Arbitraries.of(ArpPacket.REQUEST, ArpPacket.REPLY), macs(), ips(), macs(), ips()).as(ArpPacket::new);
    }

    static Arbitrary<RawEthernetPayload> rawEthernet() {
        return Combinators.combine(ints(0, 0xFFFF).filter(t -> t != 0x0800 && t != 0x0806 && t != 0x8100), bytes(0, 80))
                .as(RawEthernetPayload::new);
    }

    record IpHeader(int dscp, int ecn, int id, boolean df, int ttl, Bytes options) {
    }

    static Arbitrary<Ipv4Packet> ipv4Packets() {
        Arbitrary<IpHeader> headers = Combinators.combine(ints(0, 63), ints(0, 3), ints(0, 0xFFFF), Arbitraries.of(true, false),
                ints(0, 255), ints(0, 10).flatMap(n -> bytes(4 * n, 4 * n))).as(IpHeader::new);
        return Combinators.combine(headers, ips(), ips(), ipv4Payloads()).as((h, s, d, p) ->
                new Ipv4Packet(h.dscp(), h.ecn(), h.id(), h.df(), h.ttl(), s, d, h.options(), p));
    }

    static Arbitrary<Ipv4Payload> ipv4Payloads() {
        return Arbitraries.oneOf(udpDatagrams(), vrrpAdverts(), icmpMessages(),
                Combinators.combine(ints(0, 255).filter(p -> p != 1 && p != 17 && p != 112), bytes(0, 60)).as(RawIpPayload::new));
    }

    static Arbitrary<VrrpAdvertisement> vrrpAdverts() {
        Arbitrary<List<Ipv4Address>> addresses = ips().list().ofMinSize(1).ofMaxSize(8);
        Arbitrary<VrrpAdvertisement> v3 = Combinators.combine(ints(1, 255), ints(0, 255), ints(0, 4095), addresses)
                .as(VrrpAdvertisement::v3);
        Arbitrary<VrrpAdvertisement> v2 = Combinators.combine(ints(1, 255), ints(0, 255), ints(0, 255), addresses, ints(0, 255),
                bytes(8, 8)).as((vrid, prio, interval, addrs, authType, auth) -> new VrrpAdvertisement(2, vrid, prio, interval,
                addrs, authType, auth));
        return Arbitraries.oneOf(v2, v3);
    }

    static Arbitrary<IcmpMessage> icmpMessages() {
        Arbitrary<IcmpMessage> echo = Combinators.combine(Arbitraries.of(true, false), ints(0, 0xFFFF), ints(0, 0xFFFF), bytes(0, 56))
                .as(IcmpEcho::new);
        Arbitrary<IcmpMessage> error = Combinators.combine(Arbitraries.of(IcmpMessage.TYPE_DESTINATION_UNREACHABLE,
                IcmpMessage.TYPE_TIME_EXCEEDED), ints(0, 255), bytes(0, 56)).as(IcmpError::new);
        return Arbitraries.oneOf(echo, error);
    }

    static Arbitrary<UdpDatagram> udpDatagrams() {
        Arbitrary<UdpDatagram> raw = Combinators.combine(ints(0, 0xFFFF),
                ints(0, 0xFFFF).filter(p -> p != UdpDatagram.PORT_HSRP && p != UdpDatagram.PORT_GLBP), bytes(0, 60))
                .as((s, d, data) -> new UdpDatagram(s, d, new RawUdpPayload(data)));
        Arbitrary<UdpDatagram> hsrp = Combinators.combine(ints(0, 0xFFFF), Arbitraries.oneOf(hsrpV1(), hsrpV2()))
                .as((s, m) -> new UdpDatagram(s, UdpDatagram.PORT_HSRP, m));
        Arbitrary<UdpDatagram> glbp = Combinators.combine(ints(0, 0xFFFF), glbp())
                .as((s, m) -> new UdpDatagram(s, UdpDatagram.PORT_GLBP, m));
        return Arbitraries.oneOf(raw, hsrp, glbp);
    }

    static Arbitrary<HsrpV1Message> hsrpV1() {
        return Combinators.combine(Arbitraries.of(HsrpOpCode.class), Arbitraries.of(HsrpState.class).filter(s -> s != HsrpState.DISABLED),
                ints(0, 255), ints(0, 255), ints(0, 255), ints(0, 255), bytes(8, 8), ips()).as(HsrpV1Message::new);
    }

    static Arbitrary<HsrpV2Tlv.GroupState> groupStates() {
        return Combinators.combine(Arbitraries.of(HsrpOpCode.class), Arbitraries.of(HsrpState.class), ints(0, 4095), macs(),
                ints(0, 255), ints(0, Integer.MAX_VALUE), ints(0, Integer.MAX_VALUE), ips()).as(HsrpV2Tlv.GroupState::new);
    }

    static Arbitrary<HsrpV2Tlv.InterfaceState> interfaceStates() {
        return Combinators.combine(ints(0, 0xFFFF), ints(0, 0xFFFF)).as(HsrpV2Tlv.InterfaceState::new);
    }

    static Arbitrary<HsrpV2Message> hsrpV2() {
        Arbitrary<HsrpV2Tlv> first = Arbitraries.oneOf(groupStates(), interfaceStates());
        Arbitrary<HsrpV2Tlv> any = Arbitraries.oneOf(groupStates(), interfaceStates(),
                bytes(8, 8).map(HsrpV2Tlv.TextAuth::new), bytes(28, 28).map(HsrpV2Tlv.Md5Auth::new),
                Combinators.combine(ints(5, 255), bytes(0, 40)).as(HsrpV2Tlv.Unknown::new));
        return Combinators.combine(first, any.list().ofMaxSize(3)).as((f, rest) -> {
            List<HsrpV2Tlv> tlvs = new ArrayList<>();
            tlvs.add(f);
            tlvs.addAll(rest);
            return new HsrpV2Message(tlvs);
        });
    }

    static Arbitrary<GlbpTlv> glbpTlvs() {
        Arbitrary<int[]> unknowns = Combinators.combine(ints(0, 255), ints(0, 255), ints(0, 0xFFFF), ints(0, 0xFFFF))
                .as((a, b, c, d) -> new int[] {a, b, c, d});
        Arbitrary<GlbpTlv> hello = Combinators.combine(Arbitraries.of(GlbpState.class), ints(0, 255), ints(0, Integer.MAX_VALUE),
                ints(0, Integer.MAX_VALUE), ints(0, 0xFFFF), ints(0, 0xFFFF), ips(), unknowns).as((st, pr, he, ho, re, to, ip, u) ->
                new GlbpTlv.Hello(st, pr, he, ho, re, to, ip, u[0], u[1], u[2], u[3]));
        Arbitrary<GlbpTlv> forwarder = Combinators.combine(ints(0, 255), Arbitraries.of(GlbpState.class), ints(0, 255), ints(0, 255),
                macs(), ints(0, 255), bytes(7, 7)).as(GlbpTlv.RequestResponse::new);
        Arbitrary<GlbpTlv> auth = Combinators.combine(ints(0, 255), bytes(0, 40)).as(GlbpTlv.Auth::new);
        Arbitrary<GlbpTlv> unknown = Combinators.combine(Arbitraries.oneOf(Arbitraries.just(0), ints(4, 255)), bytes(0, 40))
                .as(GlbpTlv.Unknown::new);
        return Arbitraries.oneOf(hello, forwarder, auth, unknown);
    }

    static Arbitrary<GlbpMessage> glbp() {
        return Combinators.combine(ints(0, 255), ints(0, 1023), ints(0, 0xFFFF), macs(), glbpTlvs().list().ofMaxSize(4))
                .as((u1, group, u2, owner, tlvs) -> new GlbpMessage(GlbpMessage.VERSION, u1, group, u2, owner, tlvs));
    }
}
