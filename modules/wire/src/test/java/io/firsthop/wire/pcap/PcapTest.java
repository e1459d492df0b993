package io.firsthop.wire.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.wire.Bytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("classic libpcap files")
class PcapTest {
    static final byte[] FRAME_A = HexFormat.of().parseHex("ffffffffffff020000000001080600010800060400010200000000010a0000020000000000000a000001");
    static final byte[] FRAME_B = HexFormat.of().parseHex("01005e000012020000000002080045c0002000030000ff70d0960a000002e000001231336e0100646bd50a000001");

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    @Test
    @DisplayName("nanosecond files: magic 0xa1b23c4d, LINKTYPE_ETHERNET, records read back exactly")
    void nanosecondRoundTrip() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out)) {
            w.write(1_795_477_080_802_256_123L, FRAME_A);
            w.write(1_795_477_081_000_000_001L, FRAME_B);
        }
        byte[] file = out.toByteArray();
        assertEquals("4d3cb2a1" + "0200" + "0400" + "00000000" + "00000000" + "00000400" + "01000000",
                HexFormat.of().formatHex(file, 0, 24));
        assertEquals(24 + 2 * 16 + FRAME_A.length + FRAME_B.length, file.length);
        try (PcapReader r = new PcapReader(new ByteArrayInputStream(file))) {
            assertEquals(PcapPrecision.NANOSECONDS, r.precision());
            assertEquals(ByteOrder.LITTLE_ENDIAN, r.byteOrder());
            assertEquals(PcapWriter.LINKTYPE_ETHERNET, r.linkType());
            assertEquals(PcapWriter.DEFAULT_SNAP_LENGTH, r.snapLength());
            assertEquals(List.of(new PcapRecord(1_795_477_080_802_256_123L, FRAME_A.length, Bytes.of(FRAME_A)),
                    new PcapRecord(1_795_477_081_000_000_001L, FRAME_B.length, Bytes.of(FRAME_B))), r.readAll());
            assertNull(r.next());
        }
    }

    @Test
    @DisplayName("microsecond files: magic 0xa1b2c3d4, timestamps kept to the microsecond")
    void microsecondRoundTrip(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("micro.pcap");
        try (PcapWriter w = PcapWriter.create(file, PcapPrecision.MICROSECONDS)) {
            w.write(1_000_000_123_456_789L, FRAME_A);
        }
        assertEquals("d4c3b2a1", HexFormat.of().formatHex(Files.readAllBytes(file), 0, 4));
        List<PcapRecord> records = PcapReader.readAll(file);
        assertEquals(List.of(new PcapRecord(1_000_000_123_456_000L, FRAME_A.length, Bytes.of(FRAME_A))), records);
    }

    @Test
    @DisplayName("records reach the stream as they are written: flush() makes them readable before close")
    void writesAsItGoes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("live.pcap");
        try (PcapWriter w = PcapWriter.create(file)) {
            w.write(1L, FRAME_A);
            w.flush();
            assertEquals(1, PcapReader.readAll(file).size());
            w.write(2L, FRAME_B);
            w.flush();
            assertEquals(2, PcapReader.readAll(file).size());
        }
    }

    @Test
    @DisplayName("big-endian files (magic a1b2c3d4 in network order) are read too")
    void bigEndian() throws IOException {
        byte[] file = hex("""
                a1b2c3d4 0002 0004 00000000 00000000 0000ffff 00000001
                6b0ad858 000c3de5 00000004 00000004 deadbeef""");
        try (PcapReader r = new PcapReader(new ByteArrayInputStream(file))) {
            assertEquals(ByteOrder.BIG_ENDIAN, r.byteOrder());
            assertEquals(PcapPrecision.MICROSECONDS, r.precision());
            assertEquals(65535, r.snapLength());
            PcapRecord rec = r.next();
            assertEquals(0x6b0ad858L * 1_000_000_000L + 802_277_000L, rec.timestampNanos());
            assertEquals(Bytes.ofHex("deadbeef"), rec.data());
        }
        byte[] nanoBig = hex("a1b23c4d 0002 0004 00000000 00000000 00040000 00000001");
        assertEquals(PcapPrecision.NANOSECONDS, new PcapReader(new ByteArrayInputStream(nanoBig)).precision());
    }

    @Test
    @DisplayName("the shared keepalived capture (little-endian, microseconds) reads as 5 frames of 46 octets")
    void readsRealCapture() throws IOException {
        try (InputStream in = PcapTest.class.getResourceAsStream("/captures/vrrp3-keepalived.pcap")) {
            PcapReader r = new PcapReader(in);
            assertEquals(PcapPrecision.MICROSECONDS, r.precision());
            List<PcapRecord> records = r.readAll();
            assertEquals(5, records.size());
            assertEquals(1_795_477_080_802_256_000L, records.get(0).timestampNanos());
            assertArrayEquals(FRAME_B, records.get(0).data().toArray());
        }
    }

    @Test
    @DisplayName("a frame longer than the snap length is cut, its original length kept")
    void snapLength() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out, PcapPrecision.NANOSECONDS, 14)) {
            w.write(5L, FRAME_B);
        }
        PcapRecord r = new PcapReader(new ByteArrayInputStream(out.toByteArray())).next();
        assertEquals(FRAME_B.length, r.originalLength());
        assertEquals(Bytes.of(FRAME_B, 0, 14), r.data());
    }

    @Test
    @DisplayName("pcapng, an unknown magic, and a file ending inside a record are refused with IOException")
    void malformed() throws IOException {
        IOException ng = assertThrows(IOException.class,
                () -> new PcapReader(new ByteArrayInputStream(hex("0a0d0d0a 1c000000 4d3c2b1a 01000000 ffffffff ffffffff"))));
        assertTrue(ng.getMessage().contains("pcapng"));
        assertThrows(IOException.class, () -> new PcapReader(new ByteArrayInputStream(new byte[24])));
        assertThrows(EOFException.class, () -> new PcapReader(new ByteArrayInputStream(new byte[10])));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(out)) {
            w.write(5L, FRAME_A);
        }
        byte[] cut = Arrays.copyOf(out.toByteArray(), out.size() - 1);
        assertThrows(EOFException.class, () -> new PcapReader(new ByteArrayInputStream(cut)).next());
    }

    @Test
    @DisplayName("a timestamp before 1970 cannot be written")
    void negativeTimestamp() throws IOException {
        PcapWriter w = new PcapWriter(new ByteArrayOutputStream());
        assertThrows(IllegalArgumentException.class, () -> w.write(-1L, FRAME_A));
    }
}
