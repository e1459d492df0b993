package io.firsthop.cli;

import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.IcmpError;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.RawEthernetPayload;
import io.firsthop.wire.UdpDatagram;
import io.firsthop.wire.VrrpAdvertisement;
import java.util.Locale;

/** Trace events and frames as one short line each, in the words of tcpdump and of a router's log. */
final class EventText {
    private EventText() {
    }

    /** Virtual nanoseconds as seconds with microsecond digits: "1.005000". */
    static String time(long nanos) {
        return String.format(Locale.ROOT, "%d.%06d", nanos / 1_000_000_000L, nanos % 1_000_000_000L / 1_000);
    }

    /** A measured duration in the unit a reader expects: "1.500 s", "0.71 ms", "717 us". */
    static String duration(long nanos) {
        if (nanos >= 1_000_000_000L) return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
        if (nanos >= 1_000_000L) return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        return String.format(Locale.ROOT, "%.0f us", nanos / 1e3);
    }

    /** A configured duration, as it was written: "1 s", "10 ms", "5 ms", or as {@link #duration} if not whole. */
    static String setting(long nanos) {
        if (nanos % 1_000_000_000L == 0) return nanos / 1_000_000_000L + " s";
        if (nanos % 1_000_000L == 0) return nanos / 1_000_000L + " ms";
        if (nanos % 1_000L == 0) return nanos / 1_000L + " us";
        return duration(nanos);
    }

    /** What happened, without the time and device (the caller prints those in columns). */
    static String describe(TraceEvent event) {
        return switch (event) {
            case TraceEvent.FrameSent e -> "sent on " + e.port() + ": " + frame(e.frame());
            case TraceEvent.FrameReceived e -> "received on " + e.port() + ": " + frame(e.frame());
            case TraceEvent.FrameDropped e -> "dropped (" + e.reason() + ", " + e.detail() + ") on " + e.port() + ": " + frame(e.frame());
            case TraceEvent.ArpLearned e -> e.previous() == null
                    ? "ARP: learned " + e.ip() + " is at " + e.mac()
                    : "ARP: " + e.ip() + " moved from " + e.previous() + " to " + e.mac();
            case TraceEvent.ArpExpired e -> "ARP: entry " + e.ip() + " at " + e.mac() + " expired";
            case TraceEvent.ArpFailed e -> "ARP: no reply for " + e.ip() + " after " + e.attempts() + " requests";
            case TraceEvent.MacLearned e -> "MAC table: learned " + e.mac() + " on " + e.port() + " (VLAN " + e.vlan() + ")";
            case TraceEvent.MacMoved e -> "MAC table: " + e.mac() + " moved from " + e.oldPort() + " to " + e.newPort() + " (VLAN " + e.vlan() + ")";
            case TraceEvent.MacRemoved e -> "MAC table: removed " + e.mac() + " on " + e.port() + " (" + e.why() + ")";
            case TraceEvent.StateChanged e -> e.group() + ": " + e.from() + " -> " + e.to() + " (" + e.cause() + ")";
            case TraceEvent.DeviceEvent e -> e.what();
            case TraceEvent.LinkEvent e -> "link " + e.what();
            case TraceEvent.ProbeSent e -> "probe " + e.flow() + " #" + e.sequence() + " sent to " + e.destination();
            case TraceEvent.ProbeAnswered e -> "probe " + e.flow() + " #" + e.sequence() + " answered in " + duration(e.rttNanos()) + " via " + e.via();
            case TraceEvent.ProbeLost e -> "probe " + e.flow() + " #" + e.sequence() + " (sent at " + time(e.sentAt()) + " s) lost";
            case TraceEvent.Note e -> e.text();
        };
    }

    static String frame(EthernetFrame f) {
        String vlan = f.vlan() == null ? "" : " vlan " + f.vlan().vlanId();
        return f.source() + " > " + f.destination() + vlan + ", " + switch (f.payload()) {
            case ArpPacket a when a.isGratuitous() -> "ARP gratuitous " + a.senderIp() + " is-at " + a.senderMac();
            case ArpPacket a when a.isRequest() -> "ARP who-has " + a.targetIp() + " tell " + a.senderIp();
            case ArpPacket a -> "ARP reply " + a.senderIp() + " is-at " + a.senderMac();
            case Ipv4Packet ip -> "IP " + ip.source() + " > " + ip.destination() + " ttl " + ip.ttl() + ": " + switch (ip.payload()) {
                case IcmpEcho e -> "ICMP echo " + (e.reply() ? "reply" : "request") + " id " + e.identifier() + " seq " + e.sequence();
                case IcmpError e -> "ICMP type " + e.type() + " code " + e.code();
                case UdpDatagram u -> "UDP " + u.sourcePort() + " > " + u.destinationPort();
                case VrrpAdvertisement v -> "VRRPv" + v.version() + " vrid " + v.vrid() + " prio " + v.priority();
                default -> "protocol " + ip.protocol();
            };
            case RawEthernetPayload raw -> "EtherType 0x" + Integer.toHexString(raw.etherType());
        };
    }
}
