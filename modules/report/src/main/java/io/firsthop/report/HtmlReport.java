package io.firsthop.report;

import static io.firsthop.report.Svg.esc;
import static io.firsthop.report.Svg.f;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.html: one self-contained page, viewable offline (no scripts, no external files): the
 * summary tables, and inline SVG charts drawn here: latency over time per flow with the
 * failures marked, a state timeline per group, RTT distributions, the failover chains and the
 * topology with its sites. Every chart is an {@code <svg class="chart" data-chart="KIND">}.
 */
public final class HtmlReport {
    private static final double WIDTH = 960;

    private HtmlReport() {
    }

    public static String render(RunReport r) {
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
                .append("<title>firsthop report: ").append(esc(r.run().label())).append("</title><style>")
                .append(Svg.STYLE).append("</style></head><body>\n");
        sb.append("<h1>firsthop report: ").append(esc(r.run().label())).append("</h1><p class=\"meta\">seed ")
                .append(r.run().seed()).append(" · ").append(Units.at(r.durationNs())).append(" s · ")
                .append(r.interrupted() != null ? "stopped early at " + Units.at(r.interrupted().atNs()) + " s: " + esc(r.interrupted().reason())
                        : r.complete() ? "complete" : "in progress (checkpoint)").append(" · ").append(r.traceEvents())
                .append(" trace events").append(r.framesAnalysed() ? "" : " · frames not analysed").append("</p>");
        if (!r.run().description().isEmpty()) sb.append("<p>").append(esc(r.run().description())).append("</p>");
        sb.append('\n');

        summary(sb, r);

        sb.append("<h2 id=\"latency\">Latency over time</h2>\n");
        if (r.flows().isEmpty()) sb.append("<p>No probe flows.</p>");
        for (FlowReport f : r.flows()) {
            sb.append("<figure>");
            latencyChart(sb, r, f);
            sb.append("<figcaption>").append(esc(f.name())).append(": RTT per ").append(esc(bucketText(f)))
                    .append(" (line: mean, band: min–max), lost probes in red below, outages shaded, failures dashed.</figcaption></figure>\n");
        }

        sb.append("<h2 id=\"groups\">Group states</h2>\n");
        if (r.groups().isEmpty()) sb.append("<p>No first-hop groups.</p>");
        for (GroupReport g : r.groups()) {
            sb.append("<figure>");
            stateChart(sb, r, g);
            sb.append("<figcaption>").append(esc(g.name())).append(": state of each member over time (green: Master/Active, blue: Backup/Standby, grey: down).</figcaption></figure>\n");
            countersTable(sb, g);
        }

        sb.append("<h2 id=\"rtt\">RTT distributions</h2>\n");
        for (FlowReport f : r.flows()) {
            if (f.rttHistogram().isEmpty()) continue;
            sb.append("<figure>");
            rttChart(sb, f);
            sb.append("<figcaption>").append(esc(f.name())).append(": answered probes per RTT (p50 and p99 dashed).</figcaption></figure>\n");
        }

        sb.append("<h2 id=\"failovers\">Failover chains</h2>\n");
        if (r.failovers().isEmpty()) sb.append("<p>No injected failures.</p>");
        for (Failover fo : r.failovers()) {
            sb.append("<h3>#").append(fo.number()).append(" at ").append(Units.at(fo.atNs())).append(" s: ")
                    .append(esc(fo.what())).append(" (").append(esc(fo.target())).append(")</h3><figure>");
            chainChart(sb, fo);
            sb.append("<figcaption>Each step at its time after the injection; red bars: probes lost in the phase that follows it.</figcaption></figure>\n");
            chainTable(sb, fo);
        }

        sb.append("<h2 id=\"topology\">Topology</h2>\n");
        if (r.topology().nodes().isEmpty()) {
            sb.append("<p>No topology was given.</p>");
        } else {
            sb.append("<figure>");
            topologyChart(sb, r.topology());
            sb.append("<figcaption>Nodes by site (routers top, switches middle, hosts bottom); dashed red: links between sites.</figcaption></figure>\n");
        }
        sb.append("</body></html>\n");
        return sb.toString();
    }

