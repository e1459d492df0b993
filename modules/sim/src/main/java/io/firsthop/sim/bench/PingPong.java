package io.firsthop.sim.bench;

import io.firsthop.core.Device;
import io.firsthop.core.DeviceInput;
import io.firsthop.core.Outputs;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.MacAddress;
import io.firsthop.wire.RawEthernetPayload;
import java.util.List;

/**
 * The cheapest device the engine can drive: it sends every frame it receives straight back.
 * A pair of them bouncing one frame measures the bare event loop (queue, link model,
 * dispatch) with no device logic to speak of.
 */
final class PingPong implements Device {
    private static final List<String> PORTS = List.of("p0");
    /** IEEE 802 local experimental EtherType: a frame nobody interprets. */
    private static final EthernetFrame BALL = EthernetFrame.untagged(MacAddress.BROADCAST, new MacAddress(0x0200_0000_0001L),
            new RawEthernetPayload(0x88B5, Bytes.zeros(46)));

    private final String name;
    private final boolean serves;
    private boolean running;

    /** @param serves whether this end puts the ball in play at power-on */
    PingPong(String name, boolean serves) {
        this.name = name;
        this.serves = serves;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> portNames() {
        return PORTS;
    }

    @Override
    public void handle(DeviceInput input, long now, Outputs out) {
        switch (input) {
            case DeviceInput.FrameArrived f -> out.send(0, f.frame());
            case DeviceInput.PowerOn p -> {
                running = true;
                if (serves) out.send(0, BALL);
            }
            case DeviceInput.Crash c -> running = false;
            case DeviceInput.Shutdown s -> running = false;
            default -> { }
        }
    }

    @Override
    public boolean running() {
        return running;
    }
}
