package io.firsthop.wire.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.DecodeException;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.GlbpMessage;
import io.firsthop.wire.HsrpV1Message;
import io.firsthop.wire.HsrpV2Message;
import io.firsthop.wire.IcmpMessage;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.RawEthernetPayload;
import io.firsthop.wire.UdpDatagram;
import io.firsthop.wire.UdpPayload;
import io.firsthop.wire.VrrpAdvertisement;
import io.firsthop.wire.WireOptions;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * decode(encode(x)) == x for random valid records of every format, and decoding of random or
 * mutated bytes never throws anything but {@link DecodeException}.
 */
class WirePropertiesTest {
    static final Ipv4Address SRC = Ipv4Address.parse("192.0.2.1");
    static final Ipv4Address DST = Ipv4Address.parse("224.0.0.18");

    static WireOptions options(boolean pseudoHeader) {
        return new WireOptions(pseudoHeader, false);
    }

    @Provide
    Arbitrary<EthernetFrame> frames() {
        return WireArbitraries.frames();
    }

    @Property
    @Label("whole frames: decode(encode(f)) == f under either VRRPv3 checksum mode, padded or not; encodedLength is the encoded size")
    void framesRoundTrip(@ForAll("frames") EthernetFrame f, @ForAll boolean pseudoHeader, @ForAll boolean pad) throws DecodeException {
        // a raw payload cannot tell padding from data, so it is only padded when long enough not to need it
        boolean padding = pad && !(f.payload() instanceof RawEthernetPayload && Frames.encodedLength(f) < EthernetCodec.MIN_FRAME_LENGTH);
        WireOptions o = new WireOptions(pseudoHeader, padding);
        byte[] b = Frames.encode(f, o);
        assertEquals(Frames.encodedLength(f, o), b.length);
        assertEquals(f, Frames.decode(b, o));
    }

    @Property(tries = 300)
    @Label("ARP: decode(encode(x)) == x")
    void arpRoundTrips(@ForAll("arps") ArpPacket a) throws DecodeException {
        byte[] b = new byte[ArpCodec.LENGTH];
        ArpCodec.encode(a, b, 0);
        assertEquals(a, ArpCodec.decode(b, 0, b.length));
    }

    @Provide
    Arbitrary<ArpPacket> arps() {
        return WireArbitraries.arps();
    }

    @Property(tries = 300)
    @Label("IPv4 with any payload: decode(encode(x)) == x")
    void ipv4RoundTrips(@ForAll("ipv4") Ipv4Packet p, @ForAll boolean pseudoHeader) throws DecodeException {
        byte[] b = new byte[Ipv4Codec.length(p)];
        Ipv4Codec.encode(p, b, 0, options(pseudoHeader));
        assertEquals(p, Ipv4Codec.decode(b, 0, b.length, options(pseudoHeader)));
    }

    @Provide
    Arbitrary<Ipv4Packet> ipv4() {
        return WireArbitraries.ipv4Packets();
    }

    @Property(tries = 300)
    @Label("ICMP echo and errors: decode(encode(x)) == x")
    void icmpRoundTrips(@ForAll("icmp") IcmpMessage m) throws DecodeException {
        byte[] b = new byte[IcmpCodec.length(m)];
        IcmpCodec.encode(m, b, 0);
        assertEquals(m, IcmpCodec.decode(b, 0, b.length));
    }

    @Provide
    Arbitrary<IcmpMessage> icmp() {
        return WireArbitraries.icmpMessages();
    }

    @Property(tries = 300)
    @Label("UDP with raw, HSRP or GLBP payloads: decode(encode(x)) == x")
    void udpRoundTrips(@ForAll("udp") UdpDatagram d) throws DecodeException {
        byte[] b = new byte[UdpCodec.length(d)];
        UdpCodec.encode(d, b, 0, SRC, DST);
        assertEquals(d, UdpCodec.decode(b, 0, b.length, SRC, DST));
    }

    @Provide
    Arbitrary<UdpDatagram> udp() {
        return WireArbitraries.udpDatagrams();
    }

    @Property(tries = 500)
    @Label("VRRP v2 and v3, with and without the pseudo-header: decode(encode(x)) == x")
    void vrrpRoundTrips(@ForAll("vrrp") VrrpAdvertisement a, @ForAll boolean pseudoHeader) throws DecodeException {
        byte[] b = new byte[VrrpCodec.length(a)];
        VrrpCodec.encode(a, b, 0, SRC, DST, options(pseudoHeader));
        assertEquals(a, VrrpCodec.decode(b, 0, b.length, SRC, DST, options(pseudoHeader)));
    }