    // ---- tables ------------------------------------------------------------------------------

    private static void summary(StringBuilder sb, RunReport r) {
        sb.append("<h2 id=\"summary\">Summary</h2>\n");
        if (!r.flows().isEmpty()) {
            sb.append("<table><tr><th>flow</th><th>from</th><th>to</th><th>sent</th><th>lost</th><th>loss</th>")
                    .append("<th>longest outage</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th><th>max ms</th><th>gateways</th>")
                    .append("<th>extra RTT ms</th><th>WAN crossings / RTT</th></tr>");
            for (FlowReport f : r.flows()) {
                Outage o = f.longestOutage();
                sb.append("<tr><td>").append(esc(f.name())).append("</td><td>").append(esc(f.from()))
                        .append(f.fromSite() == null ? "" : " <span class=\"meta\">" + esc(f.fromSite()) + "</span>")
                        .append("</td><td>").append(esc(f.to())).append("</td>")
                        .append(num(Long.toString(f.sent()))).append(num(Long.toString(f.lost())))
                        .append(num(String.format(Locale.ROOT, "%.2f%%", f.lossFraction() * 100)))
                        .append(num(o == null ? "none" : Units.human(o.durationNs()) + " (" + o.probesLost() + ")"))
                        .append(num(Units.msFigure(f.rtt().p50Ms()))).append(num(Units.msFigure(f.rtt().p90Ms())))
                        .append(num(Units.msFigure(f.rtt().p99Ms()))).append(num(Units.msFigure(f.rtt().maxMs())))
                        .append("<td>").append(esc(SummaryText.gateways(f))).append("</td>")
                        .append(num(Units.msFigure(f.tromboning().extraRttP50Ms())))
                        .append(num(f.tromboning().wanCrossingsPerRoundTrip() == null ? "-"
                                : String.format(Locale.ROOT, "%.2f", f.tromboning().wanCrossingsPerRoundTrip())))
                        .append("</tr>");
            }
            sb.append("</table>\n");
        }
        if (!r.failovers().isEmpty()) {
            sb.append("<table><tr><th>#</th><th>at (s)</th><th>injected</th><th>takeover</th><th>new master</th><th>longest outage</th><th>flows hit</th></tr>");
            for (Failover fo : r.failovers()) {
                List<String> masters = new ArrayList<>();
                for (Takeover t : fo.takeovers()) masters.add(t.group() + ": " + t.newMaster() + " (" + t.cause() + ")");
                sb.append("<tr><td>").append(fo.number()).append("</td>").append(num(Units.at(fo.atNs()))).append("<td>")
                        .append(esc(fo.what() + " " + fo.target())).append("</td>")
                        .append(num(fo.takeoverNs() < 0 ? "-" : Units.human(fo.takeoverNs()))).append("<td>")
                        .append(esc(masters.isEmpty() ? "-" : String.join("; ", masters))).append("</td>")
                        .append(num(Units.human(fo.longestOutageNs()))).append(num(Integer.toString(fo.flows().size()))).append("</tr>");
            }
            sb.append("</table>\n");
        }
        if (!r.expectations().isEmpty()) {
            sb.append("<table><tr><th>verdict</th><th>check</th><th>measured</th><th>limit</th><th>description</th></tr>");
            for (ExpectationResult e : r.expectations()) {
                sb.append("<tr><td class=\"").append(e.passed() ? "pass\">PASS" : "fail\">FAIL").append("</td><td>")
                        .append(esc(e.name())).append("</td><td>").append(esc(e.measured())).append("</td><td>")
                        .append(esc(e.limit())).append("</td><td>").append(esc(e.description())).append("</td></tr>");
            }
            sb.append("</table>\n");
        }
    }

    private static String num(String s) {
        return "<td class=\"num\">" + esc(s) + "</td>";
    }

