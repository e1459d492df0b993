package io.firsthop.cluster.bench;

import io.firsthop.core.Device;
import io.firsthop.core.DeviceCommand;
import io.firsthop.core.DeviceInput;
import io.firsthop.core.Outputs;
import io.firsthop.wire.ArpPacket;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.Ipv4Packet;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.RawEthernetPayload;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/** Devices the cluster benchmarks drive: a windowed ping source, and a latency pinger with its reflector. */
final class BenchDevices {
    /**
     * Starts a bench device's traffic; a pinger sends {@code count} frames {@code intervalNanos}
     * apart (0: those it was built with).
     */
    record Start(long intervalNanos, int count) implements DeviceCommand {
        Start() {
            this(0, 0);
        }
    }

    /** Stops a blaster's traffic (frames in flight still come back). */
    record Stop() implements DeviceCommand {}

    private BenchDevices() {
    }

    /**
     * A host that keeps {@code window} ICMP echo requests in flight to {@code target} through
     * the gateway MAC it is given (no ARP of its own; it answers ARP for its address): one
     * request at a time until the first reply (so the path's ARP caches fill), then a new
     * request for every reply. Counts replies in {@code replies}.
     */
    static final class Blaster implements Device {
        private static final Bytes DATA = Bytes.zeros(22);
        private final String name;
        private final MacAddress mac;
        private final Ipv4Address address;
        private final MacAddress gatewayMac;
        private final Ipv4Address target;
        private final int window;
        private final AtomicLong replies;
        private boolean running;
        private boolean blasting;
        private boolean stopped;
        private int sequence;

        Blaster(String name, MacAddress mac, Ipv4Address address, MacAddress gatewayMac, Ipv4Address target, int window,
                AtomicLong replies) {
            this.name = name;
            this.mac = mac;
            this.address = address;
            this.gatewayMac = gatewayMac;
            this.target = target;
            this.window = window;
            this.replies = replies;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<String> portNames() {
            return List.of("eth0");
        }

        @Override
        public boolean running() {
            return running;
        }

        @Override
        public void handle(DeviceInput input, long now, Outputs out) {
            switch (input) {
                case DeviceInput.PowerOn p -> {
                    running = true;
                    blasting = false;
                }
                case DeviceInput.Crash c -> running = false;
                case DeviceInput.Shutdown s -> running = false;
                case DeviceInput.Command(Start start) -> {
                    stopped = false;
                    blasting = false;
                    send(out);
                    out.armTimer("warm", now + 100_000_000L);
                }
                case DeviceInput.Command(Stop stop) -> {
                    stopped = true;
                    out.cancelTimer("warm");
                }
                case DeviceInput.TimerFired t -> {
                    if (!blasting && !stopped) {
                        send(out);
                        out.armTimer("warm", now + 100_000_000L);
                    }
                }
                case DeviceInput.FrameArrived(int port, EthernetFrame frame) -> receive(frame, out);
                default -> { }
            }
        }

        private void receive(EthernetFrame frame, Outputs out) {
            switch (frame.payload()) {
                case ArpPacket arp when arp.operation() == ArpPacket.REQUEST && arp.targetIp().equals(address) ->
                        out.send(0, EthernetFrame.untagged(arp.senderMac(), mac, ArpPacket.reply(mac, address, arp.senderMac(), arp.senderIp())));
                case Ipv4Packet ip when ip.destination().equals(address) && ip.payload() instanceof IcmpEcho echo && echo.reply() -> {
                    replies.incrementAndGet();
                    if (stopped) return;
                    if (!blasting) {
                        blasting = true;
                        out.cancelTimer("warm");
                        for (int i = 0; i < window; i++) send(out);
                    } else {
                        send(out);
                    }
                }
                default -> { }
            }
        }

        private void send(Outputs out) {
            out.send(0, EthernetFrame.untagged(gatewayMac, mac,
                    Ipv4Packet.of(64, address, target, IcmpEcho.request(1, sequence++ & 0xFFFF, DATA))));
        }
    }

    /** The EtherType of latency frames: seq, sent-at and (back from the reflector) the one-way error. */
    static final int LATENCY_ETHERTYPE = 0x88B6;

    /**
     * Sends a stamped frame every {@code interval} (plus a small varying offset, so the sends
     * do not lock to any period) until {@code count}; reflected frames carry the one-way error
     * the reflector measured, handed to {@code errors}.
     */
    static final class Pinger implements Device {
        private final String name;
        private final long defaultInterval;
        private final int defaultCount;
        private final LongConsumer errors;
        private long interval;
        private int count;
        private boolean running;
        private int sent;

        Pinger(String name, long intervalNanos, int count, LongConsumer errors) {
            this.name = name;
            this.defaultInterval = intervalNanos;
            this.defaultCount = count;
            this.errors = errors;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<String> portNames() {
            return List.of("p0");
        }

        @Override
        public boolean running() {
            return running;
        }

        @Override
        public void handle(DeviceInput input, long now, Outputs out) {
            switch (input) {
                case DeviceInput.PowerOn p -> running = true;
                case DeviceInput.Command(Start start) -> {
                    interval = start.intervalNanos() > 0 ? start.intervalNanos() : defaultInterval;
                    count = start.count() > 0 ? start.count() : defaultCount;
                    sent = 0;
                    out.armTimer("tick", now + interval);
                }
                case DeviceInput.TimerFired t -> {
                    out.send(0, frame(sent, now, 0));
                    sent++;
                    if (sent < count) out.armTimer("tick", now + interval + (sent % 11) * 37_000L);
                }
                case DeviceInput.FrameArrived(int port, EthernetFrame frame) -> {
                    if (frame.payload() instanceof RawEthernetPayload raw && raw.etherType() == LATENCY_ETHERTYPE) {
                        errors.accept(ByteBuffer.wrap(raw.data().toArray()).getLong(16));
                    }
                }
                default -> { }
            }
        }
    }

    /** Measures each stamped frame's arrival minus its send instant minus the link's latency, and sends that back. */
    static final class Reflector implements Device {
        private final String name;
        private final long latency;
        private boolean running;

        Reflector(String name, long latencyNanos) {
            this.name = name;
            this.latency = latencyNanos;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<String> portNames() {
            return List.of("p0");
        }

        @Override
        public boolean running() {
            return running;
        }

        @Override
        public void handle(DeviceInput input, long now, Outputs out) {
            switch (input) {
                case DeviceInput.PowerOn p -> running = true;
                case DeviceInput.FrameArrived(int port, EthernetFrame frame) -> {
                    if (frame.payload() instanceof RawEthernetPayload raw && raw.etherType() == LATENCY_ETHERTYPE) {
                        ByteBuffer b = ByteBuffer.wrap(raw.data().toArray());
                        long seq = b.getLong(0);
                        long sentAt = b.getLong(8);
                        out.send(0, frame(seq, sentAt, now - sentAt - latency));
                    }
                }
                default -> { }
            }
        }
    }

    static EthernetFrame frame(long seq, long sentAt, long error) {
        ByteBuffer b = ByteBuffer.allocate(24).putLong(seq).putLong(sentAt).putLong(error);
        return EthernetFrame.untagged(MacAddress.BROADCAST, new MacAddress(0x02_00_00_00_00_01L),
                new RawEthernetPayload(LATENCY_ETHERTYPE, Bytes.of(b.array())));
    }
}