    @Provide
    Arbitrary<VrrpAdvertisement> vrrp() {
        return WireArbitraries.vrrpAdverts();
    }

    @Property(tries = 500)
    @Label("HSRP v1 and v2: decode(encode(x)) == x")
    void hsrpRoundTrips(@ForAll("hsrp") UdpPayload m) throws DecodeException {
        byte[] b = new byte[UdpCodec.payloadLength(m)];
        switch (m) {
            case HsrpV1Message v1 -> HsrpCodec.encode(v1, b, 0);
            case HsrpV2Message v2 -> HsrpCodec.encode(v2, b, 0);
            default -> throw new AssertionError(m);
        }
        assertEquals(m, HsrpCodec.decode(b, 0, b.length));
    }

    @Provide
    Arbitrary<UdpPayload> hsrp() {
        return Arbitraries.oneOf(WireArbitraries.hsrpV1(), WireArbitraries.hsrpV2());
    }

    @Property(tries = 500)
    @Label("GLBP: decode(encode(x)) == x")
    void glbpRoundTrips(@ForAll("glbp") GlbpMessage m) throws DecodeException {
        byte[] b = new byte[GlbpCodec.length(m)];
        GlbpCodec.encode(m, b, 0);
        assertEquals(m, GlbpCodec.decode(b, 0, b.length));
    }

    @Provide
    Arbitrary<GlbpMessage> glbp() {
        return WireArbitraries.glbp();
    }

    /** One change to an encoded frame: overwrite an octet, flip a bit, cut the frame, or append an octet. */
    record Mutation(int kind, int position, byte value) {
        byte[] apply(byte[] b) {
            int pos = b.length == 0 ? 0 : Math.floorMod(position, b.length);
            switch (kind) {
                case 0 -> {
                    if (b.length > 0) b[pos] = value;
                    return b;
                }
                case 1 -> {
                    if (b.length > 0) b[pos] ^= (byte) (1 << (value & 7));
                    return b;
                }
                case 2 -> {
                    return Arrays.copyOf(b, Math.floorMod(position, b.length + 1));
                }
                default -> {
                    byte[] longer = Arrays.copyOf(b, b.length + 1);
                    longer[b.length] = value;
                    return longer;
                }
            }
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers(), Arbitraries.bytes())
                .as(Mutation::new).list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 2000)
    @Label("mutated frames, checksums repaired or not, decode or fail with DecodeException, nothing else")
    void mutatedFramesOnlyThrowDecodeException(@ForAll("frames") EthernetFrame f, @ForAll("mutations") List<Mutation> mutations,
                                               @ForAll boolean repair, @ForAll boolean pseudoHeader) {
        WireOptions o = options(pseudoHeader);
        byte[] b = Frames.encode(f, o);
        for (Mutation m : mutations) {
            b = m.apply(b);
        }
        if (repair) repairChecksums(b, o);
        decodeOrDecodeException(b, o);
    }

    @Property(tries = 1000)
    @Label("random bytes decode or fail with DecodeException, nothing else")
    void randomBytesOnlyThrowDecodeException(@ForAll @Size(max = 120) byte[] b, @ForAll boolean pseudoHeader) {
        decodeOrDecodeException(b, options(pseudoHeader));
        // an IPv4 frame header in front takes random bytes past the Ethernet layer
        byte[] ip = new byte[14 + b.length];
        ip[12] = 0x08;
        System.arraycopy(b, 0, ip, 14, b.length);
        if (b.length > 0) ip[14] = (byte) (0x40 | (b[0] & 0x0F));
        repairChecksums(ip, options(pseudoHeader));
        decodeOrDecodeException(ip, options(pseudoHeader));
    }

    @Property(tries = 1000)
    @Label("random bytes given to the HSRP, GLBP and VRRP decoders directly fail with DecodeException only")
    void payloadDecodersOnlyThrowDecodeException(@ForAll @Size(max = 80) byte[] b, @ForAll boolean pseudoHeader) {
        try {
            HsrpCodec.decode(b, 0, b.length);
        } catch (DecodeException expected) {
            // a decode failure is the allowed outcome
        }
        try {
            GlbpCodec.decode(b, 0, b.length);
        } catch (DecodeException expected) {
            // a decode failure is the allowed outcome
        }
        if (b.length >= 8) {
            int c = VrrpCodec.checksum(b[0] >>> 4 & 0x0F, b, 0, b.length, SRC, DST, options(pseudoHeader));
            b[6] = (byte) (c >>> 8);
            b[7] = (byte) c;
        }
        try {
            VrrpCodec.decode(b, 0, b.length, SRC, DST, options(pseudoHeader));
        } catch (DecodeException expected) {
            // a decode failure is the allowed outcome
        }
    }

