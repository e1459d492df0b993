package io.firsthop.run;

import java.util.Objects;

/**
 * One evaluated {@code expect:} check.
 *
 * @param name        the check's key, e.g. "max-outage", "master"
 * @param description what was checked, e.g. "flow h1-out: longest outage <= 4s"
 * @param measured    the measured value with its unit, or "n/a: why" when it could not be measured
 * @param limit       the limit or expected value
 * @param passed      the verdict
 */
public record CheckResult(String name, String description, String measured, String limit, boolean passed) {
    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(measured, "measured");
        Objects.requireNonNull(limit, "limit");
    }
}
