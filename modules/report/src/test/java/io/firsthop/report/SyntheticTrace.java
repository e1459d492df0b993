package io.firsthop.report;

import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.VrrpAdvertisement;
import io.firsthop.wire.Bytes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * Builds trace events by hand, the way the engines emit them, and hands them out in time order
 * (stable: events at one instant keep the order they were added in).
 */
final class SyntheticTrace {
    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;
    static final MacAddress VMAC = VrrpAdvertisement.virtualMac(1);
    static final MacAddress R1_MAC = MacAddress.parse("02:00:00:00:01:01");
    static final MacAddress R2_MAC = MacAddress.parse("02:00:00:00:02:01");
    static final MacAddress H1_MAC = MacAddress.parse("02:00:00:00:00:11");
    static final Ipv4Address H1_IP = Ipv4Address.parse("10.0.0.11");
    static final Ipv4Address DEST = Ipv4Address.parse("198.51.100.10");
    static final Ipv4Address VIP = Ipv4Address.parse("10.0.0.1");

    private final List<TraceEvent> events = new ArrayList<>();

    SyntheticTrace add(TraceEvent e) {
        events.add(e);
        return this;
    }

    /**
     * Probes of one flow every {@code interval} from {@code start} (inclusive) to {@code stop}
     * (exclusive). {@code rtt} gives each probe's RTT from its send time, or a negative value for a
     * lost probe (declared lost {@code timeout} after sending); {@code via} the gateway MAC.
     */
    SyntheticTrace probes(String host, String flow, long start, long stop, long interval, long timeout,
                          LongUnaryOperator rtt, java.util.function.LongFunction<MacAddress> via, boolean frames) {
        int seq = 0;
        for (long t = start; t < stop; t += interval, seq++) {
            add(new TraceEvent.ProbeSent(t, host, flow, seq, DEST));
            if (frames) {
                add(new TraceEvent.FrameSent(t, host, "eth0", EthernetFrame.untagged(via.apply(t), H1_MAC,
                        Ipv4Packet.of(64, H1_IP, DEST, IcmpEcho.request(1, seq & 0xFFFF, Bytes.zeros(56))))));
            }
            long r = rtt.applyAsLong(t);
            if (r >= 0) add(new TraceEvent.ProbeAnswered(t + r, host, flow, seq, r, via.apply(t)));
            else add(new TraceEvent.ProbeLost(t + timeout, host, flow, seq, t));
        }
        return this;
    }

    SyntheticTrace state(long at, String device, String group, String from, String to, String cause) {
        return add(new TraceEvent.StateChanged(at, device, group, from, to, cause));
    }

    SyntheticTrace advertsReceived(String device, String port, long from, long until, long interval, int vrid, int priority) {
        for (long t = from; t < until; t += interval) {
            add(new TraceEvent.FrameReceived(t, device, port, EthernetFrame.untagged(MacAddress.ofIpv4Multicast(Ipv4Address.VRRP_MULTICAST),
                    VMAC, Ipv4Packet.of(255, Ipv4Address.parse("10.0.0.2"), Ipv4Address.VRRP_MULTICAST,
                            VrrpAdvertisement.v3(vrid, priority, 100, List.of(VIP))))));
        }
        return this;
    }

    SyntheticTrace gratuitousArp(long at, String device, String port) {
        return add(new TraceEvent.FrameSent(at, device, port, EthernetFrame.untagged(MacAddress.BROADCAST, VMAC,
                ArpPacket.gratuitous(VMAC, VIP))));
    }

    List<TraceEvent> events() {
        List<TraceEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(TraceEvent::at));
        return sorted;
    }

    RunReport feed(RunRecorder recorder) {
        for (TraceEvent e : events()) recorder.accept(e);
        return recorder.snapshot();
    }
}
