package io.firsthop.sim;

import io.firsthop.core.Device;
import io.firsthop.core.DeviceInput;
import io.firsthop.core.Outputs;
import io.firsthop.core.link.LinkConfig;
import java.util.List;

/**
 * A wall-clock throughput check of the bare event loop with trivial devices: {@code pairs}
 * ping-pong pairs, each bouncing one frame over a 1 us link forever. Not a unit test; run
 * {@code java -cp <test-classes:classes:core:wire> io.firsthop.sim.EngineBenchmark [pairs] [rounds] [timers]}.
 * With {@code timers} = true, every arrival also re-arms a keyed timer 1 ms ahead (as a VRRP
 * backup re-arms Master_Down on each advert), so the heap also carries stale timer entries.
 */
public final class EngineBenchmark {
    /** Echoes every frame back; optionally re-arms a watchdog timer per frame. */
    static final class PingPong implements Device {
        private static final List<String> PORTS = List.of("p0");
        private static final Object WATCHDOG = "watchdog";
        private final String name;
        private final boolean starts;
        private final boolean timers;
        private boolean running;

        PingPong(String name, boolean starts, boolean timers) {
            this.name = name;
            this.starts = starts;
            this.timers = timers;
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
            if (input instanceof DeviceInput.FrameArrived f) {
                out.send(0, f.frame());
                if (timers) out.armTimer(WATCHDOG, now + 1_000_000);
            } else if (input instanceof DeviceInput.PowerOn) {
                running = true;
                if (starts) out.send(0, FakeDevice.frame(0));
            }
        }

        @Override
        public boolean running() {
            return running;
        }
    }

    public static void main(String[] args) {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        boolean timers = args.length > 2 && Boolean.parseBoolean(args[2]);
        VirtualEngine sim = new VirtualEngine(1);
        for (int i = 0; i < pairs; i++) {
            sim.addDevice(new PingPong("a" + i, true, timers)).addDevice(new PingPong("b" + i, false, timers));
            sim.connect("l" + i, "a" + i + ":p0", "b" + i + ":p0", LinkConfig.ofLatency(1_000));
        }
        // a sink that skips frame events, as a benchmark run would have
        sim.addTraceSink(event -> { });
        // each pair delivers one frame per microsecond, so 0.5 s of virtual time is pairs * 500 000 events
        long slice = 500_000_000L;
        for (int r = 0; r < rounds; r++) {
            long events0 = sim.eventsProcessed();
            long t0 = System.nanoTime();
            sim.run(slice);
            long wall = System.nanoTime() - t0;
            long events = sim.eventsProcessed() - events0;
            System.out.printf("round %d: %,d events in %.1f ms = %.2f M events/s%n",
                    r, events, wall / 1e6, events * 1e3 / wall);
        }
        System.out.printf("pairs=%d timers=%s virtual time=%.1f s, pending=%d%n", pairs, timers, sim.now() / 1e9, sim.pendingEvents());
    }
}
