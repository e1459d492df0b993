package io.firsthop.report;

/** The probes of one flow lost and sent between two chain steps: [{@code fromNs}, {@code toNs}). */
public record PhaseLoss(String from, String to, long fromNs, long toNs, long lost) {
}
