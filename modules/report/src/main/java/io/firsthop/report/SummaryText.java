package io.firsthop.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The summary a network engineer reads first, as markdown (summary.md) or as terminal text:
 * per flow the loss and longest outage, per failover the takeover time and its phases, the
 * groups' masters, and the expectations' verdicts.
 */
public final class SummaryText {
    private SummaryText() {
    }

    public static String markdown(RunReport r) {
        return render(r, true);
    }

    public static String terminal(RunReport r) {
        return render(r, false);
    }

    private static String render(RunReport r, boolean md) {
        StringBuilder sb = new StringBuilder();
        String title = "firsthop report: " + r.run().label() + ", seed " + r.run().seed() + ", "
                + Units.at(r.durationNs()) + " s" + (r.complete() ? "" : " (in progress)");
        heading(sb, md, 1, title);
        if (r.interrupted() != null) {
            sb.append(md ? "**" : "").append("Stopped early").append(md ? "**" : "").append(" at ").append(Units.at(r.interrupted().atNs()))
                    .append(" s: ").append(r.interrupted().reason()).append(". The figures cover the run up to there.\n\n");
        }
        if (!r.run().description().isEmpty()) sb.append(r.run().description()).append("\n\n");

        heading(sb, md, 2, "Flows");
        if (r.flows().isEmpty()) {
            sb.append("No probe flows.\n\n");
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"flow", "from", "to", "sent", "lost", "loss", "longest outage", "p50 ms", "p99 ms",
                    "max ms", "gateways", "extra RTT ms"});
            for (FlowReport f : r.flows()) {
                Outage o = f.longestOutage();
                rows.add(new String[] {f.name(), f.from() + site(f.fromSite()), nz(f.to()), Long.toString(f.sent()),
                        Long.toString(f.lost()), String.format(Locale.ROOT, "%.2f%%", f.lossFraction() * 100),
                        o == null ? "none" : Units.human(o.durationNs()) + " (" + o.probesLost() + " probes)"
                                + (o.recovered() ? "" : ", not recovered"),
                        Units.msFigure(f.rtt().p50Ms()), Units.msFigure(f.rtt().p99Ms()), Units.msFigure(f.rtt().maxMs()),
                        gateways(f), Units.msFigure(f.tromboning().extraRttP50Ms())});
            }
            table(sb, md, rows);
        }

        heading(sb, md, 2, "Failovers");
        if (r.failovers().isEmpty()) sb.append("No injected failures.\n\n");
        for (Failover f : r.failovers()) {
            String head = "#" + f.number() + " at " + Units.at(f.atNs()) + " s: " + f.what()
                    + (f.target().isEmpty() || f.what().contains(f.target()) ? "" : " " + f.target());
            sb.append(md ? "**" + head + "**" : head).append("\n");
            for (Takeover t : f.takeovers()) {
                bullet(sb, md, t.group() + ": " + (t.oldMaster() == null ? "none" : t.oldMaster()) + " -> " + t.newMaster()
                        + " after " + Units.human(t.takeoverNs()) + " (" + t.cause() + ")");
            }
            if (f.takeovers().isEmpty()) bullet(sb, md, "no group changed hands");
            for (FlowRecovery fr : f.flows()) {
                StringBuilder phases = new StringBuilder();
                for (PhaseLoss p : fr.phases()) {
                    if (p.lost() == 0) continue;
                    if (phases.length() > 0) phases.append(", ");
                    phases.append(p.from()).append("→").append(p.to()).append(' ').append(p.lost());
                }
                bullet(sb, md, "flow " + fr.flow() + ": outage " + Units.human(fr.outageNs()) + ", " + fr.probesLost()
                        + " probes lost" + (fr.recoveredAtNs() < 0 ? ", not recovered" : "")
                        + (fr.gatewayBefore() != null || fr.gatewayAfter() != null
                        ? ", gateway " + nz(fr.gatewayBefore()) + " -> " + nz(fr.gatewayAfter()) : "")
                        + (phases.length() > 0 ? "; lost per phase: " + phases : ""));
            }
            if (f.flows().isEmpty()) bullet(sb, md, "no flow lost probes");
            StringBuilder chain = new StringBuilder();
            ChainStep previous = null;
            for (ChainStep s : f.chain()) {
                // two groups on one router take over together: one step in the summary
                boolean repeat = previous != null && previous.step().equals(s.step()) && previous.atNs() == s.atNs()
                        && java.util.Objects.equals(previous.device(), s.device());
                previous = s;
                if (repeat) continue;
                if (chain.length() > 0) chain.append(md ? " → " : " -> ");
                long rel = s.atNs() - f.atNs();
                chain.append(s.step()).append(' ').append(nz(s.device())).append(" (")
                        .append(rel >= 0 ? "+" : "-").append(Units.human(Math.abs(rel))).append(')');
            }
            bullet(sb, md, "chain: " + chain);
            sb.append("\n");
        }

        heading(sb, md, 2, "Groups");
        if (r.groups().isEmpty()) {
            sb.append("No first-hop groups.\n\n");
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"group", "members", "master at end", "master transitions", "longest dual master"});
            for (GroupReport g : r.groups()) {
                List<String> members = new ArrayList<>();
                for (GroupMember m : g.members()) members.add(m.device() + " " + nz(m.state()));
                List<String> holders = g.holdersAt(r.durationNs());
                rows.add(new String[] {g.name(), String.join(", ", members), holders.isEmpty() ? "none" : String.join(", ", holders),
                        Long.toString(g.masterTransitions()), Units.human(g.longestDualMasterNs(r.durationNs()))});
            }
            table(sb, md, rows);
        }

        heading(sb, md, 2, "Expectations");
        if (r.expectations().isEmpty()) {
            sb.append("None.\n\n");
        } else {
            long passed = r.expectations().stream().filter(ExpectationResult::passed).count();
            sb.append(passed).append(" of ").append(r.expectations().size()).append(" passed\n\n");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"verdict", "check", "measured", "limit", "description"});
            for (ExpectationResult e : r.expectations()) {
                rows.add(new String[] {e.passed() ? "PASS" : "FAIL", e.name(), e.measured(), e.limit(), e.description()});
            }
            table(sb, md, rows);
        }
        if (!r.framesAnalysed()) {
            sb.append("Frames were not analysed: advertisement counters, last adverts, gratuitous ARPs and WAN crossings are not shown.\n");
        }
        return sb.toString();
    }

    static String gateways(FlowReport f) {
        StringBuilder sb = new StringBuilder();
        String last = null;
        for (GatewaySpan g : f.gateways()) {
            String name = (g.device() != null ? g.device() : g.owner()) + site(g.site());
            if (name.equals(last)) continue;
            if (sb.length() > 0) sb.append(" > ");
            sb.append(name);
            last = name;
        }
        return sb.length() == 0 ? "-" : sb.toString();
    }

    private static String site(String site) {
        return site == null ? "" : "@" + site;
    }

    private static String nz(String s) {
        return s == null ? "?" : s;
    }

    private static void heading(StringBuilder sb, boolean md, int level, String text) {
        if (md) {
            sb.append("#".repeat(level)).append(' ').append(text).append("\n\n");
        } else {
            sb.append(text).append('\n').append((level == 1 ? "=" : "-").repeat(Math.min(100, text.length()))).append("\n");
        }
    }

    private static void bullet(StringBuilder sb, boolean md, String text) {
        sb.append(md ? "- " : "  - ").append(text).append('\n');
    }

    /** A markdown table, or aligned columns for the terminal. */
    static void table(StringBuilder sb, boolean md, List<String[]> rows) {
        if (md) {
            for (int i = 0; i < rows.size(); i++) {
                sb.append('|');
                for (String c : rows.get(i)) sb.append(' ').append(c.replace("|", "\\|")).append(" |");
                sb.append('\n');
                if (i == 0) {
                    sb.append('|');
                    for (int c = 0; c < rows.get(0).length; c++) sb.append("---|");
                    sb.append('\n');
                }
            }
            sb.append('\n');
            return;
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) for (int c = 0; c < row.length; c++) widths[c] = Math.max(widths[c], row[c].length());
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < row.length; c++) {
                line.append(row[c]);
                if (c + 1 < row.length) line.append(" ".repeat(widths[c] - row[c].length() + 2));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        sb.append('\n');
    }
}
