package io.firsthop.run;

/**
 * How far an engine got.
 *
 * @param reachedNanos the run time reached
 * @param completed    whether the run reached its end (false: it was stopped)
 * @param events       events processed
 * @param stopReason   why it stopped early, or null
 */
public record EngineResult(long reachedNanos, boolean completed, long events, String stopReason) {
}
