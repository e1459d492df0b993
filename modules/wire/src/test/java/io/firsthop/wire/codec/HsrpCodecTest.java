package io.firsthop.wire.codec;

import static io.firsthop.wire.codec.Hex.assertDecodeError;
import static io.firsthop.wire.codec.Hex.bytes;
import static io.firsthop.wire.codec.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.firsthop.wire.Bytes;
import io.firsthop.wire.DecodeError;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.HsrpOpCode;
import io.firsthop.wire.HsrpState;
import io.firsthop.wire.HsrpV1Message;
import io.firsthop.wire.HsrpV2Message;
import io.firsthop.wire.HsrpV2Tlv;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.RawUdpPayload;
import io.firsthop.wire.UdpDatagram;
import io.firsthop.wire.UdpPayload;
import io.firsthop.wire.WireOptions;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("HSRP on UDP 1985")
class HsrpCodecTest {
    static final Ipv4Address VIP = Ipv4Address.parse("10.0.0.1");
    static final Ipv4Address R2 = Ipv4Address.parse("10.0.0.2");

    /** RFC 2281 §5.1: Hello, Active (16), hello 3 s, hold 10 s, priority 110, group 1, "cisco", 10.0.0.1. */
    static final String V1_MSG = "00 00 10 03 0a 6e 01 00 636973636f000000 0a000001";
    static final HsrpV1Message V1 = HsrpV1Message.hello(HsrpState.ACTIVE, 3, 10, 110, 1, VIP);
    /** The same hello from 10.0.0.2 to 224.0.0.2, TTL 1, sent from the virtual MAC; UDP checksum 0x9af0. */
    static final String V1_FRAME = """
            01005e000002 00000c07ac01 0800
            4500 0030 0000 0000 01 11 cfb9 0a000002 e0000002
            07c1 07c1 001c 9af0
            """ + V1_MSG;

    /** Group State TLV (Hello, Active = 6, IPv4, group 1, id 02:00:00:00:00:02, prio 110, 3000/10000 ms) + Text Auth "cisco". */
    static final String V2_MSG = """
            01 28 02 00 06 04 0001 020000000002 0000006e 00000bb8 00002710
            0a000001 000000000000000000000000
            03 08 636973636f000000""";
    static final HsrpV2Message V2 = HsrpV2Message.hello(HsrpState.ACTIVE, 1, MacAddress.parse("02:00:00:00:00:02"), 110, VIP);
    static final String V2_FRAME = """
            01005e000066 00000c9ff001 0800
            4500 0050 0000 0000 01 11 cf35 0a000002 e0000066
            07c1 07c1 003c 7450
            """ + V2_MSG;

    static UdpPayload decode(String hex) throws Exception {
        byte[] b = bytes(hex);
        return HsrpCodec.decode(b, 0, b.length);
    }

    static String encode(UdpPayload p) {
        byte[] b = new byte[UdpCodec.payloadLength(p)];
        switch (p) {
            case HsrpV1Message m -> HsrpCodec.encode(m, b, 0);
            case HsrpV2Message m -> HsrpCodec.encode(m, b, 0);
            default -> throw new IllegalArgumentException();
        }
        return hex(b);
    }

    static EthernetFrame frame(MacAddress src, Ipv4Address dst, UdpPayload p) {
        return EthernetFrame.untagged(MacAddress.ofIpv4Multicast(dst), src,
                Ipv4Packet.of(1, R2, dst, new UdpDatagram(1985, 1985, p)));
    }

    @Nested
    @DisplayName("version 1 (RFC 2281)")
    class Version1 {
        @Test
        @DisplayName("RFC 2281 §5.1: a hello's 20 octets both ways")
        void messageBothWays() throws Exception {
            assertEquals(V1, decode(V1_MSG));
            assertEquals(hex(bytes(V1_MSG)), encode(V1));
        }

        @Test
        @DisplayName("RFC 2281 §5.1: the whole frame (224.0.0.2, TTL 1, UDP 1985) both ways")
        void frameBothWays() throws Exception {
            EthernetFrame f = frame(HsrpV1Message.virtualMac(1), Ipv4Address.ALL_ROUTERS, V1);
            assertEquals(f, Frames.decode(bytes(V1_FRAME), WireOptions.DEFAULT));
            assertEquals(hex(bytes(V1_FRAME)), hex(Frames.encode(f, WireOptions.DEFAULT)));
        }

