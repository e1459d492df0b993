package io.firsthop.cluster;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The remote sites this site is partitioned from: every frame between them is dropped (as
 * {@code LINK_DOWN}) on both sides, by the sender's {@link Uplink} and, for frames already in
 * flight when the partition began, by the receiver's {@link Downlink}. Only the emulated
 * network is cut: cluster membership, control messages and acknowledgements still flow, so a
 * partition never makes Pekko down a site. Thread-safe.
 */
final class Partitions {
    private final Set<String> cut = ConcurrentHashMap.newKeySet();

    /** Starts dropping frames to and from {@code remoteSite}; false if already partitioned. */
    boolean partition(String remoteSite) {
        return cut.add(remoteSite);
    }

    /** Stops dropping; false if not partitioned. */
    boolean heal(String remoteSite) {
        return cut.remove(remoteSite);
    }

    boolean partitioned(String remoteSite) {
        return !cut.isEmpty() && cut.contains(remoteSite);
    }
}
