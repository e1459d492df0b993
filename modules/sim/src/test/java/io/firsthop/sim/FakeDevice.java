package io.firsthop.sim;

import io.firsthop.core.Device;
import io.firsthop.core.DeviceInput;
import io.firsthop.core.Outputs;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.RawEthernetPayload;
import java.util.ArrayList;
import java.util.List;

/** A scriptable device for engine tests: records every input with its time, then runs a behaviour. */
final class FakeDevice implements Device {
    /** An input and the time it was handled. */
    record Seen(long at, DeviceInput input) {}

    @FunctionalInterface
    interface Behaviour {
        void on(FakeDevice self, DeviceInput input, long now, Outputs out);
    }

    /** IEEE 802 "local experimental" EtherType, for test frames nobody interprets. */
    static final int TEST_ETHERTYPE = 0x88B5;

    private final String name;
    private final List<String> ports;
    private final List<Seen> seen = new ArrayList<>();
    private Behaviour behaviour = (self, input, now, out) -> {};
    private boolean running;

    FakeDevice(String name, String... ports) {
        this.name = name;
        this.ports = List.of(ports);
    }

    FakeDevice behave(Behaviour b) {
        this.behaviour = b;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> portNames() {
        return ports;
    }

    @Override
    public void handle(DeviceInput input, long now, Outputs out) {
        seen.add(new Seen(now, input));
        switch (input) {
            case DeviceInput.PowerOn p -> running = true;
            case DeviceInput.Crash c -> running = false;
            case DeviceInput.Shutdown s -> running = false;
            default -> { }
        }
        behaviour.on(this, input, now, out);
    }

    @Override
    public boolean running() {
        return running;
    }

    List<Seen> seen() {
        return seen;
    }

    /** The inputs of one type, with their times. */
    List<Seen> seen(Class<? extends DeviceInput> type) {
        return seen.stream().filter(s -> type.isInstance(s.input())).toList();
    }

    /** A test frame carrying {@code tag} as its payload, so frames can be told apart. */
    static EthernetFrame frame(int tag) {
        byte[] data = new byte[46];
        data[0] = (byte) (tag >>> 24);
        data[1] = (byte) (tag >>> 16);
        data[2] = (byte) (tag >>> 8);
        data[3] = (byte) tag;
        return EthernetFrame.untagged(MacAddress.BROADCAST, new MacAddress(0x0200_0000_0001L),
                new RawEthernetPayload(TEST_ETHERTYPE, Bytes.of(data)));
    }

    static int tagOf(EthernetFrame frame) {
        Bytes d = ((RawEthernetPayload) frame.payload()).data();
        return (d.get(0) & 0xFF) << 24 | (d.get(1) & 0xFF) << 16 | (d.get(2) & 0xFF) << 8 | (d.get(3) & 0xFF);
    }

    /** Sends every frame back out of the port it came in on. */
    static final Behaviour ECHO = (self, input, now, out) -> {
        if (input instanceof DeviceInput.FrameArrived f) {
            out.send(f.port(), f.frame());
        }
    };

    /** Every {@code period} ns from power-on, sends a frame with an increasing tag on port 0. */
    static Behaviour periodicSender(long period) {
        int[] next = {0};
        return (self, input, now, out) -> {
            switch (input) {
                case DeviceInput.PowerOn p -> out.armTimer("tick", now + period);
                case DeviceInput.TimerFired t when t.key().equals("tick") -> {
                    out.send(0, frame(next[0]++));
                    out.armTimer("tick", now + period);
                }
                default -> { }
            }
        };
    }
}
