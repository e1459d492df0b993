package io.firsthop.report;

import java.util.List;
import java.util.Locale;

/** Small helpers for hand-written SVG and HTML: escaping, number formatting, axes, ticks. */
final class Svg {
    private Svg() {
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A coordinate with at most two decimals. */
    static String f(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return "0";
        long r = Math.round(v * 100);
        if (r % 100 == 0) return Long.toString(r / 100);
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Round tick steps (1, 2, 5 x 10^n) giving about {@code count} ticks over [lo, hi]. */
    static double tickStep(double lo, double hi, int count) {
        double span = hi - lo;
        if (span <= 0 || Double.isNaN(span)) return 1;
        double raw = span / Math.max(1, count);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double n = raw / mag;
        double step = n < 1.5 ? 1 : n < 3 ? 2 : n < 7 ? 5 : 10;
        return step * mag;
    }

    static String tickLabel(double v, double step) {
        if (Math.abs(v) < Math.abs(step) * 1e-9) v = 0; // no "-0" from accumulated steps
        if (step >= 1) return String.format(Locale.ROOT, "%.0f", v);
        int decimals = (int) Math.min(6, Math.ceil(-Math.log10(step)));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A plot area with x and y axes, grid lines and tick labels. */
    record Frame(double x0, double y0, double width, double height, double xMin, double xMax, double yMin, double yMax) {
        double x(double v) {
            return x0 + (xMax == xMin ? 0 : (v - xMin) / (xMax - xMin) * width);
        }

        double y(double v) {
            return y0 + height - (yMax == yMin ? 0 : (v - yMin) / (yMax - yMin) * height);
        }

        void axes(StringBuilder sb, String xLabel, String yLabel) {
            axes(sb, xLabel, yLabel, true);
        }

        /** Axes; without {@code xTicks} the caller labels the x axis itself. */
        void axes(StringBuilder sb, String xLabel, String yLabel, boolean xTicks) {
            double xs = tickStep(xMin, xMax, 8);
            for (double t = Math.ceil(xMin / xs) * xs; xTicks && t <= xMax + xs * 1e-9; t += xs) {
                double px = x(t);
                sb.append("<line class=\"grid\" x1=\"").append(f(px)).append("\" y1=\"").append(f(y0)).append("\" x2=\"")
                        .append(f(px)).append("\" y2=\"").append(f(y0 + height)).append("\"/>");
                sb.append("<text class=\"tick\" x=\"").append(f(px)).append("\" y=\"").append(f(y0 + height + 14))
                        .append("\" text-anchor=\"middle\">").append(tickLabel(t, xs)).append("</text>");
            }
            if (yLabel != null) {
                double ys = tickStep(yMin, yMax, 5);
                for (double t = Math.ceil(yMin / ys) * ys; t <= yMax + ys * 1e-9; t += ys) {
                    double py = y(t);
                    sb.append("<line class=\"grid\" x1=\"").append(f(x0)).append("\" y1=\"").append(f(py)).append("\" x2=\"")
                            .append(f(x0 + width)).append("\" y2=\"").append(f(py)).append("\"/>");
                    sb.append("<text class=\"tick\" x=\"").append(f(x0 - 6)).append("\" y=\"").append(f(py + 4))
                            .append("\" text-anchor=\"end\">").append(tickLabel(t, ys)).append("</text>");
                }
                sb.append("<text class=\"axis-label\" transform=\"translate(").append(f(x0 - 44)).append(' ')
                        .append(f(y0 + height / 2)).append(") rotate(-90)\" text-anchor=\"middle\">").append(esc(yLabel)).append("</text>");
            }
            sb.append("<rect class=\"plot\" x=\"").append(f(x0)).append("\" y=\"").append(f(y0)).append("\" width=\"")
                    .append(f(width)).append("\" height=\"").append(f(height)).append("\"/>");
            sb.append("<text class=\"axis-label\" x=\"").append(f(x0 + width / 2)).append("\" y=\"").append(f(y0 + height + 30))
                    .append("\" text-anchor=\"middle\">").append(esc(xLabel)).append("</text>");
        }
    }

    /** Opens a chart's svg element; {@code kind} goes to data-chart (tests and styles find charts by it). */
    static void open(StringBuilder sb, String kind, String subject, double width, double height, String label) {
        sb.append("<svg class=\"chart\" data-chart=\"").append(esc(kind)).append("\" data-subject=\"").append(esc(subject))
                .append("\" viewBox=\"0 0 ").append(f(width)).append(' ').append(f(height)).append("\" width=\"").append(f(width))
                .append("\" height=\"").append(f(height)).append("\" role=\"img\" aria-label=\"").append(esc(label)).append("\">");
    }

    /** A grouped bar chart: one group of bars per category, one bar per series; NaN bars are left out. */
    static String barChart(String kind, String subject, String yLabel, List<String> categories, List<String> series, double[][] values) {
        int groups = categories.size();
        int perGroup = series.size();
        double width = Math.max(420, 90 + groups * (perGroup * 22 + 26));
        double height = 250;
        double max = 0;
        for (double[] row : values) for (double v : row) if (!Double.isNaN(v)) max = Math.max(max, v);
        if (max <= 0) max = 1;
        double step = tickStep(0, max, 5);
        max = Math.ceil(max / step) * step;
        Frame fr = new Frame(64, 14, width - 80, height - 84, 0, 1, 0, max);
        StringBuilder sb = new StringBuilder();
        open(sb, kind, subject, width, height, yLabel);
        for (double t = 0; t <= max + step * 1e-9; t += step) {
            double py = fr.y(t);
            sb.append("<line class=\"grid\" x1=\"64\" y1=\"").append(f(py)).append("\" x2=\"").append(f(64 + fr.width()))
                    .append("\" y2=\"").append(f(py)).append("\"/><text class=\"tick\" x=\"58\" y=\"").append(f(py + 4))
                    .append("\" text-anchor=\"end\">").append(tickLabel(t, step)).append("</text>");
        }
        double groupWidth = fr.width() / Math.max(1, groups);
        double barWidth = Math.min(22, (groupWidth - 10) / Math.max(1, perGroup));
        for (int g = 0; g < groups; g++) {
            double gx = fr.x0() + g * groupWidth + (groupWidth - barWidth * perGroup) / 2;
            for (int s = 0; s < perGroup; s++) {
                double v = values[g][s];
                if (Double.isNaN(v)) continue;
                double top = fr.y(v);
                sb.append("<rect class=\"bar s").append(s % 8).append("\" x=\"").append(f(gx + s * barWidth)).append("\" y=\"")
                        .append(f(top)).append("\" width=\"").append(f(barWidth - 2)).append("\" height=\"")
                        .append(f(fr.y0() + fr.height() - top)).append("\"><title>").append(esc(series.get(s))).append(": ")
                        .append(esc(tickLabel(v, 0.001))).append("</title></rect>");
            }
            sb.append("<text class=\"tick\" x=\"").append(f(fr.x0() + g * groupWidth + groupWidth / 2)).append("\" y=\"")
                    .append(f(fr.y0() + fr.height() + 14)).append("\" text-anchor=\"middle\">").append(esc(categories.get(g))).append("</text>");
        }
        sb.append("<rect class=\"plot\" x=\"").append(f(fr.x0())).append("\" y=\"").append(f(fr.y0())).append("\" width=\"")
                .append(f(fr.width())).append("\" height=\"").append(f(fr.height())).append("\"/>");
        sb.append("<text class=\"axis-label\" transform=\"translate(16 ").append(f(fr.y0() + fr.height() / 2))
                .append(") rotate(-90)\" text-anchor=\"middle\">").append(esc(yLabel)).append("</text>");
        double lx = fr.x0();
        for (int s = 0; s < perGroup; s++) {
            sb.append("<rect class=\"bar s").append(s % 8).append("\" x=\"").append(f(lx)).append("\" y=\"").append(f(height - 30))
                    .append("\" width=\"10\" height=\"10\"/><text class=\"legend\" x=\"").append(f(lx + 14)).append("\" y=\"")
                    .append(f(height - 21)).append("\">").append(esc(series.get(s))).append("</text>");
            lx += 24 + 7 * series.get(s).length();
        }
        sb.append("</svg>");
        return sb.toString();
    }

    /** The stylesheet shared by report.html and comparison.html. */
    static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1180px;color:#1d2330;padding:0 16px}
            h1{font-size:22px;margin-bottom:4px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #d5dae3;padding-bottom:4px}
            h3{font-size:15px;margin:18px 0 6px}.meta{color:#5b6475}
            table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}th,td{border:1px solid #d5dae3;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f1f4f8}td.num{text-align:right;font-variant-numeric:tabular-nums}
            .pass{color:#1b7a36;font-weight:600}.fail{color:#b3261e;font-weight:600}
            figure{margin:8px 0 20px}.scroll{overflow-x:auto}figcaption{color:#5b6475;font-size:12px}
            svg.chart{max-width:100%;height:auto;background:#fff;font-size:11px}
            svg .grid{stroke:#e6e9ef;stroke-width:1}svg .plot{fill:none;stroke:#9aa3b2}svg .tick{fill:#5b6475}
            svg .axis-label,svg .legend{fill:#1d2330}svg .band{fill:#9ec5fe;opacity:.55}svg .mean{fill:none;stroke:#1f5fbf;stroke-width:1.4}
            svg .loss{fill:#d93025}svg .outage{fill:#d93025;opacity:.10}svg .failure{stroke:#b3261e;stroke-width:1.2;stroke-dasharray:4 3}
            svg .failure-label{fill:#b3261e}svg .bar{fill:#4f7fd1}svg .pct{stroke:#1d2330;stroke-dasharray:3 3}
            svg .st-forwarding{fill:#2e9b4f}svg .st-standby{fill:#5b8def}svg .st-listen{fill:#b9cdf6}svg .st-down{fill:#c4c8cf}svg .st-other{fill:#f0a040}
            svg .phase{fill:#d93025;opacity:.8}svg .step{fill:#1d2330}svg .axis{stroke:#9aa3b2}
            svg .site{fill:#f6f8fb;stroke:#c6ccd6}svg .link{stroke:#7d8699;stroke-width:1.5}svg .wan{stroke:#d93025;stroke-width:2;stroke-dasharray:6 4}
            svg .node-router{fill:#2e9b4f}svg .node-switch{fill:#5b8def}svg .node-host{fill:#f0a040}svg .node-label{fill:#1d2330}
            svg .s0{fill:#4f7fd1}svg .s1{fill:#e8833a}svg .s2{fill:#3aa55d}svg .s3{fill:#c44e52}svg .s4{fill:#8172b2}svg .s5{fill:#937860}svg .s6{fill:#da8bc3}svg .s7{fill:#8c8c8c}
            """;
}