        @Test
        @DisplayName("RFC 2281 §5.1: op codes 0/1/2 and states 0/1/2/4/8/16 map to their wire values")
        void codes() throws Exception {
            for (HsrpState s : HsrpState.values()) {
                if (s == HsrpState.DISABLED) continue;
                for (HsrpOpCode op : HsrpOpCode.values()) {
                    HsrpV1Message m = new HsrpV1Message(op, s, 1, 3, 200, 255, HsrpV1Message.DEFAULT_AUTH, VIP);
                    String hex = encode(m);
                    assertEquals(String.format("00%02x%02x", op.code(), s.v1Code()), hex.substring(0, 6));
                    assertEquals(m, decode(hex));
                }
            }
            assertEquals(List.of(0, 1, 2, 4, 8, 16), java.util.stream.Stream.of(HsrpState.INITIAL, HsrpState.LEARN,
                    HsrpState.LISTEN, HsrpState.SPEAK, HsrpState.STANDBY, HsrpState.ACTIVE).map(HsrpState::v1Code).toList());
        }

        @Test
        @DisplayName("version 1 has no code for Disabled, so such a message cannot be built")
        void noDisabledInV1() {
            assertThrows(IllegalArgumentException.class, () -> HsrpV1Message.hello(HsrpState.DISABLED, 3, 10, 100, 1, VIP));
        }

        @Test
        @DisplayName("RFC 2281 §5.1: the Reserved octet is ignored on receipt")
        void reservedIgnored() throws Exception {
            assertEquals(V1, decode("00 00 10 03 0a 6e 01 ff 636973636f000000 0a000001"));
        }

        @Test
        @DisplayName("the virtual MAC is 0000.0C07.ACxx, xx the group")
        void virtualMac() {
            assertEquals(MacAddress.parse("0000.0c07.ac01"), HsrpV1Message.virtualMac(1));
            assertEquals(MacAddress.parse("0000.0c07.acff"), HsrpV1Message.virtualMac(255));
        }

        @Test
        @DisplayName("Cisco's op code 3 (interface-state advertisement) and MD5-authenticated (50-octet) messages stay raw")
        void unmodelledStayRaw() throws Exception {
            String advertise = "00 03 0001 000a 03 00 0001 0000 00000000";
            assertEquals(new RawUdpPayload(Bytes.ofHex(advertise)), decode(advertise));
            String md5 = V1_MSG + "04 1c" + "00".repeat(28);
            assertEquals(new RawUdpPayload(Bytes.ofHex(md5)), decode(md5));
        }

        @Test
        @DisplayName("fewer than 20 octets (or than 2): TRUNCATED")
        void truncated() {
            assertDecodeError(DecodeError.TRUNCATED, () -> decode(V1_MSG.replace(" ", "").substring(0, 38)));
            assertDecodeError(DecodeError.TRUNCATED, () -> decode("00"));
        }

        @Test
        @DisplayName("an op code RFC 2281 does not define: BAD_TYPE")
        void badOpCode() {
            assertDecodeError(DecodeError.BAD_TYPE, () -> decode("00 07 10 03 0a 6e 01 00 636973636f000000 0a000001"));
        }

        @Test
        @DisplayName("a state RFC 2281 does not define (3): BAD_FIELD")
        void badState() {
            assertDecodeError(DecodeError.BAD_FIELD, () -> decode("00 00 03 03 0a 6e 01 00 636973636f000000 0a000001"));
        }
    }

    @Nested
    @DisplayName("version 2 (Cisco TLVs, as packet-hsrp.c reads them)")
    class Version2 {
        @Test
        @DisplayName("Group State TLV (type 1, length 40) + Text Authentication TLV (type 3, length 8) both ways")
        void messageBothWays() throws Exception {
            assertEquals(V2, decode(V2_MSG));
            assertEquals(hex(bytes(V2_MSG)), encode(V2));
        }

        @Test
        @DisplayName("the whole frame (224.0.0.102, TTL 1, UDP 1985, from 0000.0c9f.f001) both ways")
        void frameBothWays() throws Exception {
            EthernetFrame f = frame(HsrpV2Message.virtualMac(1), Ipv4Address.HSRP_V2_MULTICAST, V2);
            assertEquals(f, Frames.decode(bytes(V2_FRAME), WireOptions.DEFAULT));
            assertEquals(hex(bytes(V2_FRAME)), hex(Frames.encode(f, WireOptions.DEFAULT)));
        }