    private static void countersTable(StringBuilder sb, GroupReport g) {
        if (g.members().isEmpty()) return;
        List<String> names = new ArrayList<>();
        for (GroupMember m : g.members()) for (String k : m.counters().keySet()) if (!names.contains(k)) names.add(k);
        sb.append("<div class=\"scroll\"><table><tr><th>member</th><th>interface</th><th>site</th><th>state</th>");
        for (String n : names) sb.append("<th>").append(esc(n)).append("</th>");
        sb.append("</tr>");
        for (GroupMember m : g.members()) {
            sb.append("<tr><td>").append(esc(m.device())).append("</td><td>").append(esc(m.interfaceName())).append("</td><td>")
                    .append(esc(m.site())).append("</td><td>").append(esc(m.state())).append("</td>");
            for (String n : names) {
                Long v = m.counters().get(n);
                sb.append(num(v == null ? "-" : v.toString()));
            }
            sb.append("</tr>");
        }
        sb.append("</table></div>\n");
    }

    private static void chainTable(StringBuilder sb, Failover fo) {
        sb.append("<table><tr><th>step</th><th>at (s)</th><th>+ms</th><th>device</th><th>detail</th><th>lost in phase</th></tr>");
        for (ChainStep s : fo.chain()) {
            sb.append("<tr><td>").append(esc(s.step())).append("</td>").append(num(Units.at(s.atNs())))
                    .append(num(String.format(Locale.ROOT, "%+.3f", (s.atNs() - fo.atNs()) / 1e6))).append("<td>")
                    .append(esc(s.device())).append("</td><td>").append(esc(s.detail())).append("</td>")
                    .append(num(Long.toString(s.lostInPhase()))).append("</tr>");
        }
        sb.append("</table>\n");
    }

    private static String bucketText(FlowReport f) {
        if (f.timeline().isEmpty()) return "bucket";
        return Units.human(f.timeline().get(0).widthNs());
    }

    // ---- charts ------------------------------------------------------------------------------

    private static void latencyChart(StringBuilder sb, RunReport r, FlowReport f) {
        double height = 240;
        double xMax = Math.max(r.durationNs(), 1) / 1e9;
        double top = 0;
        for (TimelineBucket b : f.timeline()) if (!Double.isNaN(b.maxMs())) top = Math.max(top, b.maxMs());
        // a handful of huge RTTs would flatten the chart: clip at 3 x p99 and say so
        boolean clipped = false;
        if (!Double.isNaN(f.rtt().p99Ms()) && top > 3 * f.rtt().p99Ms() && f.rtt().p99Ms() > 0) {
            top = 3 * f.rtt().p99Ms();
            clipped = true;
        }
        if (top <= 0) top = 1;
        double step = Svg.tickStep(0, top, 5);
        top = Math.ceil(top * 1.05 / step) * step;
        Svg.Frame fr = new Svg.Frame(64, 16, WIDTH - 84, height - 76, 0, xMax, 0, top);
        Svg.open(sb, "latency", f.name(), WIDTH, height, "latency over time of " + f.name());
        for (Outage o : f.outages()) {
            double x1 = fr.x(o.startNs() / 1e9);
            double x2 = fr.x((o.recovered() ? o.endNs() : r.durationNs()) / 1e9);
            sb.append("<rect class=\"outage\" x=\"").append(f(x1)).append("\" y=\"").append(f(fr.y0())).append("\" width=\"")
                    .append(f(Math.max(1, x2 - x1))).append("\" height=\"").append(f(fr.height())).append("\"><title>outage ")
                    .append(esc(Units.human(o.durationNs()))).append(", ").append(o.probesLost()).append(" probes lost</title></rect>");
        }
        fr.axes(sb, "time (s)", "RTT (ms)");
        StringBuilder band = new StringBuilder();
        StringBuilder lower = new StringBuilder();
        StringBuilder mean = new StringBuilder();
        List<String> segments = new ArrayList<>();
        for (TimelineBucket b : f.timeline()) {
            if (Double.isNaN(b.meanMs())) {
                flush(segments, band, lower, mean);
                continue;
            }
            double x = fr.x((b.startNs() + b.widthNs() / 2.0) / 1e9);
            band.append(f(x)).append(',').append(f(fr.y(Math.min(top, b.maxMs())))).append(' ');
            lower.insert(0, f(x) + "," + f(fr.y(Math.min(top, b.minMs()))) + " ");
            mean.append(f(x)).append(',').append(f(fr.y(Math.min(top, b.meanMs())))).append(' ');
        }
        flush(segments, band, lower, mean);
        for (String s : segments) sb.append(s);
        double lossBase = fr.y0() + fr.height();
        for (TimelineBucket b : f.timeline()) {
            if (b.lost() == 0) continue;
            double x1 = fr.x(b.startNs() / 1e9);
            double w = Math.max(1, fr.x((b.startNs() + b.widthNs()) / 1e9) - x1);
            double h = 4 + 12.0 * b.lost() / Math.max(1, b.sent());
            sb.append("<rect class=\"loss\" x=\"").append(f(x1)).append("\" y=\"").append(f(lossBase - h)).append("\" width=\"")
                    .append(f(w)).append("\" height=\"").append(f(h)).append("\"><title>").append(b.lost()).append(" of ")
                    .append(b.sent()).append(" lost from ").append(Units.at(b.startNs())).append(" s</title></rect>");
        }
        failures(sb, r, fr);
        if (clipped) {
            sb.append("<text class=\"tick\" x=\"").append(f(fr.x0() + fr.width())).append("\" y=\"").append(f(fr.y0() + fr.height() + 30))
                    .append("\" text-anchor=\"end\">RTT axis clipped at 3 × p99; max ").append(esc(Units.msFigure(f.rtt().maxMs()))).append(" ms</text>");
        }
        sb.append("</svg>");
    }

