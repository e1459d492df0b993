package io.firsthop.cluster;

import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.RawEthernetPayload;
import io.firsthop.wire.UdpDatagram;
import io.firsthop.wire.VrrpAdvertisement;

import java.util.ArrayList;
import java.util.List;

/**
 * The text form of a site's trace file ({@code <state-dir>/<site>.trace}): one event per
 * line, tab-separated, {@code at site kind device fields...}, where {@code at} is run-clock
 * nanoseconds, {@code kind} the {@link TraceEvent} record's name, and the fields follow the
 * record's components (frames as a one-line summary). Tabs and line breaks inside strings
 * become spaces. Meant for tests, tools and a later report module; {@link #parse} reads it back
 * into {@link Line}s.
 *
 * <pre>
 * 1000123456  daegu  ProbeAnswered  h-daegu-1  to-server  0  8123456  00:00:5e:00:01:01
 * 4220000000  daegu  StateChanged   r2         vrrp 1 on lan  backup  master  no-response
 * </pre>
 */
public final class TraceLines {
    /** A parsed line: the event's time, site, kind, device, and its remaining fields as text. */
    public record Line(long at, String site, String kind, String device, List<String> fields) {
        /** Field {@code i} (after the device). */
        public String field(int i) {
            return fields.get(i);
        }
    }

    private TraceLines() {
    }

    /** The line (without a line break) for {@code event} seen by {@code site}. */
    public static String format(String site, TraceEvent event) {
        StringBuilder b = new StringBuilder(96);
        b.append(event.at()).append('\t').append(clean(site)).append('\t').append(event.getClass().getSimpleName())
                .append('\t').append(clean(event.device()));
        switch (event) {
            case TraceEvent.FrameSent e -> fields(b, e.port(), summary(e.frame()));
            case TraceEvent.FrameReceived e -> fields(b, e.port(), summary(e.frame()));
            case TraceEvent.FrameDropped e -> fields(b, e.port(), e.reason().name(), e.detail(), summary(e.frame()));
            case TraceEvent.ArpLearned e -> fields(b, e.ip(), e.mac(), e.previous());
            case TraceEvent.ArpExpired e -> fields(b, e.ip(), e.mac());
            case TraceEvent.ArpFailed e -> fields(b, e.ip(), e.attempts());
            case TraceEvent.MacLearned e -> fields(b, e.vlan(), e.mac(), e.port());
            case TraceEvent.MacMoved e -> fields(b, e.vlan(), e.mac(), e.oldPort(), e.newPort());
            case TraceEvent.MacRemoved e -> fields(b, e.vlan(), e.mac(), e.port(), e.why());
            case TraceEvent.StateChanged e -> fields(b, e.group(), e.from(), e.to(), e.cause());
            case TraceEvent.DeviceEvent e -> fields(b, e.what());
            case TraceEvent.LinkEvent e -> fields(b, e.what());
            case TraceEvent.ProbeSent e -> fields(b, e.flow(), e.sequence(), e.destination());
            case TraceEvent.ProbeAnswered e -> fields(b, e.flow(), e.sequence(), e.rttNanos(), e.via());
            case TraceEvent.ProbeLost e -> fields(b, e.flow(), e.sequence(), e.sentAt());
            case TraceEvent.Note e -> fields(b, e.text());
        }
        return b.toString();
    }

    /** Reads a line written by {@link #format}. */
    public static Line parse(String line) {
        String[] parts = line.split("\t", -1);
        if (parts.length < 4) throw new IllegalArgumentException("not a trace line: " + line);
        List<String> fields = new ArrayList<>(parts.length - 4);
        for (int i = 4; i < parts.length; i++) fields.add(parts[i]);
        return new Line(Long.parseLong(parts[0]), parts[1], parts[2], parts[3], List.copyOf(fields));
    }

    /** A one-line description of a frame: "src>dst" and what it carries. */
    public static String summary(EthernetFrame f) {
        String what = switch (f.payload()) {
            case ArpPacket arp -> "ARP " + (arp.operation() == ArpPacket.REQUEST ? "who-has " + arp.targetIp() : "reply " + arp.senderIp());
            case Ipv4Packet ip -> "IPv4 " + ip.source() + ">" + ip.destination() + " " + switch (ip.payload()) {
                case IcmpEcho echo -> "ICMP echo " + (echo.reply() ? "reply" : "request") + " id " + echo.identifier()
                        + " seq " + echo.sequence();
                case VrrpAdvertisement v -> "VRRPv" + v.version() + " vrid " + v.vrid() + " prio " + v.priority();
                case UdpDatagram u -> "UDP " + u.sourcePort() + ">" + u.destinationPort();
                default -> ip.payload().getClass().getSimpleName();
            };
            case RawEthernetPayload raw -> String.format("ethertype 0x%04x", raw.etherType());
        };
        return f.source() + ">" + f.destination() + (f.vlan() != null ? " vlan " + f.vlan().vlanId() : "") + " " + what;
    }

    private static void fields(StringBuilder b, Object... values) {
        for (Object v : values) b.append('\t').append(clean(String.valueOf(v)));
    }

    private static String clean(String s) {
        if (s == null) return "null";
        return s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0 ? s
                : s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