    /** A valid encoding of one format, and the decoder that reads it. */
    enum Format { ARP, ICMP, UDP, VRRP, HSRP, GLBP }

    record Encoded(Format format, byte[] bytes) {
        @Override
        public String toString() {
            return format + " " + Hex.hex(bytes);
        }
    }

    @Provide
    Arbitrary<Encoded> encodedPayloads() {
        return Arbitraries.oneOf(
                WireArbitraries.arps().map(a -> {
                    byte[] b = new byte[ArpCodec.LENGTH];
                    ArpCodec.encode(a, b, 0);
                    return new Encoded(Format.ARP, b);
                }),
                WireArbitraries.icmpMessages().map(m -> {
                    byte[] b = new byte[IcmpCodec.length(m)];
                    IcmpCodec.encode(m, b, 0);
                    return new Encoded(Format.ICMP, b);
                }),
                WireArbitraries.udpDatagrams().map(d -> {
                    byte[] b = new byte[UdpCodec.length(d)];
                    UdpCodec.encode(d, b, 0, SRC, DST);
                    return new Encoded(Format.UDP, b);
                }),
                WireArbitraries.vrrpAdverts().map(a -> {
                    byte[] b = new byte[VrrpCodec.length(a)];
                    VrrpCodec.encode(a, b, 0, SRC, DST, WireOptions.DEFAULT);
                    return new Encoded(Format.VRRP, b);
                }),
                hsrp().map(m -> {
                    byte[] b = new byte[UdpCodec.payloadLength(m)];
                    if (m instanceof HsrpV1Message v1) HsrpCodec.encode(v1, b, 0);
                    else HsrpCodec.encode((HsrpV2Message) m, b, 0);
                    return new Encoded(Format.HSRP, b);
                }),
                WireArbitraries.glbp().map(m -> {
                    byte[] b = new byte[GlbpCodec.length(m)];
                    GlbpCodec.encode(m, b, 0);
                    return new Encoded(Format.GLBP, b);
                }));
    }

    @Property(tries = 3000)
    @Label("mutated encodings of every format, checksums repaired, reach that format's decoder and fail with DecodeException only")
    void mutatedPayloadsOnlyThrowDecodeException(@ForAll("encodedPayloads") Encoded e, @ForAll("mutations") List<Mutation> mutations) {
        byte[] b = e.bytes().clone();
        for (Mutation m : mutations) {
            b = m.apply(b);
        }
        try {
            switch (e.format()) {
                case ARP -> ArpCodec.decode(b, 0, b.length);
                case ICMP -> {
                    if (b.length >= 4) {
                        b[2] = 0;
                        b[3] = 0;
                        int c = InternetChecksum.of(b, 0, b.length);
                        b[2] = (byte) (c >>> 8);
                        b[3] = (byte) c;
                    }
                    IcmpCodec.decode(b, 0, b.length);
                }
                case UDP -> {
                    if (b.length >= 8) {
                        b[6] = 0;
                        b[7] = 0;
                    }
                    UdpCodec.decode(b, 0, b.length, SRC, DST);
                }
                case VRRP -> {
                    if (b.length >= 8) {
                        int c = VrrpCodec.checksum((b[0] & 0xFF) >>> 4, b, 0, b.length, SRC, DST, WireOptions.DEFAULT);
                        b[6] = (byte) (c >>> 8);
                        b[7] = (byte) c;
                    }
                    VrrpCodec.decode(b, 0, b.length, SRC, DST, WireOptions.DEFAULT);
                }
                case HSRP -> HsrpCodec.decode(b, 0, b.length);
                case GLBP -> GlbpCodec.decode(b, 0, b.length);
            }
        } catch (DecodeException expected) {
            // a decode failure is the allowed outcome
        }
    }

    /**
     * A TLV as a fuzzer builds it: a type (mostly known ones), a declared length (often the
     * right one, or just off it), and however many value octets actually follow.
     */
    record SoupTlv(int type, int declaredLength, byte[] value) {
    }

    static Arbitrary<SoupTlv> soupTlvs(int[] knownTypes, int[] knownLengths) {
        Arbitrary<Integer> types = Arbitraries.oneOf(Arbitraries.of(Arrays.stream(knownTypes).boxed().toList()),
                Arbitraries.integers().between(0, 255));
        Arbitrary<Integer> lengths = Arbitraries.oneOf(Arbitraries.of(Arrays.stream(knownLengths).boxed().toList()),
                Arbitraries.integers().between(0, 48));
        Arbitrary<Integer> delta = Arbitraries.integers().between(-3, 3);
        return Combinators.combine(types, lengths, delta, Arbitraries.bytes().array(byte[].class).ofSize(60))
                .as((t, l, d, pool) -> new SoupTlv(t, Math.max(0, l + d) & 0xFF, Arrays.copyOf(pool, Math.max(0, Math.min(60, l)))));
    }

