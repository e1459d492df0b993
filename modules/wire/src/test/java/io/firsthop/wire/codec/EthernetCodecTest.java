package io.firsthop.wire.codec;

import static io.firsthop.wire.codec.Hex.assertDecodeError;
import static io.firsthop.wire.codec.Hex.bytes;
import static io.firsthop.wire.codec.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.firsthop.wire.Bytes;
import io.firsthop.wire.DecodeError;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.RawEthernetPayload;
import io.firsthop.wire.VlanTag;
import io.firsthop.wire.WireOptions;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ethernet II and IEEE 802.1Q framing")
class EthernetCodecTest {
    static final WireOptions PAD = new WireOptions(true, true);

    @Test
    @DisplayName("encoding does not pad unless asked; padToMinimum pads with zeros to 60 octets")
    void paddingOnlyWhenAsked() {
        byte[] plain = Frames.encode(ArpCodecTest.REQUEST, WireOptions.DEFAULT);
        assertEquals(42, plain.length);
        byte[] padded = Frames.encode(ArpCodecTest.REQUEST, PAD);
        assertEquals(60, padded.length);
        assertArrayEquals(plain, Arrays.copyOf(padded, 42));
        assertArrayEquals(new byte[18], Arrays.copyOfRange(padded, 42, 60));
        assertEquals(42, Frames.encodedLength(ArpCodecTest.REQUEST));
        assertEquals(60, Frames.encodedLength(ArpCodecTest.REQUEST, PAD));
    }

    @Test
    @DisplayName("decoding drops Ethernet padding after an ARP packet or an IPv4 packet's Total Length")
    void paddingIgnoredOnDecode() throws Exception {
        byte[] padded = Frames.encode(ArpCodecTest.REQUEST, PAD);
        Arrays.fill(padded, 42, 60, (byte) 0x5a); // padding content is not data
        assertEquals(ArpCodecTest.REQUEST, Frames.decode(padded, WireOptions.DEFAULT));
        byte[] echo = Arrays.copyOf(bytes(Ipv4CodecTest.ECHO_FRAME), 60);
        assertEquals(Ipv4CodecTest.ECHO, Frames.decode(echo, WireOptions.DEFAULT));
    }

    @Test
    @DisplayName("a tagged frame may carry padding up to 64 octets (a bridge tagged a padded frame)")
    void taggedPadding() throws Exception {
        byte[] b = Arrays.copyOf(bytes(ArpCodecTest.TAGGED_REPLY_FRAME), 64);
        assertEquals(ArpCodecTest.TAGGED_REPLY, Frames.decode(b, WireOptions.DEFAULT));
    }

    @Test
    @DisplayName("octets after the IPv4 packet in a frame longer than the minimum are data, not padding: BAD_LENGTH")
    void trailingDataIsNotPadding() {
        byte[] b = Arrays.copyOf(bytes(Ipv4CodecTest.ECHO_FRAME), 61);
        assertDecodeError(DecodeError.BAD_LENGTH, () -> Frames.decode(b, WireOptions.DEFAULT));
        byte[] arp = Arrays.copyOf(bytes(ArpCodecTest.REQUEST_FRAME), 61);
        assertDecodeError(DecodeError.BAD_LENGTH, () -> Frames.decode(arp, WireOptions.DEFAULT));
    }

    @Test
    @DisplayName("an EtherType firsthop does not model (LLDP 0x88cc) is kept whole, byte for byte")
    void rawEtherType() throws Exception {
        String hex = "0180c200000e 020000000001 88cc 0207040200000000010403020001";
        EthernetFrame f = Frames.decode(bytes(hex), WireOptions.DEFAULT);
        assertEquals(new EthernetFrame(MacAddress.parse("01:80:c2:00:00:0e"), MacAddress.parse("02:00:00:00:00:01"), null,
                new RawEthernetPayload(0x88cc, Bytes.ofHex("0207040200000000010403020001"))), f);
        assertEquals(hex(bytes(hex)), hex(Frames.encode(f, WireOptions.DEFAULT)));
    }

    @Test
    @DisplayName("IEEE 802.1Q: PCP, DEI and VID are packed into the TCI; a second tag stays in the raw payload")
    void tagFields() throws Exception {
        EthernetFrame f = new EthernetFrame(MacAddress.BROADCAST, MacAddress.parse("02:00:00:00:00:01"),
                new VlanTag(5, true, 4094), new RawEthernetPayload(0x8100, Bytes.ofHex("0064 0800")));
        byte[] b = Frames.encode(f, WireOptions.DEFAULT);
        assertEquals("8100" + "bffe" + "8100" + "00640800", hex(Arrays.copyOfRange(b, 12, b.length)));
        assertEquals(f, Frames.decode(b, WireOptions.DEFAULT));
    }

    @Test
    @DisplayName("fewer than 14 octets, or 18 when tagged: TRUNCATED")
    void truncated() {
        assertDecodeError(DecodeError.TRUNCATED, () -> Frames.decode(new byte[13], WireOptions.DEFAULT));
        byte[] tagged = Arrays.copyOf(bytes(ArpCodecTest.TAGGED_REPLY_FRAME), 17);
        assertDecodeError(DecodeError.TRUNCATED, () -> Frames.decode(tagged, WireOptions.DEFAULT));
    }
}