        @Test
        @DisplayName("version 2 numbers states 0..6 (Disabled..Active), unlike version 1's bit values")
        void v2StateCodes() throws Exception {
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6),
                    java.util.Arrays.stream(HsrpState.values()).map(HsrpState::v2Code).toList());
            for (HsrpState s : HsrpState.values()) {
                HsrpV2Message m = HsrpV2Message.hello(s, 4095, MacAddress.parse("02:00:00:00:00:02"), 255, VIP);
                String hex = encode(m);
                assertEquals(String.format("%02x", s.v2Code()), hex.substring(8, 10));
                assertEquals(m, decode(hex));
            }
        }

        @Test
        @DisplayName("Interface State (type 2), MD5 Authentication (type 4, kept raw) and unknown TLVs round-trip")
        void otherTlvs() throws Exception {
            String hex = "02 04 0003 0001" + "01 28" + V2_MSG.replace(" ", "").replace("\n", "").substring(4, 84)
                    + "04 1c 01 00 0000 0a000002 00000001" + "11".repeat(16) + "09 02 abcd";
            HsrpV2Message m = new HsrpV2Message(List.of(new HsrpV2Tlv.InterfaceState(3, 1), V2.groupState(),
                    new HsrpV2Tlv.Md5Auth(Bytes.ofHex("01000000 0a000002 00000001" + "11".repeat(16))),
                    new HsrpV2Tlv.Unknown(9, Bytes.ofHex("abcd"))));
            assertEquals(m, decode(hex));
            assertEquals(hex(bytes(hex)), encode(m));
        }

        @Test
        @DisplayName("an interface-state-only message has no Group State TLV")
        void interfaceStateOnly() throws Exception {
            HsrpV2Message m = (HsrpV2Message) decode("02 04 0000 0002");
            assertNull(m.groupState());
        }

        @Test
        @DisplayName("the virtual MAC is 0000.0C9F.Fxxx, xxx the group")
        void virtualMac() {
            assertEquals(MacAddress.parse("0000.0c9f.f001"), HsrpV2Message.virtualMac(1));
            assertEquals(MacAddress.parse("0000.0c9f.ffff"), HsrpV2Message.virtualMac(4095));
        }

        @Test
        @DisplayName("a first octet that is neither version 1's 0 nor TLV type 1 or 2, or a Group State version other than 2: BAD_VERSION")
        void badVersion() {
            assertDecodeError(DecodeError.BAD_VERSION, () -> decode("05 04 0000 0002"));
            assertDecodeError(DecodeError.BAD_VERSION, () -> decode(V2_MSG.replace("01 28 02", "01 28 03")));
        }

        @Test
        @DisplayName("an op code other than hello/coup/resign: BAD_TYPE")
        void badOpCode() {
            assertDecodeError(DecodeError.BAD_TYPE, () -> decode(V2_MSG.replace("01 28 02 00", "01 28 02 09")));
        }

        @Test
        @DisplayName("state beyond 6, IP version other than 4, group above 4095, priority above 255, negative time: BAD_FIELD")
        void badFields() {
            assertDecodeError(DecodeError.BAD_FIELD, () -> decode(V2_MSG.replace("02 00 06 04", "02 00 09 04")));
            assertDecodeError(DecodeError.BAD_FIELD, () -> decode(V2_MSG.replace("02 00 06 04", "02 00 06 06")));
            assertDecodeError(DecodeError.BAD_FIELD, () -> decode(V2_MSG.replace("06 04 0001", "06 04 1000")));
            assertDecodeError(DecodeError.BAD_FIELD, () -> decode(V2_MSG.replace("0000006e", "0000016e")));
            assertDecodeError(DecodeError.BAD_FIELD, () -> decode(V2_MSG.replace("00000bb8", "80000bb8")));
        }

        @Test
        @DisplayName("a TLV running past the message, a known TLV of the wrong length, a dangling octet: BAD_TLV")
        void badTlv() {
            String msg = V2_MSG.replaceAll("\\s", "");
            assertDecodeError(DecodeError.BAD_TLV, () -> decode(msg.substring(0, msg.length() - 2)));
            assertDecodeError(DecodeError.BAD_TLV, () -> decode("0127" + msg.substring(4, 84) + "0308636973636f00"));
            assertDecodeError(DecodeError.BAD_TLV, () -> decode(msg + "00"));
            assertDecodeError(DecodeError.BAD_TLV, () -> decode(msg.replace("0308636973636f000000", "0307636973636f0000")));
        }
    }
}