    static byte[] concat(byte[] head, List<SoupTlv> tlvs, boolean lengthCountsHeader, int cut) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(head);
        for (SoupTlv t : tlvs) {
            out.write(t.type());
            out.write(lengthCountsHeader ? t.declaredLength() + 2 : t.declaredLength());
            out.writeBytes(t.value());
        }
        byte[] b = out.toByteArray();
        return Arrays.copyOf(b, Math.max(0, b.length - cut));
    }

    @Provide
    Arbitrary<byte[]> hsrpSoups() {
        Arbitrary<List<SoupTlv>> tlvs = soupTlvs(new int[] {1, 2, 3, 4}, new int[] {40, 4, 8, 28}).list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(tlvs, Arbitraries.integers().between(0, 3)).as((t, cut) -> concat(new byte[0], t, false, cut));
    }

    @Provide
    Arbitrary<byte[]> glbpSoups() {
        Arbitrary<List<SoupTlv>> tlvs = soupTlvs(new int[] {1, 2, 3}, new int[] {26, 18, 2, 4, 22}).list().ofMaxSize(4);
        Arbitrary<byte[]> headers = Arbitraries.bytes().array(byte[].class).ofSize(12).map(h -> {
            h[0] = 1;
            return h;
        });
        return Combinators.combine(headers, tlvs, Arbitraries.integers().between(0, 3)).as((h, t, cut) -> concat(h, t, true, cut));
    }

    @Property(tries = 2000)
    @Label("HSRP version 2 TLV streams with known types and near-miss lengths fail with DecodeException only")
    void hsrpTlvSoupOnlyThrowsDecodeException(@ForAll("hsrpSoups") byte[] b) {
        try {
            HsrpCodec.decode(b, 0, b.length);
        } catch (DecodeException expected) {
            // a decode failure is the allowed outcome
        }
    }

    @Property(tries = 2000)
    @Label("GLBP TLV streams with known types and near-miss lengths fail with DecodeException only")
    void glbpTlvSoupOnlyThrowsDecodeException(@ForAll("glbpSoups") byte[] b) {
        try {
            GlbpCodec.decode(b, 0, b.length);
        } catch (DecodeException expected) {
            // a decode failure is the allowed outcome
        }
    }

    static void decodeOrDecodeException(byte[] b, WireOptions o) {
        try {
            EthernetFrame f = Frames.decode(b, o);
            // whatever decodes must encode again
            Frames.encode(f, o);
        } catch (DecodeException expected) {
            // a decode failure is the allowed outcome
        }
    }

    /**
     * Makes a mutated frame's checksums right again, where its headers can be found, so the
     * mutation reaches the decoders behind them: the IPv4 header checksum, a zero ("none")
     * UDP checksum, the ICMP and VRRP checksums.
     */
    static void repairChecksums(byte[] b, WireOptions o) {
        if (b.length < 14) return;
        int p = 12;
        int etherType = u16(b, p);
        if (etherType == 0x8100) {
            if (b.length < 18) return;
            p += 4;
            etherType = u16(b, p);
        }
        p += 2;
        if (etherType != 0x0800 || b.length - p < 20) return;
        int ihl = (b[p] & 0x0F) * 4;
        if (ihl < 20 || p + ihl > b.length) return;
        b[p + 10] = 0;
        b[p + 11] = 0;
        int hc = InternetChecksum.of(b, p, ihl);
        b[p + 10] = (byte) (hc >>> 8);
        b[p + 11] = (byte) hc;
        int total = Math.min(u16(b, p + 2), b.length - p);
        int q = p + ihl;
        int n = total - ihl;
        if (n < 8) return;
        Ipv4Address src = Ipv4Address.fromBytes(b, p + 12);
        Ipv4Address dst = Ipv4Address.fromBytes(b, p + 16);
        switch (b[p + 9] & 0xFF) {
            case 17 -> {
                b[q + 6] = 0;
                b[q + 7] = 0;
            }
            case 1 -> {
                b[q + 2] = 0;
                b[q + 3] = 0;
                int c = InternetChecksum.of(b, q, n);
                b[q + 2] = (byte) (c >>> 8);
                b[q + 3] = (byte) c;
            }
            case 112 -> {
                int c = VrrpCodec.checksum((b[q] & 0xFF) >>> 4, b, q, n, src, dst, o);
                b[q + 6] = (byte) (c >>> 8);
                b[q + 7] = (byte) c;
            }
            default -> {
                // no checksum to repair
            }
        }
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }
}
