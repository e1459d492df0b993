package io.firsthop.wire.codec;

import static io.firsthop.wire.codec.Hex.assertDecodeError;
import static io.firsthop.wire.codec.Hex.bytes;
import static io.firsthop.wire.codec.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firsthop.wire.Bytes;
import io.firsthop.wire.DecodeError;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.VrrpAdvertisement;
import io.firsthop.wire.WireOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("VRRP advertisements")
class VrrpCodecTest {
    static final Ipv4Address GROUP = Ipv4Address.VRRP_MULTICAST;
    static final Ipv4Address R2 = Ipv4Address.parse("10.0.0.2");
    static final Ipv4Address VIP = Ipv4Address.parse("10.0.0.1");

    /** The advert of the keepalived/FRR captures: VRID 51, priority 110, 100 cs, 10.0.0.1, from 10.0.0.2. */
    static final String V3_CAPTURED = "3133 6e01 0064 6bd5 0a000001";
    static final VrrpAdvertisement V3 = VrrpAdvertisement.v3(51, 110, 100, List.of(VIP));

    static VrrpAdvertisement decode(String hex, Ipv4Address source, WireOptions options) throws Exception {
        byte[] b = bytes(hex);
        return VrrpCodec.decode(b, 0, b.length, source, GROUP, options);
    }

    static String encode(VrrpAdvertisement a, Ipv4Address source, WireOptions options) {
        byte[] b = new byte[VrrpCodec.length(a)];
        VrrpCodec.encode(a, b, 0, source, GROUP, options);
        return hex(b);
    }

    @Nested
    @DisplayName("version 2 (RFC 3768)")
    class Version2 {
        static final Ipv4Address SOURCE = Ipv4Address.parse("192.168.1.2");

        @Test
        @DisplayName("RFC 3768 §5.1: no-auth advert both ways; checksum 0xb952 over the VRRP message only, auth data kept")
        void noAuthBothWays() throws Exception {
            String hex = "2101 6401 0001 b952 c0a80101 0000000000000000";
            VrrpAdvertisement a = VrrpAdvertisement.v2(1, 100, 1, List.of(Ipv4Address.parse("192.168.1.1")));
            assertEquals(a, decode(hex, SOURCE, WireOptions.DEFAULT));
            assertEquals(hex.replace(" ", ""), encode(a, SOURCE, WireOptions.DEFAULT));
        }

        @Test
        @DisplayName("RFC 3768 §5.3.6: simple text auth (type 1), two addresses, Adver Int 3 s, both ways")
        void textAuthBothWays() throws Exception {
            String hex = "2107 ff02 0103 1e56 c0a80101 c0a801fe 7365637265740000";
            VrrpAdvertisement a = new VrrpAdvertisement(2, 7, 255, 3,
                    List.of(Ipv4Address.parse("192.168.1.1"), Ipv4Address.parse("192.168.1.254")), 1,
                    Bytes.of("secret\0\0".getBytes(StandardCharsets.US_ASCII)));
            assertEquals(a, decode(hex, SOURCE, WireOptions.RFC9568));
            assertEquals(hex.replace(" ", ""), encode(a, SOURCE, WireOptions.RFC9568));
        }

        @Test
        @DisplayName("RFC 3768 §5.3.8: the v2 checksum never covers a pseudo-header, whatever the v3 switch says")
        void checksumIgnoresPseudoHeaderSwitch() throws Exception {
            String hex = "2101 6401 0001 b952 c0a80101 0000000000000000";
            assertEquals(decode(hex, SOURCE, WireOptions.DEFAULT), decode(hex, Ipv4Address.parse("192.0.2.9"), WireOptions.RFC9568));
        }

        @Test
        @DisplayName("RFC 3768 §5.1: a message without its 8 octets of authentication data: BAD_ADDRESS_COUNT")
        void missingAuthData() {
            assertDecodeError(DecodeError.BAD_ADDRESS_COUNT, () -> decode("2101 6401 0001 b952 c0a80101", SOURCE, WireOptions.DEFAULT));
        }
    }

    @Nested
    @DisplayName("version 3 (RFC 5798, RFC 9568)")
    class Version3 {
        @Test
        @DisplayName("RFC 5798 §5.2: the captured advert both ways, checksum 0x6bd5 with the IPv4 pseudo-header")
        void capturedBothWays() throws Exception {
            assertEquals(V3, decode(V3_CAPTURED, R2, WireOptions.DEFAULT));
            assertEquals(V3_CAPTURED.replace(" ", ""), encode(V3, R2, WireOptions.DEFAULT));
        }

