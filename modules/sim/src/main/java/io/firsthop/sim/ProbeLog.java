package io.firsthop.sim;

import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sink that keeps the fate of every probe of a run, per (host, flow), and tells the outages:
 * the runs of consecutive lost probes.
 *
 * <p>An outage is measured the way a pinging user sees it: from the sending of its first lost
 * probe to the sending of the first probe answered after it, so its resolution is the probe
 * interval. Probes are keyed by their ordinal in the flow (the {@code sequence} of the probe
 * trace events), which counts on across host restarts.
 */
public final class ProbeLog implements TraceSink {
    /** What became of one probe. */
    public enum Fate { PENDING, ANSWERED, LOST }

    private static final Fate[] FATES = Fate.values();

    /**
     * A run of consecutive lost probes of one flow.
     *
     * @param firstLost       ordinal of its first lost probe
     * @param lost            how many probes it lost
     * @param firstLostSentAt when its first lost probe was sent
     * @param lastLostSentAt  when its last lost probe was sent
     * @param recoveredSentAt when the first probe answered after it was sent, or -1 if none was (yet)
     * @param recoveryRtt     that probe's round-trip time, or -1
     */
    public record Outage(String host, String flow, int firstLost, int lost, long firstLostSentAt, long lastLostSentAt,
                         long recoveredSentAt, long recoveryRtt) {
        public boolean recovered() {
            return recoveredSentAt >= 0;
        }

        /** From the first lost probe's sending to the recovering probe's sending; -1 while not recovered. */
        public long durationNanos() {
            return recovered() ? recoveredSentAt - firstLostSentAt : -1;
        }
    }

    /** The probes of one flow of one host, indexed by ordinal. */
    public static final class Flow {
        private final String host;
        private final String name;
        private final Ipv4Address destination;
        private long[] sentAt = new long[64];
        private long[] rtt = new long[64];
        private byte[] fate = new byte[64];
        private MacAddress[] via = new MacAddress[64];
        private int size;
        private int answered;
        private int lost;

        Flow(String host, String name, Ipv4Address destination) {
            this.host = host;
            this.name = name;
            this.destination = destination;
        }

        public String host() {
            return host;
        }

        public String name() {
            return name;
        }

        public Ipv4Address destination() {
            return destination;
        }

        /** Probes sent (ordinals 0..sent-1, unless the log started late). */
        public int sent() {
            return size;
        }

        public int answered() {
            return answered;
        }

        public int lost() {
            return lost;
        }

        public int pending() {
            return size - answered - lost;
        }

        public Fate fate(int ordinal) {
            return FATES[fate[ordinal]];
        }

        public long sentAt(int ordinal) {
            return sentAt[ordinal];
        }

        /** The round-trip time of an answered probe, or -1. */
        public long rtt(int ordinal) {
            return fate[ordinal] == Fate.ANSWERED.ordinal() ? rtt[ordinal] : -1;
        }

        /** The MAC an answered probe was sent to (the gateway used), or null. */
        public MacAddress via(int ordinal) {
            return via[ordinal];
        }

        /** The sending times of the lost probes, in order. */
        public List<Long> lostSentTimes() {
            List<Long> out = new ArrayList<>(lost);
            for (int i = 0; i < size; i++) if (fate[i] == Fate.LOST.ordinal()) out.add(sentAt[i]);
            return out;
        }

        /** The runs of consecutive lost probes, in order. */
        public List<Outage> outages() {
            List<Outage> out = new ArrayList<>();
            int i = 0;
            while (i < size) {
                if (fate[i] != Fate.LOST.ordinal()) {
                    i++;
                    continue;
                }
                int first = i;
                while (i < size && fate[i] == Fate.LOST.ordinal()) i++;
                int last = i - 1;
                int next = i;
                while (next < size && fate[next] == Fate.PENDING.ordinal()) next++;
                boolean recovered = next < size && fate[next] == Fate.ANSWERED.ordinal();
                out.add(new Outage(host, name, first, last - first + 1, sentAt[first], sentAt[last],
                        recovered ? sentAt[next] : -1, recovered ? rtt[next] : -1));
            }
            return out;
        }

        private void sent(int ordinal, long at) {
            if (ordinal >= sentAt.length) {
                int n = Math.max(sentAt.length * 2, ordinal + 1);
                sentAt = Arrays.copyOf(sentAt, n);
                rtt = Arrays.copyOf(rtt, n);
                fate = Arrays.copyOf(fate, n);
                via = Arrays.copyOf(via, n);
            }
            sentAt[ordinal] = at;
            size = Math.max(size, ordinal + 1);
        }

        private void settled(int ordinal, Fate f, long roundTrip, MacAddress gateway) {
            if (ordinal >= size || fate[ordinal] != Fate.PENDING.ordinal()) return;
            fate[ordinal] = (byte) f.ordinal();
            rtt[ordinal] = roundTrip;
            via[ordinal] = gateway;
            if (f == Fate.ANSWERED) answered++;
            else lost++;
        }
    }

    private record Key(String host, String flow) {}

    private final Map<Key, Flow> flows = new LinkedHashMap<>();

    @Override
    public void accept(TraceEvent event) {
        switch (event) {
            case TraceEvent.ProbeSent s ->
                    flows.computeIfAbsent(new Key(s.device(), s.flow()), k -> new Flow(k.host(), k.flow(), s.destination()))
                            .sent(s.sequence(), s.at());
            case TraceEvent.ProbeAnswered a -> {
                Flow f = flows.get(new Key(a.device(), a.flow()));
                if (f != null) f.settled(a.sequence(), Fate.ANSWERED, a.rttNanos(), a.via());
            }
            case TraceEvent.ProbeLost l -> {
                Flow f = flows.get(new Key(l.device(), l.flow()));
                if (f != null) f.settled(l.sequence(), Fate.LOST, -1, null);
            }
            default -> { }
        }
    }

    /** The flow {@code flow} of {@code host}. */
    public Flow flow(String host, String flow) {
        Flow f = flows.get(new Key(host, flow));
        if (f == null) throw new IllegalArgumentException("no probe of flow '" + flow + "' from '" + host + "' was seen (flows: " + flows.keySet() + ")");
        return f;
    }

    /** Every flow seen, in the order their first probes were sent. */
    public List<Flow> flows() {
        return Collections.unmodifiableList(new ArrayList<>(flows.values()));
    }
}
