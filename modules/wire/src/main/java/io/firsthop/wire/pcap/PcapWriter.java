package io.firsthop.wire.pcap;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes a classic libpcap capture file (LINKTYPE_ETHERNET, little-endian, as tcpdump does on
 * x86), one record per {@link #write} call, straight to the stream: nothing is held back
 * beyond the stream's own buffer, and {@link #flush()} pushes everything written so far.
 * Nanosecond timestamps (magic 0xa1b23c4d) unless told otherwise.
 *
 * <p>Not thread-safe: one writer per capture, fed by one thread.
 */
public final class PcapWriter implements Closeable, Flushable {
    public static final int LINKTYPE_ETHERNET = 1;
    /** libpcap's default snap length: large enough that no Ethernet frame is cut. */
    public static final int DEFAULT_SNAP_LENGTH = 262_144;
    private static final int RECORD_HEADER = 16;

    private final OutputStream out;
    private final PcapPrecision precision;
    private final int snapLength;
    private final byte[] header = new byte[RECORD_HEADER];

    /** A nanosecond-precision writer on {@code out}; the global header is written at once. */
    public PcapWriter(OutputStream out) throws IOException {
        this(out, PcapPrecision.NANOSECONDS, DEFAULT_SNAP_LENGTH);
    }

    public PcapWriter(OutputStream out, PcapPrecision precision, int snapLength) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        this.precision = Objects.requireNonNull(precision, "precision");
        if (snapLength <= 0) throw new IllegalArgumentException("snap length must be positive, was " + snapLength);
        this.snapLength = snapLength;
        byte[] g = new byte[24];
        le32(g, 0, precision.magic());
        le16(g, 4, 2);
        le16(g, 6, 4);
        // thiszone and sigfigs stay zero: timestamps are UTC
        le32(g, 16, snapLength);
        le32(g, 20, LINKTYPE_ETHERNET);
        out.write(g);
    }

    /** Creates (or truncates) {@code path} and writes a nanosecond-precision capture to it. */
    public static PcapWriter create(Path path) throws IOException {
        return create(path, PcapPrecision.NANOSECONDS);
    }

    public static PcapWriter create(Path path, PcapPrecision precision) throws IOException {
        OutputStream os = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        try {
            return new PcapWriter(os, precision, DEFAULT_SNAP_LENGTH);
        } catch (IOException | RuntimeException e) {
            os.close();
            throw e;
        }
    }

    public PcapPrecision precision() {
        return precision;
    }

    /** Writes one frame captured at {@code timestampNanos} (since the Unix epoch). */
    public void write(long timestampNanos, byte[] frame) throws IOException {
        write(timestampNanos, frame, 0, frame.length);
    }

    /** Writes {@code len} octets of {@code b} from {@code off} as one frame, cut at the snap length. */
    public void write(long timestampNanos, byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (timestampNanos < 0) throw new IllegalArgumentException("pcap cannot hold a time before 1970: " + timestampNanos);
        long seconds = timestampNanos / 1_000_000_000L;
        if (seconds > 0xFFFF_FFFFL) throw new IllegalArgumentException("pcap seconds field overflows: " + seconds);
        long fraction = (timestampNanos % 1_000_000_000L) / precision.nanosPerUnit();
        int captured = Math.min(len, snapLength);
        le32(header, 0, (int) seconds);
        le32(header, 4, (int) fraction);
        le32(header, 8, captured);
        le32(header, 12, len);
        out.write(header);
        out.write(b, off, captured);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Flushes and closes the underlying stream. */
    @Override
    public void close() throws IOException {
        try (out) {
            out.flush();
        }
    }

    private static void le16(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
    }

    private static void le32(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
        b[i + 2] = (byte) (v >>> 16);
        b[i + 3] = (byte) (v >>> 24);
    }
}