    private static void flush(List<String> segments, StringBuilder band, StringBuilder lower, StringBuilder mean) {
        if (mean.length() == 0) return;
        segments.add("<polygon class=\"band\" points=\"" + band + lower + "\"/>");
        segments.add("<polyline class=\"mean\" points=\"" + mean.toString().trim() + "\"/>");
        band.setLength(0);
        lower.setLength(0);
        mean.setLength(0);
    }

    /** Dashed vertical lines at each injected failure, labelled. */
    private static void failures(StringBuilder sb, RunReport r, Svg.Frame fr) {
        for (Failover fo : r.failovers()) {
            double x = fr.x(fo.atNs() / 1e9);
            sb.append("<line class=\"failure\" x1=\"").append(f(x)).append("\" y1=\"").append(f(fr.y0())).append("\" x2=\"")
                    .append(f(x)).append("\" y2=\"").append(f(fr.y0() + fr.height())).append("\"><title>#").append(fo.number())
                    .append(' ').append(esc(fo.what() + " " + fo.target())).append("</title></line>");
            sb.append("<text class=\"failure-label\" x=\"").append(f(x + 3)).append("\" y=\"").append(f(fr.y0() + 10))
                    .append("\">#").append(fo.number()).append(' ').append(esc(fo.kind())).append(' ').append(esc(fo.target())).append("</text>");
        }
    }

    private static String stateClass(String state) {
        if (GroupReport.isForwardingState(state)) return "st-forwarding";
        String s = state == null ? "" : state.toLowerCase(Locale.ROOT);
        if (s.equals("backup") || s.equals("standby")) return "st-standby";
        if (s.equals("listen") || s.equals("speak") || s.equals("learn")) return "st-listen";
        if (GroupState.isDownState(state)) return "st-down";
        return "st-other";
    }

