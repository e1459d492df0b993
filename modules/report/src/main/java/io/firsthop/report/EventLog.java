package io.firsthop.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.GlbpMessage;
import io.firsthop.wire.GlbpTlv;
import io.firsthop.wire.HsrpV1Message;
import io.firsthop.wire.HsrpV2Message;
import io.firsthop.wire.HsrpV2Tlv;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.IcmpError;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.RawEthernetPayload;
import io.firsthop.wire.RawIpPayload;
import io.firsthop.wire.UdpDatagram;
import io.firsthop.wire.VrrpAdvertisement;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * events.jsonl: one JSON object per trace event, one per line (docs/report-format.md). Lines are
 * flushed to the file every {@value #FLUSH_EVERY} lines and after every event that is neither a
 * frame nor a probe event, so a killed run keeps nearly all it saw.
 */
final class EventLog implements Closeable {
    static final int FLUSH_EVERY = 256;
    private static final JsonFactory JSON = new JsonFactory();

    private final OutputStream out;
    private final JsonGenerator gen;
    private final boolean framesSentReceived;
    private int unflushed;
    private long lines;

    EventLog(Path file, boolean framesSentReceived) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        this.gen = JSON.createGenerator(out, JsonEncoding.UTF8);
        gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        // one object per line: no separator between root values, the newline is written after each
        gen.setRootValueSeparator(null);
        this.framesSentReceived = framesSentReceived;
    }

    long lines() {
        return lines;
    }

    void write(String site, TraceEvent e) {
        boolean frameOrProbe;
        try {
            switch (e) {
                case TraceEvent.FrameSent f -> {
                    if (!framesSentReceived) return;
                    head(site, e, "FrameSent");
                    gen.writeStringField("port", f.port());
                    frame(f.frame());
                    frameOrProbe = true;
                }
                case TraceEvent.FrameReceived f -> {
                    if (!framesSentReceived) return;
                    head(site, e, "FrameReceived");
                    gen.writeStringField("port", f.port());
                    frame(f.frame());
                    frameOrProbe = true;
                }
                case TraceEvent.FrameDropped d -> {
                    head(site, e, "FrameDropped");
                    gen.writeStringField("port", d.port());
                    gen.writeStringField("reason", d.reason() == null ? null : d.reason().name());
                    gen.writeStringField("detail", d.detail());
                    frame(d.frame());
                    frameOrProbe = true;
                }
                case TraceEvent.ArpLearned a -> {
                    head(site, e, "ArpLearned");
                    ip("ip", a.ip());
                    str("mac", a.mac());
                    str("previous", a.previous());
                    frameOrProbe = false;
                }
                case TraceEvent.ArpExpired a -> {
                    head(site, e, "ArpExpired");
                    ip("ip", a.ip());
                    str("mac", a.mac());
                    frameOrProbe = false;
                }
                case TraceEvent.ArpFailed a -> {
                    head(site, e, "ArpFailed");
                    ip("ip", a.ip());
                    gen.writeNumberField("attempts", a.attempts());
                    frameOrProbe = false;
                }
                case TraceEvent.MacLearned m -> {
                    head(site, e, "MacLearned");
                    gen.writeNumberField("vlan", m.vlan());
                    str("mac", m.mac());
                    gen.writeStringField("port", m.port());
                    frameOrProbe = false;
                }
                case TraceEvent.MacMoved m -> {
                    head(site, e, "MacMoved");
                    gen.writeNumberField("vlan", m.vlan());
                    str("mac", m.mac());
                    gen.writeStringField("old_port", m.oldPort());
                    gen.writeStringField("new_port", m.newPort());
                    frameOrProbe = false;
                }
                case TraceEvent.MacRemoved m -> {
                    head(site, e, "MacRemoved");
                    gen.writeNumberField("vlan", m.vlan());
                    str("mac", m.mac());
                    gen.writeStringField("port", m.port());
                    gen.writeStringField("why", m.why());
                    frameOrProbe = false;
                }
                case TraceEvent.StateChanged s -> {
                    head(site, e, "StateChanged");
                    gen.writeStringField("group", s.group());
                    gen.writeStringField("from", s.from());
                    gen.writeStringField("to", s.to());
                    gen.writeStringField("cause", s.cause());
                    frameOrProbe = false;
                }
                case TraceEvent.DeviceEvent d -> {
                    head(site, e, "DeviceEvent");
                    gen.writeStringField("what", d.what());
                    frameOrProbe = false;
                }
                case TraceEvent.LinkEvent l -> {
                    head(site, e, "LinkEvent");
                    gen.writeStringField("what", l.what());
                    frameOrProbe = false;
                }
                case TraceEvent.ProbeSent p -> {
                    head(site, e, "ProbeSent");
                    gen.writeStringField("flow", p.flow());
                    gen.writeNumberField("seq", p.sequence());
                    ip("destination", p.destination());
                    frameOrProbe = true;
                }
                case TraceEvent.ProbeAnswered a -> {
                    head(site, e, "ProbeAnswered");
                    gen.writeStringField("flow", a.flow());
                    gen.writeNumberField("seq", a.sequence());
                    gen.writeFieldName("rtt_ms");
                    gen.writeNumber(Units.ms(a.rttNanos()));
                    gen.writeNumberField("rtt_ns", a.rttNanos());
                    str("via", a.via());
                    frameOrProbe = true;
                }
                case TraceEvent.ProbeLost l -> {
                    head(site, e, "ProbeLost");
                    gen.writeStringField("flow", l.flow());
                    gen.writeNumberField("seq", l.sequence());
                    gen.writeFieldName("sent_t");
                    gen.writeNumber(Units.seconds(l.sentAt()));
                    gen.writeNumberField("sent_t_ns", l.sentAt());
                    frameOrProbe = true;
                }
                case TraceEvent.Note n -> {
                    head(site, e, "Note");
                    gen.writeStringField("text", n.text());
                    frameOrProbe = false;
                }
            }
            gen.writeEndObject();
            gen.writeRaw('\n');
            lines++;
            if (!frameOrProbe || ++unflushed >= FLUSH_EVERY) flush();
        } catch (IOException ex) {
            throw new UncheckedIOException("writing events.jsonl", ex);
        }
    }

    private void head(String site, TraceEvent e, String type) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName("t");
        gen.writeNumber(Units.seconds(e.at()));
        gen.writeNumberField("t_ns", e.at());
        gen.writeStringField("site", site);
        gen.writeStringField("device", e.device());
        gen.writeStringField("type", type);
    }

    private void str(String field, Object value) throws IOException {
        if (value == null) gen.writeNullField(field);
        else gen.writeStringField(field, value.toString());
    }

    private void ip(String field, Ipv4Address a) throws IOException {
        str(field, a);
    }

    /** A frame's headers, summarised: enough to follow a capture without the bytes. */
    private void frame(EthernetFrame f) throws IOException {
        if (f == null) {
            gen.writeNullField("frame");
            return;
        }
        gen.writeObjectFieldStart("frame");
        gen.writeStringField("src", f.source().toString());
        gen.writeStringField("dst", f.destination().toString());
        if (f.vlan() != null) gen.writeNumberField("vlan", f.vlan().vlanId());
        gen.writeStringField("ethertype", String.format(Locale.ROOT, "0x%04x", f.etherType()));
        switch (f.payload()) {
            case ArpPacket a -> {
                gen.writeObjectFieldStart("arp");
                gen.writeStringField("op", a.isRequest() ? "request" : "reply");
                gen.writeStringField("sender_mac", a.senderMac().toString());
                gen.writeStringField("sender_ip", a.senderIp().toString());
                gen.writeStringField("target_mac", a.targetMac().toString());
                gen.writeStringField("target_ip", a.targetIp().toString());
                if (a.isGratuitous()) gen.writeBooleanField("gratuitous", true);
                gen.writeEndObject();
            }
            case Ipv4Packet ip -> {
                gen.writeObjectFieldStart("ip");
                gen.writeStringField("src", ip.source().toString());
                gen.writeStringField("dst", ip.destination().toString());
                gen.writeNumberField("protocol", ip.protocol());
                gen.writeNumberField("ttl", ip.ttl());
                gen.writeEndObject();
                ipPayload(ip);
            }
            case RawEthernetPayload raw -> gen.writeNumberField("length", raw.data().length());
        }
        gen.writeEndObject();
    }

    private void ipPayload(Ipv4Packet ip) throws IOException {
        switch (ip.payload()) {
            case IcmpEcho echo -> {
                gen.writeObjectFieldStart("icmp");
                gen.writeNumberField("type", echo.reply() ? 0 : 8);
                gen.writeNumberField("id", echo.identifier());
                gen.writeNumberField("seq", echo.sequence());
                gen.writeEndObject();
            }
            case IcmpError err -> {
                gen.writeObjectFieldStart("icmp");
                gen.writeNumberField("type", err.type());
                gen.writeNumberField("code", err.code());
                gen.writeEndObject();
            }
            case VrrpAdvertisement v -> {
                gen.writeObjectFieldStart("vrrp");
                gen.writeNumberField("version", v.version());
                gen.writeNumberField("vrid", v.vrid());
                gen.writeNumberField("priority", v.priority());
                gen.writeNumberField("interval", v.maxAdverInterval());
                gen.writeArrayFieldStart("addresses");
                for (Ipv4Address a : v.addresses()) gen.writeString(a.toString());
                gen.writeEndArray();
                gen.writeEndObject();
            }
            case UdpDatagram u -> {
                gen.writeObjectFieldStart("udp");
                gen.writeNumberField("sport", u.sourcePort());
                gen.writeNumberField("dport", u.destinationPort());
                gen.writeEndObject();
                switch (u.payload()) {
                    case HsrpV1Message h -> hsrp(1, h.opCode().name(), h.state().name(), h.group(), h.priority(), h.virtualIp());
                    case HsrpV2Message h2 -> {
                        HsrpV2Tlv.GroupState gs = h2.groupState();
                        if (gs != null) hsrp(2, gs.opCode().name(), gs.state().name(), gs.group(), gs.priority(), gs.virtualIp());
                    }
                    case GlbpMessage g -> {
                        gen.writeObjectFieldStart("glbp");
                        gen.writeNumberField("group", g.group());
                        GlbpTlv.Hello hello = g.hello();
                        if (hello != null) {
                            gen.writeStringField("state", hello.vgState().name().toLowerCase(Locale.ROOT));
                            gen.writeNumberField("priority", hello.priority());
                            str("vip", hello.virtualIp());
                        }
                        gen.writeNumberField("tlvs", g.tlvs().size());
                        gen.writeEndObject();
                    }
                    default -> { }
                }
            }
            case RawIpPayload raw -> gen.writeNumberField("payload_length", raw.data().length());
        }
    }

    private void hsrp(int version, String op, String state, int group, int priority, Ipv4Address vip) throws IOException {
        gen.writeObjectFieldStart("hsrp");
        gen.writeNumberField("version", version);
        gen.writeStringField("op", op.toLowerCase(Locale.ROOT));
        gen.writeStringField("state", state.toLowerCase(Locale.ROOT));
        gen.writeNumberField("group", group);
        gen.writeNumberField("priority", priority);
        str("vip", vip);
        gen.writeEndObject();
    }

    void flush() {
        try {
            gen.flush();
            unflushed = 0;
        } catch (IOException ex) {
            throw new UncheckedIOException("flushing events.jsonl", ex);
        }
    }

    @Override
    public void close() throws IOException {
        gen.close();
        out.close();
    }
}
