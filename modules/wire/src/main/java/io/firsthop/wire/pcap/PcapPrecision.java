package io.firsthop.wire.pcap;

/** The timestamp resolution of a classic pcap file, which its magic number announces. */
public enum PcapPrecision {
    /** Magic 0xa1b2c3d4, the original libpcap format. */
    MICROSECONDS(0xA1B2_C3D4, 1_000L),
    /** Magic 0xa1b23c4d, libpcap's nanosecond variant. */
    NANOSECONDS(0xA1B2_3C4D, 1L);

    private final int magic;
    private final long nanosPerUnit;

    PcapPrecision(int magic, long nanosPerUnit) {
        this.magic = magic;
        this.nanosPerUnit = nanosPerUnit;
    }

    public int magic() {
        return magic;
    }

    /** Nanoseconds per unit of the record header's fractional-second field. */
    long nanosPerUnit() {
        return nanosPerUnit;
    }

    long unitsPerSecond() {
        return 1_000_000_000L / nanosPerUnit;
    }
}