    private static void stateChart(StringBuilder sb, RunReport r, GroupReport g) {
        // one row per (member, instance): the group itself first, then GLBP forwarders
        Map<String, List<Transition>> rows = new LinkedHashMap<>();
        for (GroupMember m : g.members()) rows.put(m.device() + "|", new ArrayList<>());
        for (Transition t : g.transitions()) {
            rows.computeIfAbsent(t.device() + "|" + (t.instance() == null ? "" : t.instance()), k -> new ArrayList<>()).add(t);
        }
        rows.values().removeIf(List::isEmpty);
        double rowHeight = 22;
        double height = 60 + rows.size() * rowHeight + 20;
        double xMax = Math.max(r.durationNs(), 1) / 1e9;
        double labelWidth = 170;
        Svg.Frame fr = new Svg.Frame(labelWidth, 12, WIDTH - labelWidth - 20, rows.size() * rowHeight, 0, xMax, 0, 1);
        Svg.open(sb, "states", g.name(), WIDTH, height, "state timeline of " + g.name());
        fr.axes(sb, "time (s)", null);
        int i = 0;
        for (Map.Entry<String, List<Transition>> row : rows.entrySet()) {
            double y = fr.y0() + i * rowHeight + 3;
            String[] key = row.getKey().split("\\|", -1);
            sb.append("<text class=\"legend\" x=\"").append(f(labelWidth - 8)).append("\" y=\"").append(f(y + 12))
                    .append("\" text-anchor=\"end\">").append(esc(key[0] + (key[1].isEmpty() ? "" : " " + key[1]))).append("</text>");
            List<Transition> ts = row.getValue();
            for (int k = 0; k < ts.size(); k++) {
                Transition t = ts.get(k);
                long end = k + 1 < ts.size() ? ts.get(k + 1).atNs() : Math.max(r.durationNs(), t.atNs());
                double x1 = fr.x(t.atNs() / 1e9);
                double x2 = fr.x(end / 1e9);
                sb.append("<rect class=\"").append(stateClass(t.to())).append("\" x=\"").append(f(x1)).append("\" y=\"").append(f(y))
                        .append("\" width=\"").append(f(Math.max(0.5, x2 - x1))).append("\" height=\"").append(f(rowHeight - 6))
                        .append("\"><title>").append(esc(t.device())).append(' ').append(esc(t.to())).append(" from ")
                        .append(Units.at(t.atNs())).append(" s (").append(esc(t.cause())).append(")</title></rect>");
            }
            i++;
        }
        failures(sb, r, fr);
        double lx = labelWidth;
        double ly = height - 14;
        for (String[] legend : new String[][] {{"st-forwarding", "master / active"}, {"st-standby", "backup / standby"},
                {"st-listen", "listen / speak"}, {"st-down", "initialize / down"}, {"st-other", "other"}}) {
            sb.append("<rect class=\"").append(legend[0]).append("\" x=\"").append(f(lx)).append("\" y=\"").append(f(ly - 9))
                    .append("\" width=\"10\" height=\"10\"/><text class=\"legend\" x=\"").append(f(lx + 14)).append("\" y=\"")
                    .append(f(ly)).append("\">").append(legend[1]).append("</text>");
            lx += 130;
        }
        sb.append("</svg>");
    }

    private static void rttChart(StringBuilder sb, FlowReport f) {
        double height = 220;
        List<RttBucket> bars = f.rttHistogram();
        long maxCount = 1;
        for (RttBucket b : bars) maxCount = Math.max(maxCount, b.count());
        Svg.Frame fr = new Svg.Frame(64, 14, WIDTH - 84, height - 62, 0, bars.size(), 0, maxCount * 1.05);
        Svg.open(sb, "rtt-distribution", f.name(), WIDTH, height, "RTT distribution of " + f.name());
        // slots are labelled with their bucket edges, not a linear scale
        fr.axes(sb, "RTT (ms)", "probes", false);
        double labelEvery = Math.max(1, bars.size() / 8);
        for (int i = 0; i <= bars.size(); i += (int) labelEvery) {
            double edge = i < bars.size() ? bars.get(i).fromMs() : bars.get(bars.size() - 1).toMs();
            sb.append("<text class=\"tick\" x=\"").append(f(fr.x(i))).append("\" y=\"").append(f(fr.y0() + fr.height() + 14))
                    .append("\" text-anchor=\"middle\">").append(Units.msFigure(edge)).append("</text>");
        }
        // bars are equal-width slots whatever their range (the buckets may be logarithmic)
        double slot = fr.width() / bars.size();
        for (int i = 0; i < bars.size(); i++) {
            RttBucket b = bars.get(i);
            if (b.count() == 0) continue;
            double top = fr.y(b.count());
            sb.append("<rect class=\"bar\" x=\"").append(f(fr.x0() + i * slot + 1)).append("\" y=\"").append(f(top))
                    .append("\" width=\"").append(f(Math.max(1, slot - 2))).append("\" height=\"").append(f(fr.y0() + fr.height() - top))
                    .append("\"><title>").append(b.count()).append(" probes in [").append(Units.msFigure(b.fromMs())).append(", ")
                    .append(Units.msFigure(b.toMs())).append(") ms</title></rect>");
        }
        for (double[] p : new double[][] {{50, f.rtt().p50Ms()}, {99, f.rtt().p99Ms()}}) {
            if (Double.isNaN(p[1])) continue;
            int slotIndex = 0;
            for (int i = 0; i < bars.size(); i++) if (bars.get(i).fromMs() <= p[1]) slotIndex = i;
            RttBucket b = bars.get(slotIndex);
            double within = b.toMs() > b.fromMs() ? Math.min(1, (p[1] - b.fromMs()) / (b.toMs() - b.fromMs())) : 0;
            double x = fr.x0() + (slotIndex + within) * slot;
            sb.append("<line class=\"pct\" x1=\"").append(f(x)).append("\" y1=\"").append(f(fr.y0())).append("\" x2=\"").append(f(x))
                    .append("\" y2=\"").append(f(fr.y0() + fr.height())).append("\"/><text class=\"legend\" x=\"").append(f(x + 3))
                    .append("\" y=\"").append(f(fr.y0() + 12)).append("\">p").append((int) p[0]).append(' ')
                    .append(Units.msFigure(p[1])).append("</text>");
        }
        sb.append("</svg>");
    }

