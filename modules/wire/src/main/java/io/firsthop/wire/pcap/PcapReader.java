package io.firsthop.wire.pcap;

import io.firsthop.wire.Bytes;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a classic libpcap capture file in either byte order, with microsecond (0xa1b2c3d4)
 * or nanosecond (0xa1b23c4d) timestamps. pcapng is refused with a message saying so.
 * A malformed or cut-short file fails with an {@link IOException} ({@link EOFException} when
 * it ends inside a record).
 */
public final class PcapReader implements Closeable {
    /** Guards against allocating gigabytes for a corrupt length field. */
    private static final int MAX_RECORD = 1 << 26;
    private static final int PCAPNG_MAGIC = 0x0A0D_0D0A;

    private final InputStream in;
    private final ByteOrder order;
    private final PcapPrecision precision;
    private final int snapLength;
    private final int linkType;
    private final byte[] header = new byte[16];

    /** Reads the global header from {@code in}. */
    public PcapReader(InputStream in) throws IOException {
        this.in = Objects.requireNonNull(in, "in");
        byte[] g = new byte[24];
        readFully(g, 24, "global header");
        int big = be32(g, 0);
        int little = Integer.reverseBytes(big);
        if (big == PcapPrecision.MICROSECONDS.magic() || big == PcapPrecision.NANOSECONDS.magic()) {
            order = ByteOrder.BIG_ENDIAN;
            precision = big == PcapPrecision.MICROSECONDS.magic() ? PcapPrecision.MICROSECONDS : PcapPrecision.NANOSECONDS;
        } else if (little == PcapPrecision.MICROSECONDS.magic() || little == PcapPrecision.NANOSECONDS.magic()) {
            order = ByteOrder.LITTLE_ENDIAN;
            precision = little == PcapPrecision.MICROSECONDS.magic() ? PcapPrecision.MICROSECONDS : PcapPrecision.NANOSECONDS;
        } else if (big == PCAPNG_MAGIC) {
            throw new IOException("this is a pcapng file; only classic pcap is read (convert with editcap -F pcap)");
        } else {
            throw new IOException(String.format("not a pcap file: magic 0x%08x", big));
        }
        snapLength = u32(g, 16);
        linkType = u32(g, 20);
    }

    public static PcapReader open(Path path) throws IOException {
        InputStream is = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        try {
            return new PcapReader(is);
        } catch (IOException | RuntimeException e) {
            is.close();
            throw e;
        }
    }

    /** Reads every record of {@code path}. */
    public static List<PcapRecord> readAll(Path path) throws IOException {
        try (PcapReader r = open(path)) {
            return r.readAll();
        }
    }

    public ByteOrder byteOrder() {
        return order;
    }

    public PcapPrecision precision() {
        return precision;
    }

    public int snapLength() {
        return snapLength;
    }

    /** The link type (1 for Ethernet). */
    public int linkType() {
        return linkType;
    }

    /** The next record, or {@code null} at the end of the file. */
    public PcapRecord next() throws IOException {
        int first = in.read();
        if (first < 0) return null;
        header[0] = (byte) first;
        readFully(header, 1, 15, "record header");
        long seconds = u32(header, 0) & 0xFFFF_FFFFL;
        long fraction = u32(header, 4) & 0xFFFF_FFFFL;
        int captured = u32(header, 8);
        int original = u32(header, 12);
        if (captured < 0 || captured > MAX_RECORD) throw new IOException("implausible captured length " + (captured & 0xFFFF_FFFFL));
        if (fraction >= precision.unitsPerSecond()) {
            throw new IOException("timestamp fraction " + fraction + " is not below one second");
        }
        byte[] data = new byte[captured];
        readFully(data, captured, "record data");
        long nanos = seconds * 1_000_000_000L + fraction * precision.nanosPerUnit();
        return new PcapRecord(nanos, Math.max(original, captured), Bytes.of(data));
    }

    /** Every remaining record. */
    public List<PcapRecord> readAll() throws IOException {
        List<PcapRecord> records = new ArrayList<>();
        for (PcapRecord r = next(); r != null; r = next()) {
            records.add(r);
        }
        return records;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void readFully(byte[] b, int len, String what) throws IOException {
        readFully(b, 0, len, what);
    }

    private void readFully(byte[] b, int off, int len, String what) throws IOException {
        int n = in.readNBytes(b, off, len);
        if (n < len) throw new EOFException("pcap file ends inside a " + what + " (" + n + " of " + len + " octets)");
    }

    private int u32(byte[] b, int i) {
        int v = be32(b, i);
        return order == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v);
    }

    private static int be32(byte[] b, int i) {
        return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }
}
