package io.firsthop.run;

import io.firsthop.report.ExpectationResult;
import io.firsthop.report.FlowReport;
import io.firsthop.report.Outage;
import io.firsthop.report.RunReport;
import io.firsthop.scenario.Expectation;
import io.firsthop.scenario.FhrpGroup;
import io.firsthop.scenario.Flow;
import io.firsthop.scenario.GatewayProtocol;
import io.firsthop.scenario.Units;
import io.firsthop.wire.MacAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Checks a scenario's {@code expect:} list against what a run measured. Each check gives the
 * measured value, the limit (or expected value) and a verdict.
 *
 * <p>What each check measures:
 * <ul>
 *   <li>{@code max-outage}: the flow's longest run of lost probes, from the sending of its first
 *       lost probe to the sending of the first probe answered after it (a pinging user's view:
 *       the resolution is the probe interval). A run not over when the run ended counts up to the
 *       sending of its last lost probe (a lower bound), and says so.</li>
 *   <li>{@code max-loss}: lost probes over probes that were answered or lost (probes still within
 *       their timeout when the run ended count as neither).</li>
 *   <li>{@code master} / {@code active}: the members leading the group at that instant (every
 *       change at that instant applied); it passes when the named node is the only one.</li>
 *   <li>{@code gateway}, {@code gateway-mac}, {@code gateway-site}: from the last probe of the flow
 *       sent at or before that instant: if it was answered, the MAC it was sent to, the node that
 *       MAC belonged to then ({@link Gateways}) and that node's site; if it was lost, the flow was
 *       down then and the check fails. Before the flow's first probe, its first answered probe.</li>
 *   <li>{@code max-tromboning}: the flow's round trips against its nearest-gateway baseline
 *       ({@link Baselines}): in each window of max(1 s, 10 probe intervals), the median RTT of its
 *       answered probes minus the baseline then; the largest such cost, clamped at 0. The median
 *       keeps a first probe's ARP resolution and single jittered probes from passing for a
 *       detour; a detour that lasts shows in full. A window with fewer than 5 answered probes (cut
 *       by the flow's start or stop) counts only when no window has more.</li>
 *   <li>{@code max-dual-master}: the longest time two or more members led one group at once
 *       (VRRP, HSRP, GLBP's AVG); changes at one instant are applied together, so a handover is
 *       not a dual master. Anycast gateways are active everywhere by design and are not checked.</li>
 * </ul>
 * A check about an instant the run did not reach (it was interrupted) is "n/a" and fails.
 */
public final class Expectations {
    private final Observations obs;
    private final Gateways gateways;
    private final Baselines baselines;
    private final RunReport report;

    /**
     * @param report the report module's metrics of the same run, or null: when given, outages and
     *               loss are its figures (so report.json and the verdicts agree to the probe); the
     *               other checks need the binding (group names, MAC owners, baselines) and use
     *               {@code obs}
     */
    public Expectations(Observations obs, Gateways gateways, Baselines baselines, RunReport report) {
        this.obs = obs;
        this.gateways = gateways;
        this.baselines = baselines;
        this.report = report;
    }

    /** Every expectation of the scenario, in file order. */
    public List<ExpectationResult> evaluate() {
        List<ExpectationResult> results = new ArrayList<>();
        for (Expectation e : obs.plan().scenario().expectations()) results.add(evaluate(e));
        return results;
    }

    public ExpectationResult evaluate(Expectation e) {
        return switch (e) {
            case Expectation.MaxOutage m -> maxOutage(m);
            case Expectation.MaxLoss m -> maxLoss(m);
            case Expectation.LeaderAt l -> leaderAt(l);
            case Expectation.GatewayAt g -> gatewayAt(g.describe(), "gateway", g.flow(), g.at().toNanos(), g.node(), Kind.NODE);
            case Expectation.GatewayMacAt g -> gatewayAt(g.describe(), "gateway-mac", g.flow(), g.at().toNanos(), g.mac().toString(), Kind.MAC);
            case Expectation.GatewaySiteAt g -> gatewayAt(g.describe(), "gateway-site", g.flow(), g.at().toNanos(), g.site(), Kind.SITE);
            case Expectation.MaxTromboning t -> maxTromboning(t);
            case Expectation.MaxDualMaster d -> maxDualMaster(d);
        };
    }

    // ------------------------------------------------------------------ flows

    private ExpectationResult maxOutage(Expectation.MaxOutage m) {
        String limit = Units.formatDuration(m.limit());
        FlowReport fr = report == null ? null : report.flow(m.flow());
        if (fr != null) {
            Outage o = fr.longestOutage();
            String measured = o == null ? "0 s (no probe lost)" : seconds(o.durationNs()) + " (" + o.probesLost() + " probes lost from "
                    + seconds(o.startNs()) + (o.recovered() ? "" : "; not recovered by the end, so at least this") + ")";
            return new ExpectationResult("max-outage", m.describe(), measured, limit, fr.longestOutageNs() <= m.limit().toNanos());
        }
        Observations.FlowProbes f = obs.flow(m.flow());
        if (f == null || f.count() == 0) return new ExpectationResult("max-outage", m.describe(), "n/a: the flow sent no probe", limit, false);
        long longest = 0;
        long longestStart = -1;
        int longestLost = 0;
        boolean longestOpen = false;
        int i = 0;
        while (i < f.count()) {
            if (f.rtt(i) != Observations.FlowProbes.LOST) {
                i++;
                continue;
            }
            int first = i;
            while (i < f.count() && f.rtt(i) == Observations.FlowProbes.LOST) i++;
            boolean recovered = i < f.count() && f.rtt(i) >= 0;
            long end = recovered ? f.sentAt(i) : f.sentAt(i - 1);
            long duration = end - f.sentAt(first);
            if (longestStart < 0 || duration > longest) {
                longest = duration;
                longestStart = f.sentAt(first);
                longestLost = i - first;
                longestOpen = !recovered;
            }
        }
        String measured = longestStart < 0 ? "0 s (no probe lost)"
                : seconds(longest) + " (" + longestLost + " probes lost from " + seconds(longestStart)
                        + (longestOpen ? "; not recovered by the end, so at least this" : "") + ")";
        return new ExpectationResult("max-outage", m.describe(), measured, limit, longest <= m.limit().toNanos());
    }

    private ExpectationResult maxLoss(Expectation.MaxLoss m) {
        String limit = percent(m.limit());
        FlowReport fr = report == null ? null : report.flow(m.flow());
        if (fr != null && fr.received() + fr.lost() > 0) {
            return new ExpectationResult("max-loss", m.describe(), percent(fr.lossFraction()) + " (" + fr.lost() + " of "
                    + (fr.received() + fr.lost()) + " probes)", limit, fr.lossFraction() <= m.limit() + 1e-12);
        }
        Observations.FlowProbes f = obs.flow(m.flow());
        if (f == null) return new ExpectationResult("max-loss", m.describe(), "n/a: the flow sent no probe", limit, false);
        int lost = f.lost();
        int resolved = lost + f.answered();
        if (resolved == 0) return new ExpectationResult("max-loss", m.describe(), "n/a: no probe was answered or lost", limit, false);
        double fraction = (double) lost / resolved;
        return new ExpectationResult("max-loss", m.describe(), percent(fraction) + " (" + lost + " of " + resolved + " probes)", limit,
                fraction <= m.limit() + 1e-12);
    }

    private enum Kind { NODE, MAC, SITE }

    private ExpectationResult gatewayAt(String description, String name, String flowName, long at, String expected, Kind kind) {
        Observations.FlowProbes f = obs.flow(flowName);
        if (at > obs.end()) return notReached(name, description, expected, at);
        if (f == null || f.count() == 0) return new ExpectationResult(name, description, "n/a: the flow sent no probe", expected, false);
        int last = -1;
        for (int i = 0; i < f.count() && f.sentAt(i) <= at; i++) last = i;
        int probe = -1;
        if (last < 0) {
            for (int i = 0; i < f.count(); i++) {
                if (f.rtt(i) >= 0) {
                    probe = i;
                    break;
                }
            }
            if (probe < 0) return new ExpectationResult(name, description, "n/a: no probe of the flow was answered", expected, false);
        } else if (f.rtt(last) == Observations.FlowProbes.LOST) {
            return new ExpectationResult(name, description, "none: the flow was down (its probe sent at " + seconds(f.sentAt(last))
                    + " was lost)", expected, false);
        } else if (f.rtt(last) == Observations.FlowProbes.PENDING) {
            return new ExpectationResult(name, description, "n/a: the probe sent at " + seconds(f.sentAt(last))
                    + " was still unanswered when the run ended", expected, false);
        } else {
            probe = last;
        }
        Flow flow = f.flow();
        MacAddress mac = f.via(probe);
        Gateways.Owner owner = gateways.ownerAt(flow, mac, f.sentAt(probe), obs);
        String value = switch (kind) {
            case NODE -> owner.label();
            case MAC -> String.valueOf(mac);
            case SITE -> owner.node() == null ? "n/a (gateway " + owner.label() + ")" : gateways.siteOf(owner.node());
        };
        boolean passed = switch (kind) {
            case NODE -> expected.equals(owner.node());
            case MAC -> mac != null && mac.toString().equals(expected);
            case SITE -> owner.node() != null && expected.equals(gateways.siteOf(owner.node()));
        };
        String where = " (probe sent at " + seconds(f.sentAt(probe)) + (kind == Kind.NODE ? ", to " + mac : ", via " + owner.label()) + ")";
        return new ExpectationResult(name, description, value + where, expected, passed);
    }

    private ExpectationResult maxTromboning(Expectation.MaxTromboning t) {
        String limit = Units.formatDuration(t.limit());
        List<String> flows = t.flow() == null ? new ArrayList<>(obs.flows().keySet()) : List.of(t.flow());
        long worst = -1;
        String worstText = null;
        List<String> unmeasured = new ArrayList<>();
        for (String name : flows) {
            Observations.FlowProbes f = obs.flow(name);
            if (f == null) continue;
            if (baselines.initial(name) < 0 && baselines.reason(name) != null) {
                unmeasured.add(name + " (" + baselines.reason(name) + ")");
                continue;
            }
            long[] cost = tromboning(f);
            if (cost == null) {
                unmeasured.add(name + " (no answered probe)");
                continue;
            }
            if (cost[0] > worst) {
                worst = cost[0];
                worstText = ms(cost[0]) + (flows.size() > 1 ? " on " + name : "") + " (median RTT " + ms(cost[2]) + " in the window from "
                        + seconds(cost[1]) + ", nearest-gateway baseline " + ms(cost[3]) + ")";
            }
        }
        if (worst < 0) {
            return new ExpectationResult("max-tromboning", t.describe(), "n/a: no baseline for " + String.join(", ", unmeasured), limit, false);
        }
        if (t.flow() == null && !unmeasured.isEmpty()) worstText += "; not measured: " + String.join(", ", unmeasured);
        return new ExpectationResult("max-tromboning", t.describe(), worstText, limit, worst <= t.limit().toNanos());
    }

    /**
     * {worst cost, its window's start, its median RTT, its baseline}, or null without answered
     * probes. Windows with fewer than {@link #MIN_WINDOW_PROBES} answered probes (a flow's first or
     * last, cut by its start or stop) count only if no window has that many.
     */
    private long[] tromboning(Observations.FlowProbes f) {
        long window = Math.max(1_000_000_000L, 10 * f.flow().interval().toNanos());
        List<long[]> windows = new ArrayList<>();
        long[] rtts = new long[16];
        int most = 0;
        int i = 0;
        while (i < f.count()) {
            long start = f.sentAt(i) / window * window;
            int n = 0;
            while (i < f.count() && f.sentAt(i) < start + window) {
                if (f.rtt(i) >= 0) {
                    if (n == rtts.length) rtts = Arrays.copyOf(rtts, n * 2);
                    rtts[n++] = f.rtt(i);
                }
                i++;
            }
            if (n == 0) continue;
            Arrays.sort(rtts, 0, n);
            long median = n % 2 == 1 ? rtts[n / 2] : (rtts[n / 2 - 1] + rtts[n / 2]) / 2;
            long baseline = baselines.at(f.flow().name(), start);
            if (baseline < 0) continue;
            windows.add(new long[] {Math.max(0, median - baseline), start, median, baseline, n});
            most = Math.max(most, n);
        }
        int needed = Math.min(MIN_WINDOW_PROBES, most);
        long[] best = null;
        for (long[] w : windows) {
            if (w[4] >= needed && (best == null || w[0] > best[0])) best = w;
        }
        return best;
    }

    /** Answered probes a tromboning window needs to count (see {@link #tromboning}). */
    static final int MIN_WINDOW_PROBES = 5;

    // ------------------------------------------------------------------ groups

    private ExpectationResult leaderAt(Expectation.LeaderAt l) {
        Observations.GroupRoles roles = obs.group(l.group());
        String name = roles != null && roles.group().key().protocol() == GatewayProtocol.Protocol.VRRP ? "master" : "active";
        if (l.at().toNanos() > obs.end()) return notReached(name, l.describe(), l.node(), l.at().toNanos());
        if (roles == null) return new ExpectationResult(name, l.describe(), "n/a: no group '" + l.group() + "'", l.node(), false);
        List<String> leaders = roles.leadersAt(l.at().toNanos());
        String measured = leaders.isEmpty() ? "none" : String.join("+", leaders);
        return new ExpectationResult(name, l.describe(), measured, l.node(), leaders.equals(List.of(l.node())));
    }

    private ExpectationResult maxDualMaster(Expectation.MaxDualMaster d) {
        String limit = Units.formatDuration(d.limit());
        long worst = 0;
        String worstText = "0 s (never two at once)";
        for (Observations.GroupRoles roles : obs.groups().values()) {
            FhrpGroup g = roles.group();
            if (d.group() != null && !g.name().equals(d.group())) continue;
            if (g.key().protocol() == GatewayProtocol.Protocol.ANYCAST) continue;
            long[] longest = roles.longestMultipleLeaders(obs.end());
            if (longest[1] >= 0 && (longest[0] > worst || worstText.startsWith("0 s"))) {
                worst = longest[0];
                worstText = seconds(longest[0]) + (d.group() == null ? " in " + g.name() : "") + " (from " + seconds(longest[1]) + ")";
            }
        }
        return new ExpectationResult("max-dual-master", d.describe(), worstText, limit, worst <= d.limit().toNanos());
    }

    private ExpectationResult notReached(String name, String description, String expected, long at) {
        return new ExpectationResult(name, description, "n/a: the run stopped at " + seconds(obs.end()) + ", before " + seconds(at), expected,
                false);
    }

    // ------------------------------------------------------------------ formatting

    /** A time or duration for people: "3.610 s", "12.500 ms", "40.0 us". */
    static String seconds(long nanos) {
        if (nanos == 0 || Math.abs(nanos) >= 1_000_000_000L) return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
        if (Math.abs(nanos) >= 1_000_000L) return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
        return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }
}