    private static void chainChart(StringBuilder sb, Failover fo) {
        List<ChainStep> steps = fo.chain();
        double rowHeight = 24;
        double labelWidth = 260;
        double height = 50 + steps.size() * rowHeight;
        double lo = 0;
        double hi = 0;
        for (ChainStep s : steps) {
            double rel = (s.atNs() - fo.atNs()) / 1e6;
            lo = Math.min(lo, rel);
            hi = Math.max(hi, rel);
        }
        if (hi - lo < 1) hi = lo + 1;
        double pad = (hi - lo) * 0.04;
        Svg.Frame fr = new Svg.Frame(labelWidth, 10, WIDTH - labelWidth - 30, steps.size() * rowHeight, lo - pad, hi + pad, 0, 1);
        Svg.open(sb, "failover-chain", "#" + fo.number(), WIDTH, height, "failover chain #" + fo.number());
        fr.axes(sb, "ms after the injection", null);
        for (int i = 0; i < steps.size(); i++) {
            ChainStep s = steps.get(i);
            double y = fr.y0() + i * rowHeight + rowHeight / 2;
            double x = fr.x((s.atNs() - fo.atNs()) / 1e6);
            sb.append("<text class=\"legend\" x=\"").append(f(labelWidth - 8)).append("\" y=\"").append(f(y + 4))
                    .append("\" text-anchor=\"end\">").append(esc(s.step() + (s.device() == null ? "" : " " + s.device()))).append("</text>");
            if (s.lostInPhase() > 0) {
                double end = i + 1 < steps.size() ? fr.x((steps.get(i + 1).atNs() - fo.atNs()) / 1e6) : fr.x0() + fr.width();
                sb.append("<rect class=\"phase\" x=\"").append(f(x)).append("\" y=\"").append(f(y - 4)).append("\" width=\"")
                        .append(f(Math.max(2, end - x))).append("\" height=\"8\"><title>").append(s.lostInPhase())
                        .append(" probes lost in this phase</title></rect><text class=\"failure-label\" x=\"")
                        .append(f(Math.max(x, end) + 4)).append("\" y=\"").append(f(y + 4)).append("\">").append(s.lostInPhase())
                        .append(" lost</text>");
            }
            sb.append("<circle class=\"step\" cx=\"").append(f(x)).append("\" cy=\"").append(f(y)).append("\" r=\"4\"><title>")
                    .append(esc(s.detail())).append("</title></circle>");
        }
        sb.append("</svg>");
    }

    private static int layer(String kind) {
        String k = kind == null ? "" : kind.toLowerCase(Locale.ROOT);
        if (k.equals("host") || k.equals("server") || k.equals("vm")) return 2;
        if (k.contains("switch") || k.equals("hypervisor") || k.equals("bridge")) return 1;
        return 0;
    }

