package io.firsthop.report;

import io.firsthop.core.host.StopProbeFlow;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.GlbpMessage;
import io.firsthop.wire.HsrpOpCode;
import io.firsthop.wire.HsrpV1Message;
import io.firsthop.wire.HsrpV2Message;
import io.firsthop.wire.HsrpV2Tlv;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.UdpDatagram;
import io.firsthop.wire.VrrpAdvertisement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns trace events into metrics incrementally; {@link #snapshot} renders them as a
 * {@link RunReport}. Not thread-safe: {@link RunRecorder} serialises calls.
 */
final class Metrics {
    /** DeviceEvent verbs that are injected failures (engine words, and the cluster's site words). */
    private static final Set<String> DEVICE_VERBS = Set.of("crash", "shutdown", "restart", "interface-down",
            "interface-up", "command", "kill-site", "kill");
    /** How a {@link StopProbeFlow} command reads in a DeviceEvent ("command StopProbeFlow[flow=h1-out]"). */
    private static final String STOP_FLOW_COMMAND = StopProbeFlow.class.getSimpleName() + "[";
    /** LinkEvent verbs that are injected failures. */
    private static final Set<String> LINK_VERBS = Set.of("cut", "restore", "impair", "partition", "heal");
    /** VRRP §7.1 error names (VrrpError) -> ietf-vrrp counter names. */
    private static final Map<String, String> VRRP_ERROR_COUNTERS = Map.of(
            "ip-ttl-error", "ip-ttl-errors", "version-error", "version-errors", "checksum-error", "checksum-errors",
            "packet-length-error", "packet-length-errors", "invalid-type", "invalid-type-pkts-rcvd",
            "address-list-error", "address-list-errors", "interval-error", "interval-errors",
            "auth-type-mismatch", "auth-type-mismatch");
    private static final String VRRP_DROP_PREFIX = "VRRP §7.1 ";

    record Injection(long at, String device, String kind, String what) {}

    record Garp(long at, String device, String ip, String mac) {}

    record GatewayId(String mac, String owner, String device, String site) {}

    private record MemberRef(GroupState group, GroupState.Member member) {}

    private record VirtualRef(GroupState group, String instance) {}

    private record CounterKey(String device, String port, String protocol, String id) {}

    private record AdvertKey(String device, String protocol, String id) {}

    private record EchoKey(int source, int destination, int identifier) {}

    /** An advertisement (hello) found in a frame. */
    private record Advert(String protocol, String id, boolean priorityZero, String source) {}

    private final ReportContext ctx;
    private long events;
    private long lastAt;
    private boolean framesSeen;

    private final Map<String, Map<String, FlowState>> flowsByHost = new HashMap<>();
    private final List<FlowState> flows = new ArrayList<>();
    private String cachedHost;
    private String cachedFlowName;
    private FlowState cachedFlow;

    private final Map<String, GroupState> groups = new LinkedHashMap<>();
    private final Map<String, List<MemberRef>> membersByDevice = new HashMap<>();
    private final Map<MacAddress, List<VirtualRef>> virtualMacs = new HashMap<>();
    private final Set<String> registeredInstances = new HashSet<>();
    private long stateVersion;

    private final Map<GatewayId, Integer> gatewayIndex = new HashMap<>();
    private final List<GatewayId> gatewayIds = new ArrayList<>();

    private final List<Injection> injections = new ArrayList<>();
    private final List<TraceEvent> macChanges = new ArrayList<>();
    private final List<Garp> garps = new ArrayList<>();

    private final Map<CounterKey, long[]> advertCounters = new HashMap<>();
    private final Map<CounterKey, Map<String, Long>> errorCounters = new HashMap<>();
    private final Map<AdvertKey, GroupState.AdvertSeen> lastAdvert = new HashMap<>();
    private final Map<EchoKey, FlowState> echoFlows = new HashMap<>();
    private final Map<String, Set<String>> wanPortsByDevice = new HashMap<>();

    Metrics(ReportContext ctx) {
        this.ctx = ctx;
        for (String endpoint : ctx.wanPorts()) {
            int colon = endpoint.indexOf(':');
            if (colon > 0) {
                wanPortsByDevice.computeIfAbsent(endpoint.substring(0, colon), k -> new HashSet<>()).add(endpoint.substring(colon + 1));
            }
        }
    }

    long lastEventAt() {
        return lastAt;
    }

    long events() {
        return events;
    }

    void accept(TraceEvent e) {
        events++;
        if (e.at() > lastAt) lastAt = e.at();
        switch (e) {
            case TraceEvent.ProbeSent p -> {
                FlowState f = flow(p.device(), p.flow());
                if (f.destination == null && p.destination() != null) f.destination = p.destination().toString();
                f.probeSent(p.sequence(), p.at());
            }
            case TraceEvent.ProbeAnswered a -> {
                FlowState f = flow(a.device(), a.flow());
                f.answered(a.sequence(), a.at(), a.rttNanos(), gatewayFor(f, a.via()));
            }
            case TraceEvent.ProbeLost l -> flow(l.device(), l.flow()).lost(l.sequence(), l.sentAt());
            case TraceEvent.StateChanged s -> stateChanged(s);
            case TraceEvent.DeviceEvent d -> injected(d.at(), d.device(), d.what(), DEVICE_VERBS);
            case TraceEvent.LinkEvent l -> injected(l.at(), l.device(), l.what(), LINK_VERBS);
            case TraceEvent.MacMoved m -> macChanges.add(m);
            // after a port went down the MAC is removed, then learned afresh on the new port: a move too
            case TraceEvent.MacLearned m -> macChanges.add(m);
            case TraceEvent.FrameSent f -> frame(f.at(), f.device(), f.port(), f.frame(), true);
            case TraceEvent.FrameReceived f -> frame(f.at(), f.device(), f.port(), f.frame(), false);
            case TraceEvent.FrameDropped d -> dropped(d);
            default -> { }
        }
    }

    // ---- flows -------------------------------------------------------------------------------

    private FlowState flow(String host, String name) {
        // the same host emits the same String instances: skip the map lookups on a repeat
        if (host == cachedHost && name == cachedFlowName) return cachedFlow;
        FlowState f = flowsByHost.computeIfAbsent(host, k -> new HashMap<>()).get(name);
        if (f == null) {
            f = new FlowState(host, name);
            String prefix = host + ":";
            for (Map.Entry<String, String> s : ctx.segments().entrySet()) {
                if (s.getKey().startsWith(prefix)) {
                    f.hostSegment = s.getValue();
                    break;
                }
            }
            flowsByHost.get(host).put(name, f);
            flows.add(f);
        }
        cachedHost = host;
        cachedFlowName = name;
        cachedFlow = f;
        return f;
    }

    private int gatewayFor(FlowState f, MacAddress via) {
        if (via != null && via.equals(f.cachedVia) && f.cachedVersion == stateVersion) return f.cachedGateway;
        String owner = via == null ? null : ctx.macOwners().get(via);
        String device = null;
        List<VirtualRef> refs = via == null ? null : virtualMacs.get(via);
        if (refs != null) {
            VirtualRef ref = refs.get(0);
            if (refs.size() > 1 && f.hostSegment != null) {
                for (VirtualRef r : refs) {
                    if (f.hostSegment.equals(r.group().segment)) {
                        ref = r;
                        break;
                    }
                }
            }
            device = ref.group().holder(ref.instance());
            if (owner == null) owner = ref.group().name + (ref.instance() == null ? "" : " " + ref.instance());
        } else if (owner != null && isDevice(owner)) {
            device = owner;
        }
        String mac = via == null ? null : via.toString();
        if (owner == null) owner = mac == null ? "unknown" : mac;
        GatewayId id = new GatewayId(mac, owner, device, ctx.siteOf(device));
        Integer index = gatewayIndex.get(id);
        if (index == null) {
            index = gatewayIds.size();
            gatewayIds.add(id);
            gatewayIndex.put(id, index);
        }
        f.cachedVia = via;
        f.cachedVersion = stateVersion;
        f.cachedGateway = index;
        return index;
    }

    private boolean isDevice(String name) {
        if (ctx.deviceSites().containsKey(name) || membersByDevice.containsKey(name)) return true;
        for (Topology.Node n : ctx.topology().nodes()) if (n.name().equals(name)) return true;
        return false;
    }

    // ---- groups ------------------------------------------------------------------------------

    private void stateChanged(TraceEvent.StateChanged s) {
        GroupState.Parsed p = GroupState.Parsed.of(s.group());
        if (p == null) return;
        String segment = p.interfaceName() == null ? null : ctx.segments().get(s.device() + ":" + p.interfaceName());
        String key = p.protocol() + ":" + p.id() + (segment == null ? "" : "@" + segment);
        GroupState g = groups.get(key);
        if (g == null) {
            g = new GroupState(p.protocol(), p.id(), segment);
            groups.put(key, g);
            registerVirtualMacs(g, null);
        }
        if (p.instance() != null) registerVirtualMacs(g, p.instance());
        String memberKey = s.device() + "|" + p.interfaceName();
        boolean isNew = !g.members.containsKey(memberKey);
        GroupState.Member m = g.member(s.device(), p.interfaceName());
        if (isNew) membersByDevice.computeIfAbsent(s.device(), k -> new ArrayList<>()).add(new MemberRef(g, m));
        Transition t = new Transition(s.at(), s.device(), p.instance(), s.from(), s.to(), s.cause());
        g.transitions.add(t);
        m.states.put(p.instance(), s.to());
        stateVersion++;
        if (t.toForwarding()) {
            GroupState.AdvertSeen seen = lastAdvert.get(new AdvertKey(s.device(), p.protocol(), p.id()));
            if (seen != null) g.advertsBefore.put(t, seen);
        }
    }

    private void registerVirtualMacs(GroupState g, String instance) {
        if (!registeredInstances.add(g.name + "|" + instance)) return;
        List<MacAddress> macs = new ArrayList<>();
        try {
            int id = Integer.parseInt(g.id);
            switch (g.protocol) {
                case "vrrp" -> {
                    if (instance == null && id >= 1 && id <= 255) macs.add(VrrpAdvertisement.virtualMac(id));
                }
                case "hsrp" -> {
                    if (instance == null) {
                        if (id <= 255) macs.add(HsrpV1Message.virtualMac(id));
                        macs.add(HsrpV2Message.virtualMac(id));
                    }
                }
                case "glbp" -> {
                    if (instance != null && instance.startsWith("forwarder ")) {
                        macs.add(GlbpMessage.virtualMac(id, Integer.parseInt(instance.substring("forwarder ".length()))));
                    }
                }
                default -> { }
            }
        } catch (IllegalArgumentException notAnId) {
            // a group ID the protocol's MAC formula does not take: its gateway is shown by MAC only
        }
        for (MacAddress mac : macs) virtualMacs.computeIfAbsent(mac, k -> new ArrayList<>()).add(new VirtualRef(g, instance));
    }

    // ---- injections --------------------------------------------------------------------------

    private void injected(long at, String device, String what, Set<String> verbs) {
        if (what == null) return;
        int space = what.indexOf(' ');
        String kind = (space < 0 ? what : what.substring(0, space)).toLowerCase(Locale.ROOT);
        if (!verbs.contains(kind)) return;
        // a flow's stop ends a measurement; it does nothing to the network, so it starts no failover
        if (kind.equals("command") && what.startsWith(STOP_FLOW_COMMAND, space + 1)) return;
        // the engine traces the failure, then the device's core traces its own "crash": one injection
        if (!injections.isEmpty()) {
            Injection last = injections.get(injections.size() - 1);
            if (last.at() == at && last.device().equals(device) && last.kind().equals(kind)) return;
        }
        injections.add(new Injection(at, device, kind, what));
        if (kind.equals("crash") || kind.equals("kill")) crashed(at, device);
    }

    /** A crashed router tells nothing: its instances leave the forwarding role silently, so say it for them. */
    private void crashed(long at, String device) {
        List<MemberRef> refs = membersByDevice.get(device);
        if (refs == null) return;
        for (MemberRef ref : refs) {
            for (Map.Entry<String, String> st : ref.member().states.entrySet()) {
                if (GroupState.isDownState(st.getValue())) continue;
                ref.group().transitions.add(new Transition(at, device, st.getKey(), st.getValue(), "down", "crash"));
                st.setValue("down");
                stateVersion++;
            }
        }
    }

    // ---- frames ------------------------------------------------------------------------------

    private void frame(long at, String device, String port, EthernetFrame frame, boolean sent) {
        framesSeen = true;
        switch (frame.payload()) {
            case Ipv4Packet ip -> {
                if (ip.payload() instanceof IcmpEcho echo) {
                    if (sent) echoFrame(at, device, port, ip, echo);
                    return;
                }
                Advert advert = advertOf(ip);
                if (advert == null) return;
                long[] c = advertCounters.computeIfAbsent(new CounterKey(device, port, advert.protocol(), advert.id()), k -> new long[4]);
                if (sent) {
                    c[1]++;
                    if (advert.priorityZero()) c[3]++;
                } else {
                    c[0]++;
                    if (advert.priorityZero()) c[2]++;
                    lastAdvert.put(new AdvertKey(device, advert.protocol(), advert.id()), new GroupState.AdvertSeen(at, advert.source()));
                }
            }
            case ArpPacket arp -> {
                if (sent && arp.isGratuitous()) {
                    garps.add(new Garp(at, device, arp.senderIp().toString(), arp.senderMac().toString()));
                }
            }
            default -> { }
        }
    }

    private static Advert advertOf(Ipv4Packet ip) {
        String source = ip.source().toString();
        return switch (ip.payload()) {
            case VrrpAdvertisement v -> new Advert("vrrp", Integer.toString(v.vrid()), v.priority() == VrrpAdvertisement.PRIORITY_STOP, source);
            case UdpDatagram u -> switch (u.payload()) {
                case HsrpV1Message h -> h.opCode() == HsrpOpCode.HELLO
                        ? new Advert("hsrp", Integer.toString(h.group()), false, source) : null;
                case HsrpV2Message h2 -> {
                    HsrpV2Tlv.GroupState gs = h2.groupState();
                    yield gs != null && gs.opCode() == HsrpOpCode.HELLO ? new Advert("hsrp", Integer.toString(gs.group()), false, source) : null;
                }
                case GlbpMessage g -> g.hello() != null ? new Advert("glbp", Integer.toString(g.group()), false, source) : null;
                default -> null;
            };
            default -> null;
        };
    }

    private void echoFrame(long at, String device, String port, Ipv4Packet ip, IcmpEcho echo) {
        if (!echo.reply()) {
            // learn a flow's (source, destination, identifier) from a request frame its host sends: the
            // same destination and a sequence of one of its unanswered probes (ARP may have delayed it)
            Map<String, FlowState> hostFlows = flowsByHost.get(device);
            if (hostFlows != null) {
                String destination = null;
                for (FlowState f : hostFlows.values()) {
                    if (f.echoIdentifier >= 0) continue;
                    if (destination == null) destination = ip.destination().toString();
                    if (destination.equals(f.destination) && f.isPending(echo.sequence())) {
                        f.echoIdentifier = echo.identifier();
                        f.sourceIp = ip.source().value();
                        f.destinationIp = ip.destination().value();
                        echoFlows.put(new EchoKey(f.sourceIp, f.destinationIp, f.echoIdentifier), f);
                        break;
                    }
                }
            }
        }
        Set<String> wan = wanPortsByDevice.get(device);
        if (wan == null || !wan.contains(port)) return;
        EchoKey key = echo.reply()
                ? new EchoKey(ip.destination().value(), ip.source().value(), echo.identifier())
                : new EchoKey(ip.source().value(), ip.destination().value(), echo.identifier());
        FlowState f = echoFlows.get(key);
        if (f != null) f.crossedWan(echo.sequence());
    }

    private void dropped(TraceEvent.FrameDropped d) {
        String detail = d.detail();
        if (detail == null || !detail.startsWith(VRRP_DROP_PREFIX)) return;
        if (!(d.frame() != null && d.frame().payload() instanceof Ipv4Packet ip && ip.payload() instanceof VrrpAdvertisement v)) return;
        int colon = detail.indexOf(':', VRRP_DROP_PREFIX.length());
        String error = detail.substring(VRRP_DROP_PREFIX.length(), colon < 0 ? detail.length() : colon).trim();
        String counter = VRRP_ERROR_COUNTERS.get(error);
        if (counter == null) return;
        errorCounters.computeIfAbsent(new CounterKey(d.device(), d.port(), "vrrp", Integer.toString(v.vrid())), k -> new HashMap<>())
                .merge(counter, 1L, Long::sum);
    }

    // ---- snapshot ----------------------------------------------------------------------------

    RunReport snapshot(boolean complete, List<ExpectationResult> expectations) {
        return snapshot(complete, null, expectations);
    }

    /** {@code interrupted} non-null: the run stopped there, so its duration is what it reached, not what was planned. */
    RunReport snapshot(boolean complete, Interruption interrupted, List<ExpectationResult> expectations) {
        long durationNs = lastAt;
        if (interrupted != null) durationNs = Math.max(durationNs, interrupted.atNs());
        else if (complete && ctx.durationNs() > durationNs) durationNs = ctx.durationNs();
        List<FailoverAnalysis.FlowView> flowViews = new ArrayList<>();
        List<FlowReport> flowReports = new ArrayList<>();
        Map<String, Integer> nameUses = new HashMap<>();
        for (FlowState f : flows) nameUses.merge(f.name, 1, Integer::sum);
        for (FlowState f : flows) {
            // a flow name used by several hosts is told apart as "host/flow"
            String name = nameUses.get(f.name) > 1 ? f.host + "/" + f.name : f.name;
            flowReports.add(flowReport(f, name, flowViews));
        }
        List<FailoverAnalysis.GroupView> groupViews = new ArrayList<>();
        List<GroupReport> groupReports = new ArrayList<>();
        for (GroupState g : groups.values()) {
            List<Transition> sorted = new ArrayList<>(g.transitions);
            sorted.sort(Comparator.comparingLong(Transition::atNs));
            Map<String, List<String>> macs = new LinkedHashMap<>();
            for (Map.Entry<MacAddress, List<VirtualRef>> v : virtualMacs.entrySet()) {
                for (VirtualRef ref : v.getValue()) {
                    if (ref.group() == g) macs.computeIfAbsent(ref.instance() == null ? "" : ref.instance(), k -> new ArrayList<>()).add(v.getKey().toString());
                }
            }
            groupViews.add(new FailoverAnalysis.GroupView(g, sorted, macs));
            List<GroupMember> members = new ArrayList<>();
            for (GroupState.Member m : g.members.values()) {
                members.add(new GroupMember(m.device, m.interfaceName, ctx.siteOf(m.device), m.state(), counters(g, m, sorted)));
            }
            // an anycast or VARP gateway elects nobody: every member forwarding at once is its design, not a dual master
            List<DualMaster> dual = GroupState.allMembersForward(g.protocol) ? List.of() : GroupState.dualMasters(sorted);
            groupReports.add(new GroupReport(g.name, g.protocol, g.id, g.segment, members, sorted, dual));
        }
        List<Failover> failovers = FailoverAnalysis.analyse(injections, groupViews, garps, macChanges, flowViews);
        return new RunReport(ctx.run(), durationNs, complete, interrupted, framesSeen, events, flowReports, groupReports, failovers,
                expectations, ctx.topology());
    }

    private FlowReport flowReport(FlowState f, String name, List<FailoverAnalysis.FlowView> views) {
        long[] pending = new long[1];
        FlowState.Resolved r = f.provisional(pending);
        List<GatewaySpan> spans = new ArrayList<>();
        for (long[] s : r.allSpans()) {
            GatewayId id = gatewayIds.get((int) s[0]);
            spans.add(new GatewaySpan(s[1], s[2], id.mac(), id.owner(), id.device(), id.site(), s[3]));
        }
        RttStats rtt = r.rttStats();
        Double baseline = ctx.nearestGatewayRttMs().get(f.name);
        Double extra50 = null;
        Double extra99 = null;
        Double extraMax = null;
        if (baseline != null && rtt.count() > 0) {
            extra50 = rtt.p50Ms() - baseline;
            extra99 = rtt.p99Ms() - baseline;
            extraMax = rtt.maxMs() - baseline;
        }
        Long crossings = null;
        Double perRoundTrip = null;
        if (framesSeen && !ctx.wanPorts().isEmpty()) {
            crossings = r.wanCrossings;
            perRoundTrip = r.received == 0 ? null : (double) r.wanCrossings / r.received;
        }
        FlowReport report = new FlowReport(name, f.host, ctx.siteOf(f.host), f.destination, f.sent(), r.received, r.lost,
                pending[0], f.intervalNs(), rtt, r.allOutages(), spans,
                new Tromboning(baseline, extra50, extra99, extraMax, crossings, perRoundTrip),
                r.timeline.buckets(), r.rttHistogram());
        views.add(new FailoverAnalysis.FlowView(report, r.lostSentAt, r.recoveredAt, r.received == 0 ? 0 : r.maxRtt));
        return report;
    }

    private Map<String, Long> counters(GroupState g, GroupState.Member m, List<Transition> sorted) {
        Map<String, Long> c = new LinkedHashMap<>();
        long masterTransitions = 0;
        for (Transition t : sorted) {
            if (t.instance() == null && t.device().equals(m.device) && t.toForwarding()) masterTransitions++;
        }
        c.put("master-transitions", masterTransitions);
        if (framesSeen) {
            long[] sums = new long[4];
            boolean exact = false;
            for (Map.Entry<CounterKey, long[]> e : advertCounters.entrySet()) {
                CounterKey k = e.getKey();
                if (k.device().equals(m.device) && k.protocol().equals(g.protocol) && k.id().equals(g.id)
                        && k.port().equals(m.interfaceName)) {
                    exact = true;
                    for (int i = 0; i < 4; i++) sums[i] += e.getValue()[i];
                }
            }
            if (!exact) {
                // the group's interface name is not a port name (a VLAN interface): count the router's ports
                for (Map.Entry<CounterKey, long[]> e : advertCounters.entrySet()) {
                    CounterKey k = e.getKey();
                    if (k.device().equals(m.device) && k.protocol().equals(g.protocol) && k.id().equals(g.id)) {
                        for (int i = 0; i < 4; i++) sums[i] += e.getValue()[i];
                    }
                }
            }
            c.put("advertisement-rcvd", sums[0]);
            c.put("advertisement-sent", sums[1]);
            if (g.protocol.equals("vrrp")) {
                c.put("priority-zero-pkts-rcvd", sums[2]);
                c.put("priority-zero-pkts-sent", sums[3]);
            }
        }
        if (g.protocol.equals("vrrp")) {
            Map<String, Long> errors = new LinkedHashMap<>();
            for (String name : List.of("interval-errors", "invalid-type-pkts-rcvd", "address-list-errors", "packet-length-errors",
                    "checksum-errors", "version-errors", "ip-ttl-errors", "auth-type-mismatch")) {
                errors.put(name, 0L);
            }
            for (Map.Entry<CounterKey, Map<String, Long>> e : errorCounters.entrySet()) {
                CounterKey k = e.getKey();
                if (k.device().equals(m.device) && k.id().equals(g.id)
                        && (m.interfaceName == null || k.port().equals(m.interfaceName) || !hasPort(m.device, m.interfaceName))) {
                    e.getValue().forEach((name, n) -> errors.merge(name, n, Long::sum));
                }
            }
            c.putAll(errors);
        }
        return c;
    }

    private boolean hasPort(String device, String port) {
        for (CounterKey k : errorCounters.keySet()) if (k.device().equals(device) && k.port().equals(port)) return true;
        return false;
    }
}
