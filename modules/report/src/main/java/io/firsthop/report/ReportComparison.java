package io.firsthop.report;

import static io.firsthop.report.Svg.esc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs side by side: per flow the loss, longest outage, RTT p50 and p99; per failover the
 * takeover time and longest outage; per run the expectations' verdicts. Every figure of a run
 * after the first also shows its difference from the first run's, which is the design's gain
 * or cost ("VRRP vs HSRP"), the timers' effect, or, for the same scenario on the virtual and
 * the cluster engine, the emulation error.
 *
 * <pre>{@code
 * ReportComparison c = ReportComparison.load(List.of(Path.of("out/vrrp"), Path.of("out/hsrp")));
 * System.out.print(c.terminal());
 * c.write(Path.of("out"));   // comparison.md, comparison.html
 * }</pre>
 */
public final class ReportComparison {
    /** One compared run and the label it goes by. */
    public record Run(String label, RunReport report) {}

    /** One flow's figures in one run; null figures: the run has no such flow, or nothing to measure. */
    public record FlowFigures(Double lossPercent, Long longestOutageNs, Double p50Ms, Double p99Ms) {}

    /** One flow across the runs, in run order. */
    public record FlowRow(String flow, List<FlowFigures> runs) {}

    /** The n-th failover across the runs (matched by order), in run order; -1: none or no takeover. */
    public record FailoverRow(String label, List<Long> takeoverNs, List<Long> longestOutageNs) {}

    private final List<Run> runs;

    private ReportComparison(List<Run> runs) {
        if (runs.size() < 2) throw new IllegalArgumentException("a comparison needs two or more runs, got " + runs.size());
        this.runs = List.copyOf(runs);
    }

