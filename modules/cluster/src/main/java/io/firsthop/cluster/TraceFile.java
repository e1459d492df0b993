package io.firsthop.cluster;

import java.nio.file.Path;

/**
 * A site's trace written to a file as the run goes: the text lines of {@link FileTraceSink}
 * (for people and tools) or the Kryo records of {@link TraceFileWriter} (for the process that
 * reads every event back, frames included). Both write from a thread of their own, so the
 * actors that trace only enqueue.
 */
public interface TraceFile extends TraceSink, AutoCloseable {
    /** The file. */
    Path path();

    /** Events written to the file so far. */
    long written();

    /** Writes what is queued, flushes and closes the file. */
    @Override
    void close();
}
