package io.firsthop.sim.capture;

import io.firsthop.core.Device;
import io.firsthop.core.l3.FirstHopGroup;
import io.firsthop.core.l3.Router;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.core.vrrp.VrrpGroup;
import io.firsthop.sim.Endpoint;
import io.firsthop.sim.TraceSink;
import io.firsthop.sim.VirtualEngine;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.InterfaceAddress;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.VrrpAdvertisement;
import io.firsthop.wire.WireOptions;
import io.firsthop.wire.codec.Frames;
import io.firsthop.wire.pcap.PcapWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A trace sink that writes the frames seen at chosen places of a virtual run to a pcap file as
 * the run goes, timestamped with virtual time (plus an optional epoch): what tcpdump would have
 * captured there.
 *
 * <p>How to use it: {@link #onLinks} taps links (every frame put on them, in both directions,
 * at the instant it leaves its sender, so frames the link then loses are in the capture too);
 * {@link #onPort} captures one device port as {@code tcpdump -i} would (what it sends and what
 * reaches it). Add it with {@link VirtualEngine#addTraceSink}, run, then {@link #close}.
 *
 * <p>Frames are records inside firsthop and become bytes only here, through the wire codec,
 * padded to Ethernet's 60-byte minimum as on a wire. The one encoding choice that varies is the
 * VRRPv3 checksum over IPv4 (RFC 5798's pseudo-header or RFC 9568's none): an advertisement is
 * encoded as the router whose primary address is its IPv4 source is configured to send it
 * ({@link io.firsthop.core.vrrp.VrrpConfig#v3ChecksumPseudoHeader}), other frames with the
 * default options.
 */
public final class PcapCapture implements TraceSink, Closeable, Flushable {
    private static final WireOptions DEFAULT = new WireOptions(true, true);

    private final PcapWriter writer;
    private final Map<String, Set<String>> sendPorts;
    private final Map<String, Set<String>> receivePorts;
    private final Map<Ipv4Address, WireOptions> vrrpOptionsBySource;
    private final long epochNanos;
    private long frames;

    private PcapCapture(PcapWriter writer, Map<String, Set<String>> sendPorts, Map<String, Set<String>> receivePorts,
                        Map<Ipv4Address, WireOptions> vrrpOptionsBySource, long epochNanos) {
        this.writer = writer;
        this.sendPorts = sendPorts;
        this.receivePorts = receivePorts;
        this.vrrpOptionsBySource = vrrpOptionsBySource;
        this.epochNanos = epochNanos;
    }

    /** Taps {@code links} of {@code sim}, writing to a new file at {@code file}; virtual time 0 is the Unix epoch. */
    public static PcapCapture onLinks(VirtualEngine sim, Path file, String... links) throws IOException {
        return onLinks(sim, PcapWriter.create(file), 0, links);
    }

    /** Taps {@code links} of {@code sim}, writing to {@code writer}; timestamps are {@code epochNanos} + virtual time. */
    public static PcapCapture onLinks(VirtualEngine sim, PcapWriter writer, long epochNanos, String... links) {
        Objects.requireNonNull(writer, "writer");
        Set<String> wanted = new HashSet<>(List.of(links));
        Map<String, Set<String>> send = new HashMap<>();
        for (VirtualEngine.LinkEnds l : sim.links()) {
            if (!wanted.remove(l.name())) continue;
            add(send, l.a());
            add(send, l.b());
        }
        if (!wanted.isEmpty()) {
            throw new IllegalArgumentException("no link named " + wanted.stream().sorted().toList() + " to capture on");
        }
        return new PcapCapture(writer, send, Map.of(), vrrpOptions(sim.devices()), checkEpoch(epochNanos));
    }

    /**
     * Taps the cables at {@code ends} ("device:port", both ends of each link) of a run on any
     * engine that traces its frames: every frame those ports send, at its send instant.
     * {@code devices} are instances of the run's devices, read only for their VRRP checksum
     * modes; timestamps are {@code epochNanos} + run time.
     */
    public static PcapCapture onEnds(PcapWriter writer, long epochNanos, List<String> ends, Iterable<? extends Device> devices) {
        Objects.requireNonNull(writer, "writer");
        Map<String, Set<String>> send = new HashMap<>();
        for (String end : ends) add(send, Endpoint.parse(end));
        return new PcapCapture(writer, send, Map.of(), vrrpOptions(devices), checkEpoch(epochNanos));
    }

    /** Captures port {@code endpoint} ("device:port") of {@code sim}, sent and received, to a new file at {@code file}. */
    public static PcapCapture onPort(VirtualEngine sim, Path file, String endpoint) throws IOException {
        return onPort(sim, PcapWriter.create(file), 0, endpoint);
    }

    /** Captures port {@code endpoint} ("device:port"), sent and received, to {@code writer}. */
    public static PcapCapture onPort(VirtualEngine sim, PcapWriter writer, long epochNanos, String endpoint) {
        Objects.requireNonNull(writer, "writer");
        Endpoint e = Endpoint.parse(endpoint);
        sim.device(e.device()).portIndex(e.port()); // checks the device and port exist
        Map<String, Set<String>> ports = new HashMap<>();
        add(ports, e);
        return new PcapCapture(writer, ports, ports, vrrpOptions(sim.devices()), checkEpoch(epochNanos));
    }

    @Override
    public boolean wantsFrameEvents() {
        return true;
    }

    @Override
    public void accept(TraceEvent event) {
        switch (event) {
            case TraceEvent.FrameSent s -> {
                if (selected(sendPorts, s.device(), s.port())) write(s.at(), s.frame());
            }
            case TraceEvent.FrameReceived r -> {
                if (selected(receivePorts, r.device(), r.port())) write(r.at(), r.frame());
            }
            default -> { }
        }
    }

    /** Frames written so far. */
    public long framesWritten() {
        return frames;
    }

    @Override
    public void flush() throws IOException {
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    /** The options {@code frame} is encoded with: its VRRP sender's checksum mode, or the defaults. */
    WireOptions optionsFor(EthernetFrame frame) {
        if (frame.payload() instanceof Ipv4Packet ip && ip.payload() instanceof VrrpAdvertisement) {
            return vrrpOptionsBySource.getOrDefault(ip.source(), DEFAULT);
        }
        return DEFAULT;
    }

    private void write(long at, EthernetFrame frame) {
        try {
            writer.write(epochNanos + at, Frames.encode(frame, optionsFor(frame)));
            frames++;
        } catch (IOException e) {
            throw new UncheckedIOException("writing the capture at " + at + " ns", e);
        }
    }

    private static boolean selected(Map<String, Set<String>> ports, String device, String port) {
        Set<String> set = ports.get(device);
        return set != null && set.contains(port);
    }

    private static void add(Map<String, Set<String>> ports, Endpoint e) {
        ports.computeIfAbsent(e.device(), k -> new HashSet<>()).add(e.port());
    }

    private static long checkEpoch(long epochNanos) {
        if (epochNanos < 0) throw new IllegalArgumentException("the capture epoch must not be before 1970: " + epochNanos);
        return epochNanos;
    }

    /** The VRRP encoding of each VRRP router's primary address, from the routers' groups. */
    private static Map<Ipv4Address, WireOptions> vrrpOptions(Iterable<? extends Device> devices) {
        Map<Ipv4Address, WireOptions> map = new HashMap<>();
        for (Device d : devices) {
            if (!(d instanceof Router router)) continue;
            for (FirstHopGroup g : router.groups()) {
                if (!(g instanceof VrrpGroup vrrp)) continue;
                InterfaceAddress primary = router.config().interfaces().get(g.port()).primary();
                if (primary == null) continue;
                WireOptions o = vrrp.config().wireOptions();
                map.put(primary.address(), new WireOptions(o.vrrpV3PseudoHeader(), true));
            }
        }
        return map;
    }
}
