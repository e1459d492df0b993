package io.firsthop.cluster;

import io.firsthop.cluster.serial.KryoCodec;
import io.firsthop.cluster.serial.KryoRejectedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a file {@link TraceFileWriter} writes, while it is being written: each {@link #poll}
 * returns the complete records appended since the last one, in file order. A record not yet
 * complete (being written, or torn by a SIGKILL) is left for a later poll and counted in
 * {@link #pendingBytes}. A record whose bytes do not decode is skipped and counted in
 * {@link #rejected} (its length still says where the next one starts).
 *
 * <p>Not thread-safe: one reader per file, polled from one thread.
 */
public final class TraceFileReader implements AutoCloseable {
    /** Longer than this, a record length can only be garbage. */
    private static final int MAX_RECORD = 16 * 1024 * 1024;
    /** How much of the file one read takes at most (more only for a longer record). */
    private static final int CHUNK = 1024 * 1024;

    private final Path path;
    private final KryoCodec codec = TraceFileWriter.codec();
    private FileChannel channel;
    private ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    /** File offset of the first byte not yet consumed (after the magic once it is read). */
    private long offset;
    private boolean headerRead;
    private long records;
    private long rejected;
    private long pendingBytes;

    public TraceFileReader(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** Reads an entire file (a finished run's), leaving out a torn last record. */
    public static List<SiteTrace> readAll(Path path) {
        try (TraceFileReader r = new TraceFileReader(path)) {
            return r.poll();
        }
    }

    /**
     * The records completed since the last poll; none while the file does not exist yet.
     *
     * @throws UncheckedIOException if the file cannot be read or is not a trace file
     */
    public List<SiteTrace> poll() {
        List<SiteTrace> out = new ArrayList<>();
        try {
            if (channel == null) {
                try {
                    channel = FileChannel.open(path, StandardOpenOption.READ);
                } catch (NoSuchFileException e) {
                    return out;
                }
            }
            long size = channel.size();
            int chunk = CHUNK;
            while (offset < size) {
                long before = offset;
                ByteBuffer b = fill(Math.min(size - offset, chunk));
                if (!headerRead) {
                    if (b.remaining() < TraceFileWriter.MAGIC.length) break;
                    byte[] magic = new byte[TraceFileWriter.MAGIC.length];
                    b.get(magic);
                    if (!Arrays.equals(magic, TraceFileWriter.MAGIC)) throw new IOException(path + " is not a firsthop trace file");
                    headerRead = true;
                    offset += magic.length;
                }
                int needed = readRecords(b, out);
                if (offset == before) {
                    // nothing complete in this chunk: the file ends inside a record, or the record is longer than the chunk
                    if (needed <= chunk || size - offset <= chunk) break;
                    chunk = needed;
                }
            }
            pendingBytes = size - offset;
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("reading trace file " + path, e);
        }
    }

    /**
     * Decodes the complete records at the start of {@code b}, advancing {@link #offset} past them;
     * returns the bytes the first incomplete record needs (0 if none).
     */
    private int readRecords(ByteBuffer b, List<SiteTrace> out) throws IOException {
        while (b.remaining() >= 4) {
            int start = b.position();
            int length = b.getInt();
            if (length < 0 || length > MAX_RECORD) {
                throw new IOException(path + ": impossible record length " + length + " at offset " + offset);
            }
            if (b.remaining() < length) {
                b.position(start);
                return 4 + length;
            }
            byte[] record = new byte[length];
            b.get(record);
            offset += 4 + length;
            try {
                if (codec.decode(record) instanceof SiteTrace t) {
                    out.add(t);
                    records++;
                } else {
                    rejected++;
                }
            } catch (KryoRejectedException e) {
                rejected++;
            }
        }
        return b.remaining() == 0 ? 0 : 4;
    }

    /** Reads {@code n} bytes of the file from {@link #offset} into the buffer, ready to read. */
    private ByteBuffer fill(long n) throws IOException {
        if (buffer.capacity() < n) buffer = ByteBuffer.allocate((int) n);
        buffer.clear().limit((int) n);
        long at = offset;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) break;
            at += read;
        }
        buffer.flip();
        return buffer;
    }

    /** Records read so far. */
    public long records() {
        return records;
    }

    /** Records skipped because their bytes did not decode. */
    public long rejected() {
        return rejected;
    }

    /** Bytes after the last complete record at the last poll: a record being written, or a torn tail. */
    public long pendingBytes() {
        return pendingBytes;
    }

    @Override
    public void close() {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException e) {
            // read-only: nothing is lost
        }
    }
}
