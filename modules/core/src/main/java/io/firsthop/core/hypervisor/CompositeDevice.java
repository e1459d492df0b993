package io.firsthop.core.hypervisor;

import io.firsthop.core.Device;
import io.firsthop.core.DeviceInput;
import io.firsthop.core.Outputs;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.EthernetFrame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Several device cores in one box, joined by internal wires with zero latency, seen from
 * outside as one {@link Device} with the ports it exposes. A hypervisor (virtual switch, VMs,
 * distributed router) and a routed switch (a switch and its SVIs) are built this way.
 *
 * <p>Why one device and not several: a hypervisor is one machine. For the cluster engine that
 * means one actor: its VMs, virtual switch and router share its fate (its site, its crash) and
 * its internal traffic never becomes actor messages or crosses a JVM. It also makes the cost
 * measurable the way the notes mean it: frames between the cores never appear on a physical
 * link, so a hairpin shows up as frames on links and one that is routed inside shows none.
 *
 * <p>How to drive it: like any device. {@link DeviceInput.PowerOn} powers every core on (then
 * tells each core's unwired, unexposed ports that they have no carrier); frames and carrier or
 * admin changes on an exposed port go to the core port behind it; a crash or shutdown reaches
 * every core. A frame a core sends on an internal wire is delivered to the core at the other
 * end at the same instant, in the order sent (breadth-first within one input), before
 * {@code handle} returns. Timers of the cores are armed with {@link CoreTimer} keys and come
 * back to their core. {@link CompositeCommand}s reach one core, or crash or restart it.
 * Trace events of the cores carry the cores' own names; internal frames are not traced as
 * sent or received (they cross no link), drops inside the cores are.
 */
public final class CompositeDevice implements Device {
    /** Timer key of a core's timer; {@code generation} goes stale when the core crashes or restarts. */
    public record CoreTimer(int core, int generation, Object key) {}

    /** Internal deliveries per input beyond which the composite reports a forwarding loop. */
    private static final int LOOP_LIMIT = 1_000_000;

    private record Delivery(int core, int port, EthernetFrame frame) {}

    private final String name;
    private final Device[] cores;
    private final Map<String, Integer> coreIndex = new HashMap<>();
    private final List<String> portNames;
    private final int[] exposedCore;
    private final int[] exposedPort;
    /** Per core and port: the internal peer core and port (-1 none), or the exposed port (-1 none). */
    private final int[][] peerCore;
    private final int[][] peerPort;
    private final int[][] exposedAs;
    private final int[] generation;
    private final boolean[] exposedCarrier;
    private final boolean[] exposedAdmin;
    private final CoreOutputs[] outputs;
    private final ArrayDeque<Delivery> pending = new ArrayDeque<>();
    private boolean running;

    private CompositeDevice(Builder b) {
        this.name = b.name;
        this.cores = b.cores.toArray(new Device[0]);
        for (int c = 0; c < cores.length; c++) coreIndex.put(cores[c].name(), c);
        this.peerCore = new int[cores.length][];
        this.peerPort = new int[cores.length][];
        this.exposedAs = new int[cores.length][];
        for (int c = 0; c < cores.length; c++) {
            int n = cores[c].portNames().size();
            peerCore[c] = filled(n);
            peerPort[c] = filled(n);
            exposedAs[c] = filled(n);
        }
        for (int[] w : b.wires) {
            peerCore[w[0]][w[1]] = w[2];
            peerPort[w[0]][w[1]] = w[3];
            peerCore[w[2]][w[3]] = w[0];
            peerPort[w[2]][w[3]] = w[1];
        }
        int n = b.exposed.size();
        List<String> names = new ArrayList<>(n);
        this.exposedCore = new int[n];
        this.exposedPort = new int[n];
        for (int i = 0; i < n; i++) {
            Exposed e = b.exposed.get(i);
            names.add(e.name);
            exposedCore[i] = e.core;
            exposedPort[i] = e.port;
            exposedAs[e.core][e.port] = i;
        }
        this.portNames = List.copyOf(names);
        this.generation = new int[cores.length];
        this.exposedCarrier = new boolean[n];
        this.exposedAdmin = new boolean[n];
        Arrays.fill(exposedCarrier, true);
        Arrays.fill(exposedAdmin, true);
        this.outputs = new CoreOutputs[cores.length];
        for (int c = 0; c < cores.length; c++) outputs[c] = new CoreOutputs(c);
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, -1);
        return a;
    }

    /** Starts a composite named {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> portNames() {
        return portNames;
    }

    @Override
    public boolean running() {
        return running;
    }

    /** The inner devices, in the order they were added. */
    public List<Device> cores() {
        return List.of(cores);
    }

    /** The inner device named {@code coreName}. */
    public Device core(String coreName) {
        return cores[indexOf(coreName)];
    }

    @Override
    public void handle(DeviceInput input, long now, Outputs out) {
        switch (input) {
            case DeviceInput.FrameArrived f -> {
                checkPort(f.port());
                if (!running) {
                    out.trace(new TraceEvent.FrameDropped(now, name, portName(f.port()), f.frame(), DropReason.DEVICE_DOWN, name + " is down"));
                    return;
                }
                deliver(exposedCore[f.port()], new DeviceInput.FrameArrived(exposedPort[f.port()], f.frame()), now, out);
            }
            case DeviceInput.TimerFired t -> {
                if (running && t.key() instanceof CoreTimer ct && ct.core() >= 0 && ct.core() < cores.length
                        && ct.generation() == generation[ct.core()]) {
                    deliver(ct.core(), new DeviceInput.TimerFired(ct.key()), now, out);
                }
            }
            case DeviceInput.PowerOn p -> powerOn(now, out);
            case DeviceInput.CarrierChanged c -> {
                checkPort(c.port());
                exposedCarrier[c.port()] = c.up();
                if (running) deliver(exposedCore[c.port()], new DeviceInput.CarrierChanged(exposedPort[c.port()], c.up()), now, out);
            }
            case DeviceInput.AdminPortState a -> {
                checkPort(a.port());
                if (!running) {
                    out.trace(new TraceEvent.Note(now, name, "admin state of " + portName(a.port()) + " ignored: " + name + " is down"));
                    return;
                }
                exposedAdmin[a.port()] = a.up();
                deliver(exposedCore[a.port()], new DeviceInput.AdminPortState(exposedPort[a.port()], a.up()), now, out);
            }
            case DeviceInput.Crash c -> stop(DeviceInput.CRASH, "crash", now, out);
            case DeviceInput.Shutdown s -> stop(DeviceInput.SHUTDOWN, "shutdown", now, out);
            case DeviceInput.Command c -> command(c, now, out);
        }
    }

    private void powerOn(long now, Outputs out) {
        if (running) {
            out.trace(new TraceEvent.Note(now, name, "power on ignored: already running"));
            return;
        }
        running = true;
        // as every device does at power-on: all ports up, until the runtime says otherwise
        Arrays.fill(exposedAdmin, true);
        Arrays.fill(exposedCarrier, true);
        out.trace(new TraceEvent.DeviceEvent(now, name, "power on"));
        for (int c = 0; c < cores.length; c++) startCore(c, true, now, out);
        drain(now, out);
    }

    /**
     * Powers core {@code c} on and tells it the carrier of each port: exposed ports as last
     * heard from the runtime, internal wires up if the other core runs ({@code wiresUp}: the
     * whole box is powering on), unwired ports down.
     */
    private void startCore(int c, boolean wiresUp, long now, Outputs out) {
        generation[c]++;
        cores[c].handle(DeviceInput.POWER_ON, now, outputs[c].bind(out, now));
        for (int p = 0; p < peerCore[c].length; p++) {
            int e = exposedAs[c][p];
            int peer = peerCore[c][p];
            boolean carrier = e >= 0 ? exposedCarrier[e] : peer >= 0 && (wiresUp || cores[peer].running());
            // a core may remember a port state from before; telling an unchanged state is a no-op
            cores[c].handle(new DeviceInput.CarrierChanged(p, carrier), now, outputs[c]);
            if (e >= 0 && !exposedAdmin[e]) cores[c].handle(new DeviceInput.AdminPortState(p, false), now, outputs[c]);
        }
    }

    private void stop(DeviceInput how, String what, long now, Outputs out) {
        if (!running) return;
        for (int c = 0; c < cores.length; c++) {
            cores[c].handle(how, now, outputs[c].bind(out, now));
            generation[c]++;
        }
        // a shutdown's goodbyes still cross the internal wires; the cores are down, so they are
        // dropped there, as the engine drops frames reaching a stopped device
        drain(now, out);
        running = false;
        out.trace(new TraceEvent.DeviceEvent(now, name, what));
    }

    private void command(DeviceInput.Command c, long now, Outputs out) {
        if (!running) {
            out.trace(new TraceEvent.Note(now, name, "command " + c.command() + " ignored: " + name + " is down"));
            return;
        }
        if (!(c.command() instanceof CompositeCommand cc)) {
            out.trace(new TraceEvent.Note(now, name, "command " + c.command() + " not supported: aim it at a core with CompositeCommand.ToCore"));
            return;
        }
        Integer core = coreIndex.get(cc.core());
        if (core == null) {
            out.trace(new TraceEvent.Note(now, name, "command " + cc + " names no core of " + name + " (cores: " + coreIndex.keySet() + ")"));
            return;
        }
        int k = core;
        switch (cc) {
            case CompositeCommand.ToCore to -> deliver(k, new DeviceInput.Command(to.command()), now, out);
            case CompositeCommand.CrashCore crash -> {
                cores[k].handle(DeviceInput.CRASH, now, outputs[k].bind(out, now));
                generation[k]++;
                tellNeighbours(k, false, now, out);
                drain(now, out);
            }
            case CompositeCommand.RestartCore restart -> {
                if (cores[k].running()) {
                    cores[k].handle(DeviceInput.CRASH, now, outputs[k].bind(out, now));
                }
                startCore(k, false, now, out);
                tellNeighbours(k, true, now, out);
                drain(now, out);
            }
        }
    }

    /** Carrier of the internal wires of core {@code k} as seen by the cores at their other ends. */
    private void tellNeighbours(int k, boolean up, long now, Outputs out) {
        for (int p = 0; p < peerCore[k].length; p++) {
            int peer = peerCore[k][p];
            if (peer >= 0 && cores[peer].running()) {
                cores[peer].handle(new DeviceInput.CarrierChanged(peerPort[k][p], up), now, outputs[peer].bind(out, now));
            }
        }
    }

    /** Hands {@code input} to core {@code c}, then runs the internal deliveries it causes. */
    private void deliver(int c, DeviceInput input, long now, Outputs out) {
        cores[c].handle(input, now, outputs[c].bind(out, now));
        drain(now, out);
    }

    private void drain(long now, Outputs out) {
        int delivered = 0;
        Delivery d;
        while ((d = pending.poll()) != null) {
            if (++delivered > LOOP_LIMIT) {
                pending.clear();
                throw new IllegalStateException(name + ": more than " + LOOP_LIMIT + " internal frames for one input: a forwarding loop inside");
            }
            cores[d.core()].handle(new DeviceInput.FrameArrived(d.port(), d.frame()), now, outputs[d.core()].bind(out, now));
        }
    }

    private int indexOf(String coreName) {
        Integer i = coreIndex.get(coreName);
        if (i == null) throw new IllegalArgumentException(name + " has no core '" + coreName + "' (cores: " + coreIndex.keySet() + ")");
        return i;
    }

    private void checkPort(int port) {
        if (port < 0 || port >= portNames.size()) {
            throw new IllegalArgumentException(name + " has no port " + port + " (ports: " + portNames + ")");
        }
    }

    /** The {@link Outputs} of one core: internal wires, exposed ports, namespaced timers. */
    private final class CoreOutputs implements Outputs {
        private final int core;
        private Outputs out;
        private long now;

        CoreOutputs(int core) {
            this.core = core;
        }

        CoreOutputs bind(Outputs current, long currentNow) {
            this.out = current;
            this.now = currentNow;
            return this;
        }

        @Override
        public void send(int port, EthernetFrame frame) {
            if (port >= 0 && port < peerCore[core].length) {
                int peer = peerCore[core][port];
                if (peer >= 0) {
                    pending.add(new Delivery(peer, peerPort[core][port], frame));
                    return;
                }
                int exposed = exposedAs[core][port];
                if (exposed >= 0) {
                    out.send(exposed, frame);
                    return;
                }
            }
            Device d = cores[core];
            out.trace(new TraceEvent.FrameDropped(now, d.name(), d.portName(port), frame, DropReason.PORT_DOWN, "not wired inside " + name));
        }

        @Override
        public void armTimer(Object key, long at) {
            out.armTimer(new CoreTimer(core, generation[core], key), at);
        }

        @Override
        public void cancelTimer(Object key) {
            out.cancelTimer(new CoreTimer(core, generation[core], key));
        }

        @Override
        public void trace(TraceEvent event) {
            out.trace(event);
        }
    }

    private record Exposed(String name, int core, int port) {}

    /** Assembles a {@link CompositeDevice}: cores, internal wires between their ports, exposed ports. */
    public static final class Builder {
        private final String name;
        private final List<Device> cores = new ArrayList<>();
        private final List<int[]> wires = new ArrayList<>();
        private final List<Exposed> exposed = new ArrayList<>();
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, String> used = new HashMap<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Adds an inner device; names must be unique within the composite. */
        public Builder add(Device core) {
            if (index.putIfAbsent(core.name(), cores.size()) != null) {
                throw new IllegalArgumentException(name + ": duplicate core '" + core.name() + "'");
            }
            cores.add(core);
            return this;
        }

        /** Joins two core ports ({@code "core:port"}) with an internal zero-latency wire. */
        public Builder wire(String a, String b) {
            int[] pa = endpoint(a, "wire " + a + " - " + b);
            int[] pb = endpoint(b, "wire " + a + " - " + b);
            wires.add(new int[] {pa[0], pa[1], pb[0], pb[1]});
            return this;
        }

        /** Makes core port {@code corePort} ({@code "core:port"}) the composite's port {@code portName}. */
        public Builder expose(String portName, String corePort) {
            for (Exposed e : exposed) {
                if (e.name.equals(portName)) throw new IllegalArgumentException(name + ": duplicate port '" + portName + "'");
            }
            int[] p = endpoint(corePort, "port " + portName);
            exposed.add(new Exposed(portName, p[0], p[1]));
            return this;
        }

        public CompositeDevice build() {
            if (cores.isEmpty()) throw new IllegalArgumentException(name + ": a composite needs at least one core");
            return new CompositeDevice(this);
        }

        private int[] endpoint(String text, String use) {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || colon == text.length() - 1) throw new IllegalArgumentException(name + ": '" + text + "' is not core:port");
            Integer c = index.get(text.substring(0, colon));
            if (c == null) throw new IllegalArgumentException(name + ": " + use + " names unknown core '" + text.substring(0, colon) + "'");
            int port = cores.get(c).portIndex(text.substring(colon + 1));
            String previous = used.putIfAbsent(text, use);
            if (previous != null) throw new IllegalArgumentException(name + ": " + text + " is already used by " + previous);
            return new int[] {c, port};
        }
    }
}
