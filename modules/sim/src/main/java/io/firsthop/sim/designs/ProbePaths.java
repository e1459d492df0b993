package io.firsthop.sim.designs;

import io.firsthop.core.host.HostConfig;
import io.firsthop.core.host.ProbeFlow;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.sim.TraceSink;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Follows every probe of the hosts it is told about across the network: for each probe (one
 * ICMP echo round trip), the frames that carried its request and its reply on physical links
 * (its hops), how many of them crossed each watched link (a peer link, a WAN), and its RTT.
 * Put it on an engine as a trace sink (it asks for frame events) before the run.
 *
 * <p>A frame belongs to a probe when it carries the probe's echo request (source = the host,
 * identifier = flow index + 1, the probe's wire sequence) or its echo reply (destination = the
 * host). A link is watched through its two endpoints: every {@link TraceEvent.FrameSent} at
 * either end is one crossing. Frames inside a composite device (a hypervisor) cross no link
 * and are not counted. A flooded frame counts once per link it is sent on.
 */
public final class ProbePaths implements TraceSink {
    /** One probe's path: crossings per watched link (request and reply apart), frames on links, outcome. */
    public static final class Probe {
        private final String host;
        private final String flow;
        private final int sequence;
        private final long sentAt;
        private final int[] requestCrossings;
        private final int[] replyCrossings;
        private int requestFrames;
        private int replyFrames;
        private long rttNanos = -1;
        private boolean lost;

        Probe(String host, String flow, int sequence, long sentAt, int links) {
            this.host = host;
            this.flow = flow;
            this.sequence = sequence;
            this.sentAt = sentAt;
            this.requestCrossings = new int[links];
            this.replyCrossings = new int[links];
        }

        public String host() {
            return host;
        }

        public String flow() {
            return flow;
        }

        /** The probe's ordinal in its flow ({@link TraceEvent.ProbeSent#sequence()}). */
        public int sequence() {
            return sequence;
        }

        public long sentAt() {
            return sentAt;
        }

        /** The RTT, or -1 while unanswered or lost. */
        public long rttNanos() {
            return rttNanos;
        }

        public boolean answered() {
            return rttNanos >= 0;
        }

        public boolean lost() {
            return lost;
        }

        /** Frames on physical links that carried the request and the reply: the round trip's hops. */
        public int frames() {
            return requestFrames + replyFrames;
        }

        public int requestFrames() {
            return requestFrames;
        }

        public int replyFrames() {
            return replyFrames;
        }

        int requestCrossings(int link) {
            return requestCrossings[link];
        }

        int replyCrossings(int link) {
            return replyCrossings[link];
        }

        @Override
        public String toString() {
            return host + "/" + flow + "#" + sequence + " rtt=" + rttNanos + " frames=" + frames();
        }
    }

    private record FlowKey(String host, int identifier) {}

    private record Flow(String host, String name, List<Probe> probes, Map<Integer, Probe> byWireSequence) {}

    private final Map<String, Integer> linkIndex = new LinkedHashMap<>();
    private final Map<String, Integer> endpointLink = new HashMap<>();
    private final Map<Ipv4Address, String> hostByAddress = new HashMap<>();
    private final Map<FlowKey, Flow> flows = new HashMap<>();
    private final Map<String, Map<String, Flow>> flowsByHost = new LinkedHashMap<>();

    /**
     * Watches the link named {@code link} whose ends are {@code endpointA} and {@code endpointB}
     * ({@code "device:port"}, as given to {@code VirtualEngine.connect}). Watch before the run.
     */
    public ProbePaths watch(String link, String endpointA, String endpointB) {
        if (linkIndex.containsKey(link)) throw new IllegalArgumentException("link '" + link + "' already watched");
        int i = linkIndex.size();
        linkIndex.put(link, i);
        for (String e : List.of(endpointA, endpointB)) {
            if (endpointLink.putIfAbsent(e, i) != null) throw new IllegalArgumentException("endpoint " + e + " already watched");
        }
        return this;
    }

    /** Follows the probes of a host with this configuration. */
    public ProbePaths follow(HostConfig host) {
        Objects.requireNonNull(host, "host");
        if (hostByAddress.putIfAbsent(host.address().address(), host.name()) != null) {
            throw new IllegalArgumentException("address " + host.address().address() + " followed twice");
        }
        Map<String, Flow> byName = new LinkedHashMap<>();
        List<ProbeFlow> probes = host.probes();
        for (int i = 0; i < probes.size(); i++) {
            Flow f = new Flow(host.name(), probes.get(i).name(), new ArrayList<>(), new HashMap<>());
            flows.put(new FlowKey(host.name(), i + 1), f);
            byName.put(f.name(), f);
        }
        flowsByHost.put(host.name(), byName);
        return this;
    }

