package io.firsthop.report;

import java.util.Locale;

/** flows.csv: one row per flow, RFC 4180 quoting, for spreadsheets. */
public final class FlowsCsv {
    static final String HEADER = "flow,from,from_site,to,sent,received,lost,pending,loss_percent,rtt_min_ms,rtt_mean_ms,"
            + "rtt_p50_ms,rtt_p90_ms,rtt_p99_ms,rtt_max_ms,outages,longest_outage_ms,probes_lost_in_longest_outage,"
            + "gateways,extra_rtt_p50_ms,wan_crossings_per_round_trip";

    private FlowsCsv() {
    }

    public static String render(RunReport r) {
        StringBuilder sb = new StringBuilder(HEADER).append("\r\n");
        for (FlowReport f : r.flows()) {
            Outage longest = f.longestOutage();
            StringBuilder gateways = new StringBuilder();
            String last = null;
            for (GatewaySpan g : f.gateways()) {
                String name = g.device() != null ? g.device() : g.owner();
                if (name.equals(last)) continue;
                if (gateways.length() > 0) gateways.append(" > ");
                gateways.append(name);
                last = name;
            }
            row(sb, f.name(), f.from(), f.fromSite(), f.to(), f.sent(), f.received(), f.lost(), f.pending(),
                    fmt(f.lossFraction() * 100), fmt(f.rtt().minMs()), fmt(f.rtt().meanMs()), fmt(f.rtt().p50Ms()),
                    fmt(f.rtt().p90Ms()), fmt(f.rtt().p99Ms()), fmt(f.rtt().maxMs()), f.outages().size(),
                    Units.ms(f.longestOutageNs()), longest == null ? 0 : longest.probesLost(), gateways,
                    fmt(f.tromboning().extraRttP50Ms()), fmt(f.tromboning().wanCrossingsPerRoundTrip()));
        }
        return sb.toString();
    }

    private static String fmt(Double v) {
        if (v == null || v.isNaN()) return "";
        return String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static void row(StringBuilder sb, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) sb.append(',');
            String s = cells[i] == null ? "" : cells[i].toString();
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                sb.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(s);
            }
        }
        sb.append("\r\n");
    }
}
