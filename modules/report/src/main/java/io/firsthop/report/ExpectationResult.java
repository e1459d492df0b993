package io.firsthop.report;

import java.util.Objects;

/**
 * One evaluated {@code expect:} check, as the run module evaluates it from the metrics.
 *
 * @param name        the check's key, e.g. "max-outage", "master"
 * @param description what was checked, e.g. "flow h1-out: longest outage at most 400 ms"
 * @param measured    the measured value, with its unit ("3.610 s", "r2"); "n/a" when it could not be measured
 * @param limit       the limit or expected value ("4 s", "r1")
 * @param passed      the verdict
 */
public record ExpectationResult(String name, String description, String measured, String limit, boolean passed) {
    public ExpectationResult {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        measured = measured == null ? "n/a" : measured;
        limit = limit == null ? "" : limit;
    }
}
