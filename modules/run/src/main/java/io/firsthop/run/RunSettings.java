package io.firsthop.run;

import java.nio.file.Path;

/**
 * How to run a plan.
 *
 * @param seed       the run's random seed
 * @param captureDir where to write one pcap per link ({@code <link>.pcap}), or null for no capture
 */
public record RunSettings(long seed, Path captureDir) {
    public static RunSettings seed(long seed) {
        return new RunSettings(seed, null);
    }
}
