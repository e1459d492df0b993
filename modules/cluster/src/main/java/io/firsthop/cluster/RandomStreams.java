package io.firsthop.cluster;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Independent, reproducible random streams derived from a run seed and a stream name. The
 * derivation is the virtual engine's ({@code io.firsthop.sim.SeedStreams}, repeated here
 * because the cluster engine does not depend on the simulator): FNV-1a over the name's UTF-8
 * bytes, mixed with the seed by SplitMix64's finalizer. A stream depends only on the seed and
 * its own name, so every site derives the same stream for a link without coordination, and
 * adding an unrelated link perturbs nothing.
 *
 * <p>In the cluster each direction of a link runs on the actor of its sending device, so a
 * link has one stream per direction ({@link #linkDirection}), not one shared stream as in the
 * virtual engine: the two engines draw the same distributions from different streams.
 */
public final class RandomStreams {
    private RandomStreams() {
    }

    /** The 64-bit seed of stream {@code name} in a run seeded with {@code runSeed}. */
    public static long streamSeed(long runSeed, String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xFF);
            h *= 0x100000001b3L;
        }
        return mix64(runSeed ^ mix64(h + 0x9E3779B97F4A7C15L));
    }

    /** A fresh random stream for {@code name}. */
    public static SplittableRandom stream(long runSeed, String name) {
        return new SplittableRandom(streamSeed(runSeed, name));
    }

    /** The stream of one direction of link {@code linkName}: "a>b" (A to B) or "b>a". */
    public static SplittableRandom linkDirection(long runSeed, String linkName, boolean aToB) {
        return stream(runSeed, linkName + (aToB ? "#a>b" : "#b>a"));
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
