package io.firsthop.cluster;

import io.firsthop.core.trace.TraceEvent;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes a site's trace events to a file, one {@link TraceLines} line each, from a thread of
 * its own: actors only enqueue, the writer drains every {@code flushMillis} and flushes, so a
 * reader tailing the file sees events within that much of their happening, and a SIGKILL
 * loses at most that much. {@link #close} drains, flushes and closes.
 */
public final class FileTraceSink implements TraceFile {
    private final Path path;
    private final BufferedWriter out;
    private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
    private final Thread writer;
    private final long flushNanos;
    private final AtomicLong written = new AtomicLong();
    private volatile boolean closed;
    private volatile IOException failure;

    /** Appends to {@code path} (created if missing), flushing every {@code flushMillis}. */
    public FileTraceSink(Path path, long flushMillis) {
        this.path = path;
        this.flushNanos = flushMillis * 1_000_000L;
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open trace file " + path, e);
        }
        this.writer = new Thread(this::run, "firsthop-trace-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Every event but per-frame ones ({@code FrameSent}, {@code FrameReceived}), which this sink does not ask for. */
    @Override
    public void accept(String site, TraceEvent event) {
        if (event instanceof TraceEvent.FrameSent || event instanceof TraceEvent.FrameReceived) return;
        queue.add(TraceLines.format(site, event));
    }

    @Override
    public Path path() {
        return path;
    }

    /** Lines written to the file so far. */
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
            String line;
            boolean any = false;
            while ((line = queue.poll()) != null) {
                out.write(line);
                out.write('\n');
                written.incrementAndGet();
                any = true;
            }
            if (any) out.flush();
        } catch (IOException e) {
            failure = e;
        }
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
