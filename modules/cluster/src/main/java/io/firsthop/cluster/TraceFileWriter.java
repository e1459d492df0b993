package io.firsthop.cluster;

import io.firsthop.cluster.serial.KryoCodec;
import io.firsthop.cluster.serial.KryoRejectedException;
import io.firsthop.core.trace.TraceEvent;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes a site's trace events to a binary file that another process reads back whole
 * ({@link TraceFileReader}): the way a site JVM of {@code firsthop run --engine cluster} hands
 * its events to the run process, frames included when asked.
 *
 * <p>The format: the 8 bytes {@link #MAGIC}, then one record per event: a 4-byte big-endian
 * length and that many bytes, a {@link SiteTrace} encoded by {@link KryoCodec} with the
 * cluster's registrations (the same list the sites use between them, which covers every
 * {@link TraceEvent} record). Actors only enqueue; a thread of this writer encodes, writes
 * and flushes every {@code flushMillis}, so a reader sees an event within about that much of
 * its happening and a SIGKILL loses at most that much (and may leave a torn last record, which
 * the reader leaves out). An event that does not encode (a payload class not registered) is
 * written as a {@link TraceEvent.Note} saying so, never dropped silently.
 */
public final class TraceFileWriter implements TraceFile {
    /** The first bytes of every such file ("firsthop trace, version 1"). */
    static final byte[] MAGIC = "FHTRACE1".getBytes(StandardCharsets.US_ASCII);
    /** The default interval between two flushes. */
    public static final long DEFAULT_FLUSH_MILLIS = 20;

    private final Path path;
    private final boolean frames;
    private final KryoCodec codec;
    private final OutputStream out;
    private final ConcurrentLinkedQueue<SiteTrace> queue = new ConcurrentLinkedQueue<>();
    private final Thread writer;
    private final long flushNanos;
    private final AtomicLong written = new AtomicLong();
    private final byte[] lengthBytes = new byte[4];
    private volatile boolean closed;
    private volatile IOException failure;

    /**
     * Creates (or truncates) {@code path} and starts writing.
     *
     * @param frames      whether per-frame events ({@code FrameSent}, {@code FrameReceived}) are written
     * @param flushMillis the interval between two flushes
     */
    public TraceFileWriter(Path path, boolean frames, long flushMillis) {
        if (flushMillis <= 0) throw new IllegalArgumentException("flushMillis must be positive");
        this.path = path;
        this.frames = frames;
        this.flushNanos = flushMillis * 1_000_000L;
        this.codec = codec();
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            this.out = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), 64 * 1024);
            out.write(MAGIC);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open trace file " + path, e);
        }
        this.writer = new Thread(this::run, "firsthop-trace-file-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** The codec of trace files: the cluster's registrations; trace events hold no actor references. */
    static KryoCodec codec() {
        return new KryoCodec(List.of(), ref -> {
            throw new IllegalArgumentException("a trace file holds no actor references");
        }, p -> {
            throw new IllegalArgumentException("a trace file holds no actor references");
        });
    }

    @Override
    public void accept(String site, TraceEvent event) {
        if (!frames && (event instanceof TraceEvent.FrameSent || event instanceof TraceEvent.FrameReceived)) return;
        queue.add(new SiteTrace(site, event));
    }

    @Override
    public boolean wantsFrameEvents() {
        return frames;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public long written() {
        return written.get();
    }

    private void run() {
        while (!closed) {
            LockSupport.parkNanos(flushNanos);
            drain();
        }
    }

    private synchronized void drain() {
        if (failure != null) return;
        try {
            SiteTrace t;
            boolean any = false;
            while ((t = queue.poll()) != null) {
                write(encode(t));
                written.incrementAndGet();
                any = true;
            }
            if (any) out.flush();
        } catch (IOException e) {
            failure = e;
        }
    }

    private byte[] encode(SiteTrace t) {
        try {
            return codec.encode(t);
        } catch (KryoRejectedException e) {
            TraceEvent ev = t.event();
            return codec.encode(new SiteTrace(t.site(), new TraceEvent.Note(ev.at(), ev.device(),
                    "a " + ev.getClass().getSimpleName() + " event could not be recorded: " + e.getMessage())));
        }
    }

    private void write(byte[] record) throws IOException {
        int n = record.length;
        lengthBytes[0] = (byte) (n >>> 24);
        lengthBytes[1] = (byte) (n >>> 16);
        lengthBytes[2] = (byte) (n >>> 8);
        lengthBytes[3] = (byte) n;
        out.write(lengthBytes);
        out.write(record);
    }

    /** Writes what is queued, flushes and closes the file; throws if writing ever failed. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(writer);
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain();
        synchronized (this) {
            try {
                out.close();
            } catch (IOException e) {
                if (failure == null) failure = e;
            }
        }
        if (failure != null) throw new UncheckedIOException("writing trace file " + path + " failed", failure);
    }
}
