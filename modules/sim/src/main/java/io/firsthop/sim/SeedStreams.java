package io.firsthop.sim;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Independent, reproducible random streams derived from one run seed and a stream name (a
 * link's name, say). Each stream depends only on the seed and its own name, so adding or
 * removing an unrelated link never perturbs the others.
 */
public final class SeedStreams {
    private SeedStreams() {
    }

    /** The 64-bit seed of stream {@code name} in a run seeded with {@code runSeed}. */
    public static long streamSeed(long runSeed, String name) {
        // FNV-1a over UTF-8 is stable across JVMs and versions, unlike identity hashes
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

    /** SplitMix64's finalizer (Steele, Lea and Flood, 2014): a bijection that spreads every input bit. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
