package io.firsthop.wire.pcap;

import io.firsthop.wire.Bytes;
import java.util.Objects;

/**
 * One captured frame.
 *
 * @param timestampNanos  capture time in nanoseconds since the Unix epoch (microsecond files
 *                        give multiples of 1000)
 * @param originalLength  the frame's length on the wire; more than {@code data.length()} if the
 *                        capture cut it at the snap length
 * @param data            the captured octets
 */
public record PcapRecord(long timestampNanos, int originalLength, Bytes data) {
    public PcapRecord {
        Objects.requireNonNull(data, "data");
        if (originalLength < data.length()) {
            throw new IllegalArgumentException("original length " + originalLength + " < captured " + data.length());
        }
    }
}