    @Override
    public boolean wantsFrameEvents() {
        return true;
    }

    @Override
    public void accept(TraceEvent event) {
        switch (event) {
            case TraceEvent.FrameSent sent -> frameSent(sent);
            case TraceEvent.ProbeSent p -> {
                Flow f = flow(p.device(), p.flow());
                if (f == null) return;
                Probe probe = new Probe(p.device(), p.flow(), p.sequence(), p.at(), linkIndex.size());
                f.probes().add(probe);
                f.byWireSequence().put(p.sequence() & 0xFFFF, probe);
            }
            case TraceEvent.ProbeAnswered a -> {
                Probe probe = probe(a.device(), a.flow(), a.sequence());
                if (probe != null) probe.rttNanos = a.rttNanos();
            }
            case TraceEvent.ProbeLost l -> {
                Probe probe = probe(l.device(), l.flow(), l.sequence());
                if (probe != null) probe.lost = true;
            }
            default -> {
            }
        }
    }

    private void frameSent(TraceEvent.FrameSent sent) {
        EthernetFrame frame = sent.frame();
        if (!(frame.payload() instanceof Ipv4Packet ip) || !(ip.payload() instanceof IcmpEcho echo)) return;
        String host = hostByAddress.get(echo.reply() ? ip.destination() : ip.source());
        if (host == null) return;
        Flow f = flows.get(new FlowKey(host, echo.identifier()));
        if (f == null) return;
        Probe probe = f.byWireSequence().get(echo.sequence());
        if (probe == null) return;
        Integer link = endpointLink.get(sent.device() + ":" + sent.port());
        if (echo.reply()) {
            probe.replyFrames++;
            if (link != null) probe.replyCrossings[link]++;
        } else {
            probe.requestFrames++;
            if (link != null) probe.requestCrossings[link]++;
        }
    }

    private Flow flow(String host, String flow) {
        Map<String, Flow> byName = flowsByHost.get(host);
        return byName == null ? null : byName.get(flow);
    }

    private Probe probe(String host, String flow, int sequence) {
        Flow f = flow(host, flow);
        if (f == null) return null;
        Probe p = f.byWireSequence().get(sequence & 0xFFFF);
        return p != null && p.sequence == sequence ? p : null;
    }

    /** The probes of one flow, in send order. */
    public List<Probe> probes(String host, String flow) {
        Flow f = flow(host, flow);
        if (f == null) throw new IllegalArgumentException("no followed flow " + host + "/" + flow);
        return List.copyOf(f.probes());
    }

    /** Every followed probe, flow by flow. */
    public List<Probe> probes() {
        List<Probe> all = new ArrayList<>();
        for (Map<String, Flow> byName : flowsByHost.values()) for (Flow f : byName.values()) all.addAll(f.probes());
        return all;
    }

    /** Statistics over the probes of one flow that {@code which} selects. */
    public PathStats stats(String host, String flow, Predicate<Probe> which) {
        return PathStats.of(this, filter(probes(host, flow), which));
    }

    /** Statistics over every followed probe that {@code which} selects. */
    public PathStats stats(Predicate<Probe> which) {
        return PathStats.of(this, filter(probes(), which));
    }

    /** Statistics per flow ("host/flow" to stats), over the probes {@code which} selects. */
    public Map<String, PathStats> statsPerFlow(Predicate<Probe> which) {
        Map<String, PathStats> out = new LinkedHashMap<>();
        for (Map<String, Flow> byName : flowsByHost.values()) {
            for (Flow f : byName.values()) out.put(f.host() + "/" + f.name(), PathStats.of(this, filter(f.probes(), which)));
        }
        return out;
    }

    /** Selects probes sent at or after {@code nanos}: the usual way to leave out the warm-up (ARP, elections). */
    public static Predicate<Probe> sentFrom(long nanos) {
        return p -> p.sentAt() >= nanos;
    }

    /** Selects probes sent in {@code [from, to)}. */
    public static Predicate<Probe> sentBetween(long from, long to) {
        return p -> p.sentAt() >= from && p.sentAt() < to;
    }

    int linkIndex(String link) {
        Integer i = linkIndex.get(link);
        if (i == null) throw new IllegalArgumentException("link '" + link + "' is not watched (watched: " + linkIndex.keySet() + ")");
        return i;
    }

    private static List<Probe> filter(List<Probe> probes, Predicate<Probe> which) {
        List<Probe> out = new ArrayList<>();
        for (Probe p : probes) if (which.test(p)) out.add(p);
        return out;
    }
}
