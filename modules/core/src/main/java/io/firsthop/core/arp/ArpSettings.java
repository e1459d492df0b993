package io.firsthop.core.arp;

/**
 * How an IPv4 interface resolves neighbours (RFC 826). The defaults follow Linux's
 * {@code mcast_solicit = 3} and {@code retrans_time = 1 s}; the entry timeout is a plain
 * lifetime since the entry was last confirmed by an ARP packet.
 *
 * @param entryTimeoutNanos  how long an entry lives after it was created or last confirmed
 * @param requestAttempts    how many requests are broadcast before resolution fails
 * @param retryIntervalNanos time between requests, and from the last request to the failure
 * @param queueLimit         packets held per unresolved address; more are dropped (ARP_QUEUE_FULL)
 */
public record ArpSettings(long entryTimeoutNanos, int requestAttempts, long retryIntervalNanos, int queueLimit) {
    private static final long SECOND = 1_000_000_000L;

    /** 60 s entries, 3 requests 1 s apart, 3 packets queued per address. */
    public static final ArpSettings DEFAULT = new ArpSettings(60 * SECOND, 3, SECOND, 3);

    public ArpSettings {
        if (entryTimeoutNanos <= 0) throw new IllegalArgumentException("ARP entry timeout must be positive, was " + entryTimeoutNanos);
        if (requestAttempts < 1) throw new IllegalArgumentException("ARP request attempts must be at least 1, was " + requestAttempts);
        if (retryIntervalNanos <= 0) throw new IllegalArgumentException("ARP retry interval must be positive, was " + retryIntervalNanos);
        if (queueLimit < 0) throw new IllegalArgumentException("ARP queue limit must not be negative, was " + queueLimit);
    }
}
