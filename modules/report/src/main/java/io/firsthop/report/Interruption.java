package io.firsthop.report;

import java.util.Objects;

/**
 * Why a run stopped before its planned end, and when: report.json's {@code interrupted}
 * (docs/report-format.md). A report without one either reached its end or is a checkpoint.
 *
 * @param atNs   the run time the run reached
 * @param reason what stopped it: "interrupted (Ctrl-C)", "--stop-after 5s", "failed: ..."
 */
public record Interruption(long atNs, String reason) {
    public Interruption {
        Objects.requireNonNull(reason, "reason");
    }
}
