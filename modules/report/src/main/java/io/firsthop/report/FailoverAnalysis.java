package io.firsthop.report;

import io.firsthop.core.trace.TraceEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells each injected event as a chain (docs/report-format.md, "failovers"): the groups that
 * changed hands in the window up to the next injection, the outage each flow suffered from it,
 * the MAC moves and gratuitous ARPs in between, and where the lost probes fell.
 *
 * <p>Attribution of a flow's outage to an injection at T (next injection at T'): the flow's
 * first outage whose first lost probe was sent in [T - maxRtt, T') and no later than the
 * injection's last takeover (or T) plus two probe intervals plus maxRtt, maxRtt being the flow's
 * largest RTT (a probe in flight at T can be lost). Outages outside every window belong to no
 * failover (random loss, a congested link).
 */
final class FailoverAnalysis {
    /** Transition causes meaning a hold / Master_Down timer fired: VRRP, HSRP, GLBP. */
    private static final Set<String> TIMER_CAUSES = Set.of("no-response", "active-timer-expiry", "active-down");

    /** Step order among steps at the same instant. */
    private static final List<String> STEP_ORDER = List.of("last-advert", "injected", "master-down", "new-master",
            "gratuitous-arp", "mac-moved", "first-answered");

    record FlowView(FlowReport report, LongList lostSentAt, LongList recoveredAt, long maxRttNs) {}

    /** @param virtualMacs instance ("" for the group itself) -> its virtual MACs */
    record GroupView(GroupState group, List<Transition> sorted, Map<String, List<String>> virtualMacs) {}

    private FailoverAnalysis() {
    }

    static List<Failover> analyse(List<Metrics.Injection> all, List<GroupView> groups, List<Metrics.Garp> garps,
                                  List<TraceEvent> moves, List<FlowView> flows) {
        List<Metrics.Injection> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingLong(Metrics.Injection::at));
        // injections at one instant are one event (a partition cuts several links at once)
        List<List<Metrics.Injection>> instants = new ArrayList<>();
        for (Metrics.Injection i : sorted) {
            if (instants.isEmpty() || instants.get(instants.size() - 1).get(0).at() != i.at()) instants.add(new ArrayList<>());
            instants.get(instants.size() - 1).add(i);
        }
        List<Failover> out = new ArrayList<>();
        for (int n = 0; n < instants.size(); n++) {
            long next = n + 1 < instants.size() ? instants.get(n + 1).get(0).at() : Long.MAX_VALUE;
            out.add(failover(n + 1, instants.get(n), next, groups, garps, moves, flows));
        }
        return out;
    }

    private static Failover failover(int number, List<Metrics.Injection> injected, long next, List<GroupView> groups,
                                     List<Metrics.Garp> garps, List<TraceEvent> moves, List<FlowView> flows) {
        long at = injected.get(0).at();
        Set<String> kinds = new LinkedHashSet<>();
        Set<String> targets = new LinkedHashSet<>();
        List<String> whats = new ArrayList<>();
        for (Metrics.Injection i : injected) {
            kinds.add(i.kind());
            targets.add(i.device());
            whats.add(injected.size() == 1 ? i.what() : i.device() + " " + i.what());
        }
        String kind = kinds.size() == 1 ? kinds.iterator().next() : "multiple";
        String target = String.join(", ", targets);
        String what = String.join("; ", whats);

        List<ChainStep> steps = new ArrayList<>();
        steps.add(new ChainStep(at, "injected", target, what, 0));

        // groups that changed hands
        List<Takeover> takeovers = new ArrayList<>();
        Set<String> macsOfInterest = new HashSet<>();
        long horizon = at;
        for (GroupView g : groups) {
            Set<String> done = new HashSet<>();
            for (Transition t : g.sorted()) {
                if (t.atNs() < at) continue;
                if (t.atNs() >= next) break;
                String instance = t.instance() == null ? "" : t.instance();
                if (!t.toForwarding() || t.fromForwarding() || !done.add(instance)) continue;
                String label = g.group().name + (t.instance() == null ? "" : " " + t.instance());
                String old = holderBefore(g.sorted(), t.instance(), at);
                Long masterDown = TIMER_CAUSES.contains(t.cause()) ? t.atNs() : null;
                GroupState.AdvertSeen seen = g.group().advertsBefore.get(t);
                Long garp = null;
                for (Metrics.Garp a : garps) {
                    if (a.device().equals(t.device()) && a.at() >= t.atNs() && a.at() < next) {
                        garp = a.at();
                        break;
                    }
                }
                takeovers.add(new Takeover(label, old, t.device(), t.cause(), seen == null ? null : seen.at(),
                        seen == null ? null : seen.from(), masterDown, t.atNs(), garp, t.atNs() - at));
                if (seen != null) {
                    steps.add(new ChainStep(seen.at(), "last-advert", t.device(), label + ": last advertisement heard, from " + seen.from(), 0));
                }
                if (masterDown != null) {
                    steps.add(new ChainStep(masterDown, "master-down", t.device(), label + ": hold timer fired (" + t.cause() + ")", 0));
                }
                steps.add(new ChainStep(t.atNs(), "new-master", t.device(),
                        label + ": " + (old == null ? "none" : old) + " -> " + t.device() + " (" + t.cause() + ")", 0));
                if (garp != null) steps.add(new ChainStep(garp, "gratuitous-arp", t.device(), label + ": gratuitous ARP", 0));
                horizon = Math.max(horizon, garp != null ? garp : t.atNs());
                macsOfInterest.addAll(g.virtualMacs().getOrDefault(instance, List.of()));
            }
        }

        // flows: the outage each suffered from it
        List<FlowView> affected = new ArrayList<>();
        List<Integer> outageIndex = new ArrayList<>();
        long recoveryEnd = horizon;
        for (FlowView f : flows) {
            List<Outage> outages = f.report().outages();
            long slack = f.maxRttNs();
            long latestStart = horizon + 2 * f.report().intervalNs() + slack;
            for (int i = 0; i < outages.size(); i++) {
                Outage o = outages.get(i);
                if (o.startNs() + slack < at) continue;
                if (o.startNs() >= next || o.startNs() > latestStart) break;
                affected.add(f);
                outageIndex.add(i);
                if (o.recovered()) recoveryEnd = Math.max(recoveryEnd, f.recoveredAt().get(i));
                GatewaySpan before = f.report().gatewayAt(o.startNs() - 1);
                if (before != null) macsOfInterest.add(before.mac());
                GatewaySpan after = o.recovered() ? f.report().gatewayAt(o.endNs()) : null;
                if (after != null) macsOfInterest.add(after.mac());
                break;
            }
        }

        // MAC moves on each switch, first per (switch, MAC), between the injection and the recovery: a MacMoved,
        // or a MacLearned (the entry was removed when the old port lost carrier, then learned on the new one)
        Set<String> seenMoves = new HashSet<>();
        for (TraceEvent e : moves) {
            if (e.at() < at || e.at() >= next || e.at() > recoveryEnd) continue;
            String mac;
            String detail;
            int vlan;
            switch (e) {
                case TraceEvent.MacMoved m -> {
                    mac = m.mac().toString();
                    vlan = m.vlan();
                    detail = mac + " " + m.oldPort() + " -> " + m.newPort();
                }
                case TraceEvent.MacLearned m -> {
                    mac = m.mac().toString();
                    vlan = m.vlan();
                    detail = mac + " learned on " + m.port();
                }
                default -> {
                    continue;
                }
            }
            if (!macsOfInterest.contains(mac) || !seenMoves.add(e.device() + "|" + mac)) continue;
            steps.add(new ChainStep(e.at(), "mac-moved", e.device(), detail + (vlan > 0 ? " (VLAN " + vlan + ")" : ""), 0));
        }

        Map<ChainStep, FlowView> answeredBy = new java.util.IdentityHashMap<>();
        for (int k = 0; k < affected.size(); k++) {
            FlowView f = affected.get(k);
            int i = outageIndex.get(k);
            Outage o = f.report().outages().get(i);
            if (!o.recovered()) continue;
            ChainStep s = new ChainStep(f.recoveredAt().get(i), "first-answered", f.report().from(),
                    "flow " + f.report().name() + " after " + o.probesLost() + " lost", 0);
            answeredBy.put(s, f);
            steps.add(s);
        }
        steps.sort(Comparator.comparingLong(ChainStep::atNs).thenComparingInt(s -> STEP_ORDER.indexOf(s.step())));

        // lost probes of the affected outages in each phase [step k, step k+1)
        List<ChainStep> chain = new ArrayList<>();
        for (int s = 0; s < steps.size(); s++) {
            long lo = s == 0 ? Long.MIN_VALUE : steps.get(s).atNs();
            long hi = s + 1 < steps.size() ? steps.get(s + 1).atNs() : Long.MAX_VALUE;
            long lost = 0;
            for (int k = 0; k < affected.size(); k++) lost += lostIn(affected.get(k), outageIndex.get(k), lo, hi);
            ChainStep st = steps.get(s);
            chain.add(new ChainStep(st.atNs(), st.step(), st.device(), st.detail(), lost));
        }

        List<FlowRecovery> recoveries = new ArrayList<>();
        for (int k = 0; k < affected.size(); k++) {
            FlowView f = affected.get(k);
            int i = outageIndex.get(k);
            Outage o = f.report().outages().get(i);
            long recoveredAt = o.recovered() ? f.recoveredAt().get(i) : -1;
            // this flow's phases: the shared steps up to its own first answer
            List<ChainStep> own = new ArrayList<>();
            for (ChainStep st : steps) {
                if (answeredBy.containsKey(st) && answeredBy.get(st) != f) continue;
                if (recoveredAt >= 0 && st.atNs() > recoveredAt) break;
                own.add(st);
            }
            List<PhaseLoss> phases = new ArrayList<>();
            for (int s = 0; s < own.size(); s++) {
                boolean last = s + 1 == own.size();
                if (last && recoveredAt >= 0) break;
                long lo = s == 0 ? Long.MIN_VALUE : own.get(s).atNs();
                long hi = last ? Long.MAX_VALUE : own.get(s + 1).atNs();
                phases.add(new PhaseLoss(own.get(s).step(), last ? "end" : own.get(s + 1).step(), own.get(s).atNs(),
                        last ? -1 : own.get(s + 1).atNs(), lostIn(f, i, lo, hi)));
            }
            GatewaySpan before = f.report().gatewayAt(o.startNs() - 1);
            GatewaySpan after = o.recovered() ? f.report().gatewayAt(o.endNs()) : null;
            recoveries.add(new FlowRecovery(f.report().name(), o.startNs(), o.endNs(), recoveredAt, o.probesLost(),
                    o.durationNs(), name(before), name(after), phases));
        }
        return new Failover(number, at, kind, target, what, chain, takeovers, recoveries);
    }

    private static String name(GatewaySpan g) {
        if (g == null) return null;
        return g.device() != null ? g.device() : g.owner();
    }

    /** Lost probes of outage {@code i} of the flow sent in [lo, hi). */
    private static long lostIn(FlowView f, int i, long lo, long hi) {
        Outage o = f.report().outages().get(i);
        long from = Math.max(lo, o.startNs());
        long to = o.recovered() ? Math.min(hi, o.endNs()) : hi;
        return f.lostSentAt().countInRange(from, to);
    }

    /** Who held {@code instance}'s forwarding role just before {@code at}; null if nobody. */
    private static String holderBefore(List<Transition> sorted, String instance, long at) {
        List<String> holders = new ArrayList<>();
        for (Transition t : sorted) {
            if (t.atNs() >= at) break;
            if (!java.util.Objects.equals(t.instance(), instance)) continue;
            if (t.toForwarding()) {
                if (!holders.contains(t.device())) holders.add(t.device());
            } else {
                holders.remove(t.device());
            }
        }
        return holders.isEmpty() ? null : holders.get(holders.size() - 1);
    }
}
