package io.firsthop.cluster;

import io.firsthop.core.Device;
import io.firsthop.core.DeviceCommand;
import io.firsthop.core.DeviceInput;
import io.firsthop.core.Outputs;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.RawEthernetPayload;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;

/**
 * A device for runtime tests: it records every input it is handed (with the time) and runs
 * whatever {@link Act} a test injects, so tests drive outputs directly.
 */
final class FakeDevice implements Device {
    /** An input as the core saw it. */
    record Seen(DeviceInput input, long now) {}

    /** A command that runs {@code action(now, outputs)} inside the core. */
    record Act(BiConsumer<Long, Outputs> action) implements DeviceCommand {}

    /** The EtherType of test frames; the payload is an 8-byte sequence number and the 8-byte send instant. */
    static final int TEST_ETHERTYPE = 0x88B5;

    private final String name;
    private final List<String> ports;
    private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final BiConsumer<Seen, Outputs> reaction;
    private boolean running;

    FakeDevice(String name, int ports) {
        this(name, ports, (s, out) -> { });
    }

    /** {@code reaction} also runs for every input (after recording it). */
    FakeDevice(String name, int ports, BiConsumer<Seen, Outputs> reaction) {
        this.name = name;
        this.ports = IntStream.range(0, ports).mapToObj(i -> "p" + i).toList();
        this.reaction = reaction;
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
        Seen s = new Seen(input, now);
        seen.add(s);
        switch (input) {
            case DeviceInput.PowerOn p -> running = true;
            case DeviceInput.Crash c -> running = false;
            case DeviceInput.Command(Act act) -> act.action().accept(now, out);
            default -> { }
        }
        reaction.accept(s, out);
    }

    @Override
    public boolean running() {
        return running;
    }

    List<Seen> seen() {
        return new ArrayList<>(seen);
    }

    static EthernetFrame stamped(long seq, long sentAt) {
        ByteBuffer b = ByteBuffer.allocate(16).putLong(seq).putLong(sentAt);
        return EthernetFrame.untagged(MacAddress.BROADCAST, new MacAddress(0x02_00_00_00_00_01L),
                new RawEthernetPayload(TEST_ETHERTYPE, Bytes.of(b.array())));
    }

    static long seqOf(EthernetFrame frame) {
        return ByteBuffer.wrap(((RawEthernetPayload) frame.payload()).data().toArray()).getLong(0);
    }

    static long sentAtOf(EthernetFrame frame) {
        return ByteBuffer.wrap(((RawEthernetPayload) frame.payload()).data().toArray()).getLong(8);
    }
}