        @Test
        @DisplayName("RFC 9568 §5.2.8: without the pseudo-header the same advert carries 0x5666")
        void rfc9568Checksum() throws Exception {
            String rfc9568 = "3133 6e01 0064 5666 0a000001";
            assertEquals(rfc9568.replace(" ", ""), encode(V3, R2, WireOptions.RFC9568));
            assertEquals(V3, decode(rfc9568, R2, WireOptions.RFC9568));
        }

        @Test
        @DisplayName("RFC 5798 §5.2.7: 12-bit Max Adver Int 4095 cs, two addresses, VRID and priority 255")
        void limits() throws Exception {
            Ipv4Address source = Ipv4Address.parse("192.0.2.1");
            String hex = "31ff ff02 0fff 979f c0000264 c0000265";
            VrrpAdvertisement a = VrrpAdvertisement.v3(255, 255, 4095,
                    List.of(Ipv4Address.parse("192.0.2.100"), Ipv4Address.parse("192.0.2.101")));
            assertEquals(a, decode(hex, source, WireOptions.DEFAULT));
            assertEquals(hex.replace(" ", ""), encode(a, source, WireOptions.DEFAULT));
        }

        @Test
        @DisplayName("RFC 5798 §5.2.7: the 4 reserved bits are ignored on receipt")
        void reservedBitsIgnored() throws Exception {
            assertEquals(V3, decode("3133 6e01 f064 7bd4 0a000001", R2, WireOptions.DEFAULT));
        }

        @Test
        @DisplayName("RFC 5798 §5.2.4: priority 0 (the Master is stopping) decodes")
        void priorityZero() throws Exception {
            assertEquals(VrrpAdvertisement.v3(51, 0, 100, List.of(VIP)), decode("3133 0001 0064 d9d5 0a000001", R2, WireOptions.DEFAULT));
        }
    }

    @Nested
    @DisplayName("decode errors, one per cause")
    class Errors {
        @Test
        @DisplayName("fewer than 8 octets: TRUNCATED")
        void truncated() {
            assertDecodeError(DecodeError.TRUNCATED, () -> decode("3133 6e01 0064 6b", R2, WireOptions.DEFAULT));
        }

        @Test
        @DisplayName("RFC 5798 §7.1: version other than 2 or 3: BAD_VERSION")
        void badVersion() {
            assertDecodeError(DecodeError.BAD_VERSION, () -> decode("1133 6e01 0064 6bd5 0a000001", R2, WireOptions.DEFAULT));
            assertDecodeError(DecodeError.BAD_VERSION, () -> decode("4133 6e01 0064 6bd5 0a000001", R2, WireOptions.DEFAULT));
        }

        @Test
        @DisplayName("RFC 5798 §7.1: Count IPvX Addr disagreeing with the length, or zero: BAD_ADDRESS_COUNT")
        void badAddressCount() {
            assertDecodeError(DecodeError.BAD_ADDRESS_COUNT, () -> decode("3133 6e02 0064 6bd4 0a000001", R2, WireOptions.DEFAULT));
            assertDecodeError(DecodeError.BAD_ADDRESS_COUNT, () -> decode("3133 6e00 0064 6bd6 0a000001", R2, WireOptions.DEFAULT));
            assertDecodeError(DecodeError.BAD_ADDRESS_COUNT, () -> decode("3133 6e01 0064 6bd5 0a000001 00", R2, WireOptions.DEFAULT));
        }

        @Test
        @DisplayName("RFC 5798 §7.1: a checksum that does not verify: BAD_CHECKSUM")
        void badChecksum() {
            assertDecodeError(DecodeError.BAD_CHECKSUM, () -> decode("3133 6e01 0064 6bd6 0a000001", R2, WireOptions.DEFAULT));
        }

        @Test
        @DisplayName("RFC 9568 §5.2.8: a pseudo-header checksum read without the pseudo-header: BAD_CHECKSUM")
        void wrongChecksumMode() {
            assertDecodeError(DecodeError.BAD_CHECKSUM, () -> decode(V3_CAPTURED, R2, WireOptions.RFC9568));
        }

        @Test
        @DisplayName("RFC 5798 §5.2.2: type other than 1 (ADVERTISEMENT): BAD_TYPE")
        void badType() {
            assertDecodeError(DecodeError.BAD_TYPE, () -> decode("3233 6e01 0064 6ad5 0a000001", R2, WireOptions.DEFAULT));
        }

        @Test
        @DisplayName("RFC 5798 §5.2.3: VRID 0: BAD_FIELD")
        void vridZero() {
            assertDecodeError(DecodeError.BAD_FIELD, () -> decode("3100 6e01 0064 6c08 0a000001", R2, WireOptions.DEFAULT));
        }
    }
}