    /** Reads report.json from each run directory; labels are the runs' labels, made unique with the directory name. */
    public static ReportComparison load(List<Path> dirs) throws IOException {
        List<RunReport> reports = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path d : dirs) {
            reports.add(ReportFiles.read(d));
            Path name = d.toAbsolutePath().normalize().getFileName();
            names.add(name == null ? d.toString() : name.toString());
        }
        return of(reports, names);
    }

    /** Compares reports in memory; {@code fallbackNames} disambiguate equal labels (may be null). */
    public static ReportComparison of(List<RunReport> reports, List<String> fallbackNames) {
        Map<String, Integer> counts = new HashMap<>();
        for (RunReport r : reports) counts.merge(r.run().label(), 1, Integer::sum);
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            String label = reports.get(i).run().label();
            if (counts.get(label) > 1) {
                label += " [" + (fallbackNames != null && i < fallbackNames.size() ? fallbackNames.get(i) : "run " + (i + 1)) + "]";
            }
            runs.add(new Run(label, reports.get(i)));
        }
        return new ReportComparison(runs);
    }

    public List<Run> runs() {
        return runs;
    }

    /** Every flow of any run, by first appearance. */
    public List<FlowRow> flows() {
        Set<String> names = new LinkedHashSet<>();
        for (Run r : runs) for (FlowReport f : r.report().flows()) names.add(f.name());
        List<FlowRow> rows = new ArrayList<>();
        for (String name : names) {
            List<FlowFigures> figures = new ArrayList<>();
            for (Run r : runs) {
                FlowReport f = r.report().flow(name);
                figures.add(f == null ? new FlowFigures(null, null, null, null)
                        : new FlowFigures(f.lossFraction() * 100, f.longestOutageNs(), nan(f.rtt().p50Ms()), nan(f.rtt().p99Ms())));
            }
            rows.add(new FlowRow(name, figures));
        }
        return rows;
    }

    /** Failovers matched by their order in each run. */
    public List<FailoverRow> failovers() {
        int n = 0;
        for (Run r : runs) n = Math.max(n, r.report().failovers().size());
        List<FailoverRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String label = null;
            List<Long> takeover = new ArrayList<>();
            List<Long> outage = new ArrayList<>();
            for (Run r : runs) {
                List<Failover> fs = r.report().failovers();
                if (i < fs.size()) {
                    Failover f = fs.get(i);
                    if (label == null) label = "#" + f.number() + " " + f.what() + (f.what().contains(f.target()) ? "" : " " + f.target())
                            + " at " + Units.at(f.atNs()) + " s";
                    takeover.add(f.takeoverNs());
                    outage.add(f.longestOutageNs());
                } else {
                    takeover.add(-1L);
                    outage.add(-1L);
                }
            }
            rows.add(new FailoverRow(label, takeover, outage));
        }
        return rows;
    }

    private static Double nan(double v) {
        return Double.isNaN(v) ? null : v;
    }

    // ---- rendering ---------------------------------------------------------------------------

    /** The comparison as table rows: a header, then one row per figure. */
    private List<String[]> flowTable() {
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[2 + runs.size()];
        header[0] = "flow";
        header[1] = "figure";
        for (int i = 0; i < runs.size(); i++) header[2 + i] = runs.get(i).label();
        rows.add(header);
        for (FlowRow f : flows()) {
            rows.add(row(f.flow(), "loss %", f.runs(), x -> x.lossPercent(), "%.2f", ""));
            rows.add(row(f.flow(), "longest outage ms", f.runs(), x -> x.longestOutageNs() == null ? null : x.longestOutageNs() / 1e6, "%.3f", ""));
            rows.add(row(f.flow(), "RTT p50 ms", f.runs(), FlowFigures::p50Ms, "%.3f", ""));
            rows.add(row(f.flow(), "RTT p99 ms", f.runs(), FlowFigures::p99Ms, "%.3f", ""));
        }
        return rows;
    }

    private String[] row(String flow, String figure, List<FlowFigures> values, java.util.function.Function<FlowFigures, Double> get,
                         String format, String unit) {
        String[] row = new String[2 + runs.size()];
        row[0] = flow;
        row[1] = figure;
        Double base = get.apply(values.get(0));
        for (int i = 0; i < values.size(); i++) {
            Double v = get.apply(values.get(i));
            row[2 + i] = cell(v, i == 0 ? null : base, format) + unit;
        }
        return row;
    }

    private static String cell(Double v, Double base, String format) {
        if (v == null) return "-";
        String s = String.format(Locale.ROOT, format, v);
        if (base == null) return s;
        return s + " (" + String.format(Locale.ROOT, "%+" + format.substring(1), v - base) + ")";
    }

    private List<String[]> failoverTable() {
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[2 + runs.size()];
        header[0] = "failover";
        header[1] = "figure";
        for (int i = 0; i < runs.size(); i++) header[2 + i] = runs.get(i).label();
        rows.add(header);
        for (FailoverRow f : failovers()) {
            rows.add(failoverRow(f.label(), "takeover ms", f.takeoverNs()));
            rows.add(failoverRow(f.label(), "longest outage ms", f.longestOutageNs()));
        }
        return rows;
    }

    private String[] failoverRow(String label, String figure, List<Long> ns) {
        String[] row = new String[2 + runs.size()];
        row[0] = label;
        row[1] = figure;
        Double base = ns.get(0) < 0 ? null : ns.get(0) / 1e6;
        for (int i = 0; i < ns.size(); i++) {
            row[2 + i] = ns.get(i) < 0 ? "-" : cell(ns.get(i) / 1e6, i == 0 ? null : base, "%.3f");
        }
        return row;
    }

    private List<String[]> runTable() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"run", "engine", "seed", "duration s", "expectations", "complete"});
        for (Run r : runs) {
            long passed = r.report().expectations().stream().filter(ExpectationResult::passed).count();
            rows.add(new String[] {r.label(), r.report().run().engine(), Long.toString(r.report().run().seed()),
                    Units.at(r.report().durationNs()),
                    r.report().expectations().isEmpty() ? "-" : passed + "/" + r.report().expectations().size() + " passed",
                    r.report().complete() ? "yes" : "no (checkpoint)"});
        }
        return rows;
    }

    public String markdown() {
        return text(true);
    }

    public String terminal() {
        return text(false);
    }

    private String text(boolean md) {
        StringBuilder sb = new StringBuilder();
        String title = "firsthop comparison: " + runs.size() + " runs";
        sb.append(md ? "# " + title + "\n\n" : title + "\n" + "=".repeat(title.length()) + "\n");
        sb.append("Differences in parentheses are against the first run, ").append(runs.get(0).label()).append(".\n\n");
        heading(sb, md, "Runs");
        SummaryText.table(sb, md, runTable());
        heading(sb, md, "Flows");
        List<String[]> flows = flowTable();
        if (flows.size() > 1) SummaryText.table(sb, md, flows);
        else sb.append("No probe flows.\n\n");
        heading(sb, md, "Failovers");
        List<String[]> failovers = failoverTable();
        if (failovers.size() > 1) SummaryText.table(sb, md, failovers);
        else sb.append("No injected failures.\n\n");
        return sb.toString();
    }

    private static void heading(StringBuilder sb, boolean md, String text) {
        sb.append(md ? "## " + text + "\n\n" : text + "\n" + "-".repeat(text.length()) + "\n");
    }

    public String html() {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>firsthop comparison</title><style>")
                .append(Svg.STYLE).append("</style></head><body>\n<h1>firsthop comparison: ").append(runs.size())
                .append(" runs</h1><p class=\"meta\">Differences in parentheses are against the first run, ")
                .append(esc(runs.get(0).label())).append(".</p>\n");
        sb.append("<h2>Runs</h2>");
        htmlTable(sb, runTable());
        List<String> series = new ArrayList<>();
        for (Run r : runs) series.add(r.label());
        List<FlowRow> flows = flows();
        sb.append("<h2>Flows</h2>");
        if (!flows.isEmpty()) {
            List<String> names = new ArrayList<>();
            double[][] outage = new double[flows.size()][runs.size()];
            double[][] p50 = new double[flows.size()][runs.size()];
            double[][] p99 = new double[flows.size()][runs.size()];
            for (int i = 0; i < flows.size(); i++) {
                names.add(flows.get(i).flow());
                for (int k = 0; k < runs.size(); k++) {
                    FlowFigures x = flows.get(i).runs().get(k);
                    outage[i][k] = x.longestOutageNs() == null ? Double.NaN : x.longestOutageNs() / 1e6;
                    p50[i][k] = x.p50Ms() == null ? Double.NaN : x.p50Ms();
                    p99[i][k] = x.p99Ms() == null ? Double.NaN : x.p99Ms();
                }
            }
            sb.append("<figure>").append(Svg.barChart("compare-outage", "flows", "longest outage (ms)", names, series, outage))
                    .append("<figcaption>Longest outage per flow.</figcaption></figure>");
            sb.append("<figure>").append(Svg.barChart("compare-rtt-p50", "flows", "RTT p50 (ms)", names, series, p50))
                    .append("<figcaption>Median RTT per flow.</figcaption></figure>");
            sb.append("<figure>").append(Svg.barChart("compare-rtt-p99", "flows", "RTT p99 (ms)", names, series, p99))
                    .append("<figcaption>99th percentile RTT per flow.</figcaption></figure>");
            htmlTable(sb, flowTable());
        } else {
            sb.append("<p>No probe flows.</p>");
        }
        List<FailoverRow> failovers = failovers();
        sb.append("<h2>Failovers</h2>");
        if (!failovers.isEmpty()) {
            List<String> names = new ArrayList<>();
            double[][] takeover = new double[failovers.size()][runs.size()];
            for (int i = 0; i < failovers.size(); i++) {
                names.add("#" + (i + 1));
                for (int k = 0; k < runs.size(); k++) {
                    long v = failovers.get(i).takeoverNs().get(k);
                    takeover[i][k] = v < 0 ? Double.NaN : v / 1e6;
                }
            }
            sb.append("<figure>").append(Svg.barChart("compare-takeover", "failovers", "takeover (ms)", names, series, takeover))
                    .append("<figcaption>Time from injection to new master, per failover.</figcaption></figure>");
            htmlTable(sb, failoverTable());
        } else {
            sb.append("<p>No injected failures.</p>");
        }
        sb.append("</body></html>\n");
        return sb.toString();
    }

    private static void htmlTable(StringBuilder sb, List<String[]> rows) {
        sb.append("<table>");
        for (int i = 0; i < rows.size(); i++) {
            sb.append("<tr>");
            for (int c = 0; c < rows.get(i).length; c++) {
                String cell = esc(rows.get(i)[c]);
                if (i == 0) sb.append("<th>").append(cell).append("</th>");
                else sb.append(c >= 2 ? "<td class=\"num\">" : "<td>").append(cell).append("</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</table>\n");
    }

    /** Writes comparison.md and comparison.html into {@code dir}. */
    public void write(Path dir) {
        ReportFiles.writeAtomically(dir.resolve(ReportFiles.COMPARISON_MD), markdown());
        ReportFiles.writeAtomically(dir.resolve(ReportFiles.COMPARISON_HTML), html());
    }
}
