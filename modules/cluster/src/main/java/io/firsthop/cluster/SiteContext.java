package io.firsthop.cluster;

/** What every actor of a site shares: its name, clock, delivery thread, trace sink and metrics. */
public record SiteContext(String site, RunClock clock, PreciseDelivery delivery, TraceSink traces, SiteMetrics metrics) {
}
