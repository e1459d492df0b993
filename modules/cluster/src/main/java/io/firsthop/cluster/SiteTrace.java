package io.firsthop.cluster;

import io.firsthop.core.trace.TraceEvent;

/** A trace event with the site that saw it; also the form a trace takes between JVMs. */
public record SiteTrace(String site, TraceEvent event) implements CrossSite {
}