    private static void topologyChart(StringBuilder sb, Topology t) {
        List<String> sites = new ArrayList<>(t.siteNames());
        boolean unsited = t.nodes().stream().anyMatch(n -> n.site() == null);
        if (unsited) sites.add(null);
        // layers per site
        Map<String, List<List<Topology.Node>>> bySite = new LinkedHashMap<>();
        for (String s : sites) bySite.put(s, List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
        for (Topology.Node n : t.nodes()) bySite.get(n.site()).get(layer(n.kind())).add(n);
        int widest = 1;
        for (List<List<Topology.Node>> layers : bySite.values()) for (List<Topology.Node> l : layers) widest = Math.max(widest, l.size());
        double siteWidth = Math.max(220, Math.min(600, widest * 90));
        double gap = 40;
        double width = Math.max(WIDTH, sites.size() * (siteWidth + gap) + gap);
        double height = 330;
        Svg.open(sb, "topology", "topology", width, height, "topology with its sites");
        Map<String, double[]> at = new LinkedHashMap<>();
        for (int s = 0; s < sites.size(); s++) {
            double x0 = gap + s * (siteWidth + gap);
            sb.append("<rect class=\"site\" x=\"").append(f(x0)).append("\" y=\"10\" width=\"").append(f(siteWidth))
                    .append("\" height=\"").append(f(height - 20)).append("\" rx=\"10\"/><text class=\"legend\" x=\"")
                    .append(f(x0 + 10)).append("\" y=\"28\" font-weight=\"600\">").append(esc(sites.get(s) == null ? "(no site)" : sites.get(s)))
                    .append("</text>");
            List<List<Topology.Node>> layers = bySite.get(sites.get(s));
            for (int l = 0; l < 3; l++) {
                List<Topology.Node> nodes = layers.get(l);
                for (int i = 0; i < nodes.size(); i++) {
                    double x = x0 + siteWidth * (i + 1) / (nodes.size() + 1);
                    double y = 75 + l * 95;
                    at.put(nodes.get(i).name(), new double[] {x, y});
                }
            }
        }
        Map<String, String> sitesOf = t.sites();
        for (Topology.Link l : t.links()) {
            double[] a = at.get(l.deviceA());
            double[] b = at.get(l.deviceB());
            if (a == null || b == null) continue;
            String sa = sitesOf.get(l.deviceA());
            String sbSite = sitesOf.get(l.deviceB());
            boolean wan = sa != null && sbSite != null && !sa.equals(sbSite);
            sb.append("<line class=\"").append(wan ? "wan" : "link").append("\" x1=\"").append(f(a[0])).append("\" y1=\"").append(f(a[1]))
                    .append("\" x2=\"").append(f(b[0])).append("\" y2=\"").append(f(b[1])).append("\"><title>").append(esc(l.name()))
                    .append(": ").append(esc(l.a())).append(" – ").append(esc(l.b())).append("</title></line>");
        }
        for (Topology.Node n : t.nodes()) {
            double[] p = at.get(n.name());
            int layer = layer(n.kind());
            String cls = layer == 0 ? "node-router" : layer == 1 ? "node-switch" : "node-host";
            if (layer == 0) {
                sb.append("<circle class=\"").append(cls).append("\" cx=\"").append(f(p[0])).append("\" cy=\"").append(f(p[1]))
                        .append("\" r=\"14\">");
            } else {
                double w = layer == 1 ? 34 : 24;
                double h = layer == 1 ? 20 : 18;
                sb.append("<rect class=\"").append(cls).append("\" x=\"").append(f(p[0] - w / 2)).append("\" y=\"").append(f(p[1] - h / 2))
                        .append("\" width=\"").append(f(w)).append("\" height=\"").append(f(h)).append("\" rx=\"3\">");
            }
            sb.append("<title>").append(esc(n.name() + " (" + n.kind() + (n.site() == null ? "" : ", " + n.site()) + ")"))
                    .append("</title>").append(layer == 0 ? "</circle>" : "</rect>");
            sb.append("<text class=\"node-label\" x=\"").append(f(p[0])).append("\" y=\"").append(f(p[1] + 28))
                    .append("\" text-anchor=\"middle\">").append(esc(n.name())).append("</text>");
        }
        sb.append("</svg>");
    }
}
