package io.firsthop.sim;

import io.firsthop.core.Device;
import io.firsthop.core.DeviceCommand;
import io.firsthop.core.DeviceInput;
import io.firsthop.core.Outputs;
import io.firsthop.core.link.LinkConfig;
import io.firsthop.core.link.LinkModel;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.EthernetFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

/**
 * The virtual engine: a single-threaded discrete-event loop that drives pure device cores over
 * modelled links, in virtual nanoseconds starting at 0, reproducibly for a given seed.
 *
 * <h2>How to drive it</h2>
 * <pre>{@code
 * VirtualEngine sim = new VirtualEngine(42);            // the run seed
 * sim.addDevice(h1).addDevice(sw1).addDevice(r1);        // each powers on at t = 0
 * sim.connect("l1", "h1:eth0", "sw1:p1", LinkConfig.ofLatency(100_000));
 * sim.connect("l2", "sw1:p2", "r1:ge0", LinkConfig.IDEAL);
 * TraceRecorder trace = new TraceRecorder();             // or any TraceSink
 * sim.addTraceSink(trace);
 * sim.crash(3_000_000_000L, "r1");                       // failures at a virtual time...
 * sim.run(10_000_000_000L);                              // ...then run 10 s of virtual time
 * sim.restart("r1");                                     // between runs: takes effect now
 * sim.run(5_000_000_000L);                               // and continue
 * }</pre>
 *
 * <h2>What it guarantees</h2>
 * <ul>
 *   <li>Events run in (time, scheduling order): ties at one instant run in the order they were
 *       scheduled, so the same topology, seed and calls give the same trace, event for event.</li>
 *   <li>Each link draws from its own random stream, derived from the run seed and the link's
 *       name only ({@link SeedStreams}): adding an unrelated link perturbs nothing else.</li>
 *   <li>Every frame the engine does not deliver is traced as a {@link TraceEvent.FrameDropped}
 *       with a reason: {@code PORT_DOWN} (no link on the port, or the port administratively
 *       down), {@code LINK_DOWN} / {@code LINK_LOSS} / {@code QUEUE_FULL} (the link's name is the
 *       event's device, the transmitting "dev:port" its port), {@code DEVICE_DOWN} (the receiver
 *       is not {@link Device#running()}).</li>
 *   <li>{@link TraceEvent.FrameSent} / {@link TraceEvent.FrameReceived} are created only when a
 *       sink {@link TraceSink#wantsFrameEvents() asks} for them.</li>
 * </ul>
 *
 * <h2>Timers</h2>
 * Keyed per device ({@link Outputs#armTimer}): arming an armed key moves it, a deadline in the
 * past fires at the current instant, a timer fires at most once per arming, and a crash,
 * shutdown or restart drops all the device's timers. Among events due at the same instant a
 * timer takes its place from the moment it was (last) armed.
 *
 * <h2>Carrier</h2>
 * A device powers on believing every port has carrier; right after its {@code PowerOn} (at the
 * same instant) the engine corrects that with {@code CarrierChanged(port, false)} for ports
 * without one (unconnected, cable cut, peer powered off or administratively down). From then
 * on each device hears of every carrier change on its ports, except on ports it was told are
 * administratively down. A port has carrier when its link is up and both ends are powered and
 * administratively up. Administrative state survives a restart: the engine repeats
 * {@code AdminPortState(port, false)} after {@code PowerOn} for ports left down.
 *
 * <h2>Failures</h2>
 * Every failure method comes in two forms: with a time first ({@code crash(at, "r1")}), it
 * takes effect at that virtual time; without, it takes effect at the current instant, after
 * the events already due then (so calling it between runs acts when the next run starts).
 * Names are checked at the call. Each failure is traced first ({@link TraceEvent.DeviceEvent}
 * with {@code what} = {@code "power-on"}, {@code "crash"}, {@code "crash (carrier kept)"},
 * {@code "shutdown"}, {@code "restart"}, {@code "interface-down <port>"},
 * {@code "interface-up <port>"}, {@code "command <command>"}; {@link TraceEvent.LinkEvent}
 * with {@code "cut"}, {@code "restore"}, {@code "impair <config>"}), then applied.
 *
 * <p>Not thread-safe: one thread builds, runs and injects. Sinks and {@link #at} actions run
 * inside the loop and must not call {@link #run}/{@link #runUntil}.
 */
public final class VirtualEngine {
    /** Pass as {@code powerOnAt} to leave a device off until {@link #restart}. */
    public static final long NOT_POWERED = Long.MAX_VALUE;

    private static final int EV_DELIVER = 0;
    private static final int EV_TIMER = 1;
    private static final int EV_POWER_ON = 2;
    private static final int EV_CARRIER_CHECK = 3;
    private static final int EV_CARRIER_OFF = 4;
    private static final int EV_ACTION = 5;
    private static final int EV_LINK_REFRESH = 6;

    private static final TraceSink[] NO_SINKS = new TraceSink[0];

    private final long seed;
    private final EventQueue queue = new EventQueue(1024);
    private long now;
    private boolean inRun;
    private long eventsProcessed;
    private ToIntFunction<EthernetFrame> frameLength = FrameLengths::estimate;

    private Node[] nodes = new Node[8];
    private int nodeCount;
    private final Map<String, Node> nodesByName = new HashMap<>();
    private Wire[] wires = new Wire[8];
    private int wireCount;
    private final Map<String, Wire> wiresByName = new HashMap<>();

    private TraceSink[] sinks = NO_SINKS;
    private TraceSink[] frameSinks = NO_SINKS;

    /** An empty topology at virtual time 0; {@code seed} drives every random choice of the run. */
    public VirtualEngine(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** The current virtual time in nanoseconds. */
    public long now() {
        return now;
    }

    /** Events run so far, stale timer entries skipped included (each still cost a pop). */
    public long eventsProcessed() {
        return eventsProcessed;
    }

    /** Events scheduled and not yet run. */
    public int pendingEvents() {
        return queue.size();
    }

    /**
     * How long a frame is on the wire, in bytes, for links with a rate. Defaults to
     * {@link FrameLengths#estimate}; plug in the wire codec's exact length here.
     */
    public VirtualEngine setFrameLength(ToIntFunction<EthernetFrame> frameLength) {
        this.frameLength = Objects.requireNonNull(frameLength, "frameLength");
        return this;
    }

    // ---------------------------------------------------------------- topology

    /** Adds a device that powers on at time 0 (or now, if the run has gone past 0). */
    public VirtualEngine addDevice(Device device) {
        return addDevice(device, now);
    }

    /** Adds a device that powers on at {@code powerOnAt}, or never by itself with {@link #NOT_POWERED}. */
    public VirtualEngine addDevice(Device device, long powerOnAt) {
        Objects.requireNonNull(device, "device");
        String name = device.name();
        if (name == null || name.isEmpty() || name.indexOf(':') >= 0) {
            throw new IllegalArgumentException("device name must be non-empty and without ':', was '" + name + "'");
        }
        if (nodesByName.containsKey(name)) {
            throw new IllegalArgumentException("duplicate device name '" + name + "'");
        }
        if (wiresByName.containsKey(name)) {
            throw new IllegalArgumentException("device name '" + name + "' is already a link's name");
        }
        if (powerOnAt < now) {
            throw new IllegalArgumentException("device '" + name + "' cannot power on at " + powerOnAt + " ns, before now (" + now + " ns)");
        }
        Node node = new Node(nodeCount, device);
        if (nodeCount == nodes.length) nodes = Arrays.copyOf(nodes, nodeCount * 2);
        nodes[nodeCount++] = node;
        nodesByName.put(name, node);
        if (powerOnAt != NOT_POWERED) {
            queue.push(powerOnAt, EV_POWER_ON, node.index, 0, null, 0);
        }
        return this;
    }

    /**
     * Connects two endpoints ({@code "device:port"}) with a link named {@code linkName}. The
     * first endpoint is the link's side A ({@link LinkModel#A_TO_B} is A to B). Each port
     * takes at most one link.
     *
     * @throws IllegalArgumentException naming the endpoint at fault
     */
    public VirtualEngine connect(String linkName, String endpointA, String endpointB, LinkConfig config) {
        Objects.requireNonNull(linkName, "linkName");
        Objects.requireNonNull(config, "config");
        if (linkName.isEmpty()) {
            throw new IllegalArgumentException("link name must not be empty");
        }
        if (wiresByName.containsKey(linkName)) {
            throw new IllegalArgumentException("duplicate link name '" + linkName + "'");
        }
        if (nodesByName.containsKey(linkName)) {
            throw new IllegalArgumentException("link name '" + linkName + "' is already a device's name");
        }
        Endpoint a = parseEndpoint(linkName, endpointA);
        Endpoint b = parseEndpoint(linkName, endpointB);
        if (a.equals(b)) {
            throw new IllegalArgumentException("link '" + linkName + "' connects endpoint '" + a + "' to itself");
        }
        Node nodeA = endpointNode(linkName, a);
        Node nodeB = endpointNode(linkName, b);
        int portA = unconnectedPortOf(linkName, nodeA, a);
        int portB = unconnectedPortOf(linkName, nodeB, b);

        Wire wire = new Wire(wireCount, linkName, new LinkModel(config), SeedStreams.stream(seed, linkName));
        wire.attach(LinkModel.A_TO_B, nodeA, portA, a.toString());
        wire.attach(LinkModel.B_TO_A, nodeB, portB, b.toString());
        if (wireCount == wires.length) wires = Arrays.copyOf(wires, wireCount * 2);
        wires[wireCount++] = wire;
        wiresByName.put(linkName, wire);
        // ends already running were told "no carrier" on this port; correct them in-loop
        queue.push(now, EV_LINK_REFRESH, wire.index, 0, null, 0);
        return this;
    }

    /** Adds a trace sink; it sees events from now on. */
    public VirtualEngine addTraceSink(TraceSink sink) {
        Objects.requireNonNull(sink, "sink");
        sinks = append(sinks, sink);
        if (sink.wantsFrameEvents()) {
            frameSinks = append(frameSinks, sink);
        }
        return this;
    }

    /** The device named {@code name}. */
    public Device device(String name) {
        return node(name).device;
    }

    /** A link of the topology: its name and its two ends, side A first. */
    public record LinkEnds(String name, Endpoint a, Endpoint b) {}

    /** The devices, in the order they were added (read-only; for validators and captures). */
    public List<Device> devices() {
        List<Device> list = new ArrayList<>(nodeCount);
        for (int i = 0; i < nodeCount; i++) list.add(nodes[i].device);
        return List.copyOf(list);
    }

    /** The links, in the order they were connected. */
    public List<LinkEnds> links() {
        List<LinkEnds> list = new ArrayList<>(wireCount);
        for (int i = 0; i < wireCount; i++) {
            Wire w = wires[i];
            list.add(new LinkEnds(w.name, new Endpoint(w.ends[0].name, w.ends[0].portNames[w.ports[0]]),
                    new Endpoint(w.ends[1].name, w.ends[1].portNames[w.ports[1]])));
        }
        return List.copyOf(list);
    }

    /** The current impairments of link {@code name} ({@code up()} false while cut). */
    public LinkConfig linkConfig(String name) {
        return wire(name).model.config();
    }

    /** Whether {@code "device:port"} has carrier now (its link up, both ends powered and administratively up). */
    public boolean hasCarrier(String endpoint) {
        Endpoint e = Endpoint.parse(endpoint);
        Node n = node(e.device());
        return carrier(n, portOf(n, e, ""));
    }

    // ---------------------------------------------------------------- running

    /** Runs {@code durationNanos} of virtual time from now; see {@link #runUntil}. */
    public void run(long durationNanos) {
        if (durationNanos < 0) {
            throw new IllegalArgumentException("run duration must be >= 0 ns, was " + durationNanos);
        }
        runUntil(Math.addExact(now, durationNanos));
    }

    /**
     * Runs every event due at or before {@code until}, then sets the clock to {@code until}.
     * May be called again to continue from there.
     */
    public void runUntil(long until) {
        if (until < now) {
            throw new IllegalArgumentException("cannot run until " + until + " ns: the clock is already at " + now + " ns");
        }
        if (inRun) {
            throw new IllegalStateException("runUntil called from inside the run (an at() action or a trace sink)");
        }
        inRun = true;
        try {
            EventQueue q = queue;
            while (q.nonEmpty() && q.peekTime() <= until) {
                long time = q.peekTime();
                int slot = q.pop();
                int kind = q.kind[slot];
                int a = q.a[slot];
                int b = q.b[slot];
                Object obj = q.obj[slot];
                long aux = q.aux[slot];
                q.release(slot);
                now = time;
                eventsProcessed++;
                switch (kind) {
                    case EV_DELIVER -> deliver(wires[a], b, (EthernetFrame) obj, aux);
                    case EV_TIMER -> fire(nodes[a], (Timer) obj, aux);
                    case EV_POWER_ON -> {
                        emit(new TraceEvent.DeviceEvent(now, nodes[a].name, "power-on"));
                        powerOn(nodes[a]);
                    }
                    case EV_CARRIER_CHECK -> carrierCheck(nodes[a], aux);
                    case EV_CARRIER_OFF -> {
                        if (nodes[a].powerGeneration == aux) carrierOff(nodes[a]);
                    }
                    case EV_ACTION -> ((Runnable) obj).run();
                    case EV_LINK_REFRESH -> refreshLink(wires[a]);
                    default -> throw new IllegalStateException("unknown event kind " + kind);
                }
            }
            now = until;
        } finally {
            inRun = false;
        }
    }

    /** Runs {@code action} at virtual time {@code time} (not before now), after the events already scheduled then. */
    public void at(long time, Runnable action) {
        Objects.requireNonNull(action, "action");
        if (time < now) {
            throw new IllegalArgumentException("cannot schedule at " + time + " ns: the clock is already at " + now + " ns");
        }
        queue.push(time, EV_ACTION, 0, 0, action, 0);
    }

    // ---------------------------------------------------------------- failure injection

    /** Crashes {@code device} now, its ports losing carrier (a power failure). */
    public void crash(String device) {
        crash(now, device, true);
    }

    /** Crashes {@code device} at {@code at}, its ports losing carrier (a power failure). */
    public void crash(long at, String device) {
        crash(at, device, true);
    }

    public void crash(String device, boolean loseCarrier) {
        crash(now, device, loseCarrier);
    }

    /**
     * Crashes {@code device} at {@code at}: a silent {@code Crash} input and all its timers
     * dropped. With {@code loseCarrier} its ports go dark and neighbours see carrier down (a
     * power failure); without, its ports keep carrier (a hung control plane) and neighbours
     * only notice through protocols.
     */
    public void crash(long at, String device, boolean loseCarrier) {
        Node n = node(device);
        at(at, () -> crashNow(n, loseCarrier));
    }

    public void shutdown(String device) {
        shutdown(now, device);
    }

    /**
     * Shuts {@code device} down gracefully at {@code at}: a {@code Shutdown} input (protocols
     * say goodbye), all timers dropped, then its ports lose carrier once the frames it sent
     * while shutting down have reached the far ends of their links, so the goodbyes are not
     * overtaken by the carrier loss.
     */
    public void shutdown(long at, String device) {
        Node n = node(device);
        at(at, () -> shutdownNow(n));
    }

    public void restart(String device) {
        restart(now, device);
    }

    /** Powers {@code device} on again at {@code at} with fresh state (a reboot if it was running); its ports regain carrier. */
    public void restart(long at, String device) {
        Node n = node(device);
        at(at, () -> {
            emit(new TraceEvent.DeviceEvent(now, n.name, "restart"));
            powerOn(n);
        });
    }

    public void interfaceDown(String device, String port) {
        interfaceDown(now, device, port);
    }

    /** Administratively shuts a port: {@code AdminPortState(port, false)} to the device, carrier loss to its peer. */
    public void interfaceDown(long at, String device, String port) {
        Node n = node(device);
        int p = portOf(n, new Endpoint(device, port), "interface-down: ");
        at(at, () -> adminPort(n, p, false));
    }

    public void interfaceUp(String device, String port) {
        interfaceUp(now, device, port);
    }

    /** Administratively enables a port: {@code AdminPortState(port, true)} to the device, carrier back to its peer. */
    public void interfaceUp(long at, String device, String port) {
        Node n = node(device);
        int p = portOf(n, new Endpoint(device, port), "interface-up: ");
        at(at, () -> adminPort(n, p, true));
    }

    public void cutLink(String link) {
        cutLink(now, link);
    }

    /** Cuts a cable at {@code at}: both ends lose carrier, frames on it are lost ({@code LINK_DOWN}) when they were due. */
    public void cutLink(long at, String link) {
        Wire w = wire(link);
        at(at, () -> {
            emit(new TraceEvent.LinkEvent(now, w.name, "cut"));
            w.model.cut();
            refreshLink(w);
        });
    }

    public void restoreLink(String link) {
        restoreLink(now, link);
    }

    /** Reconnects a cut cable at {@code at}: both ends regain carrier. */
    public void restoreLink(long at, String link) {
        Wire w = wire(link);
        at(at, () -> {
            emit(new TraceEvent.LinkEvent(now, w.name, "restore"));
            w.model.restore();
            refreshLink(w);
        });
    }

    public void impair(String link, LinkConfig config) {
        impair(now, link, config);
    }

    /**
     * Changes a link's impairments at {@code at}, for frames sent from then on. A config with
     * {@code up} false cuts the link, and one with {@code up} true restores it.
     */
    public void impair(long at, String link, LinkConfig config) {
        Objects.requireNonNull(config, "config");
        Wire w = wire(link);
        at(at, () -> {
            emit(new TraceEvent.LinkEvent(now, w.name, "impair " + config));
            boolean wasUp = w.model.up();
            w.model.reconfigure(config);
            if (wasUp != config.up()) refreshLink(w);
        });
    }

    public void command(String device, DeviceCommand command) {
        command(now, device, command);
    }

    /** Delivers a device-specific command at {@code at}; the device decides what it means. */
    public void command(long at, String device, DeviceCommand command) {
        Objects.requireNonNull(command, "command");
        Node n = node(device);
        DeviceInput.Command input = new DeviceInput.Command(command);
        at(at, () -> {
            emit(new TraceEvent.DeviceEvent(now, n.name, "command " + command));
            handle(n, input);
        });
    }

    // ---------------------------------------------------------------- the loop's work

    private void deliver(Wire w, int direction, EthernetFrame frame, long epoch) {
        if (epoch != w.model.epoch()) {
            emit(new TraceEvent.FrameDropped(now, w.name, w.endpointText[direction], frame, DropReason.LINK_DOWN,
                    "link cut while the frame was in flight"));
            return;
        }
        int to = 1 - direction;
        Node n = w.ends[to];
        int port = w.ports[to];
        if (!n.device.running()) {
            emit(new TraceEvent.FrameDropped(now, n.name, n.portNames[port], frame, DropReason.DEVICE_DOWN, "device not running"));
            return;
        }
        if (!n.adminUp[port]) {
            emit(new TraceEvent.FrameDropped(now, n.name, n.portNames[port], frame, DropReason.PORT_DOWN, "port administratively down"));
            return;
        }
        if (frameSinks.length != 0) {
            emitFrameEvent(new TraceEvent.FrameReceived(now, n.name, n.portNames[port], frame));
        }
        handle(n, new DeviceInput.FrameArrived(port, frame));
    }

    private void fire(Node n, Timer t, long entrySeq) {
        if (entrySeq != t.queuedSeq) {
            return; // superseded by an earlier deadline queued since: a stale entry left in the heap
        }
        t.queued = false;
        if (!t.armed) {
            return; // cancelled, or dropped by a crash
        }
        if (t.seq != entrySeq) {
            // re-armed to a later deadline while this entry waited: queue it now, in the place it took when armed
            queueTimer(n, t);
            return;
        }
        t.armed = false;
        handle(n, t.fired);
        if (!t.armed) {
            // one-shot: forget it so unique keys do not pile up; periodic timers re-armed above keep their entry
            n.timers.remove(t.key, t);
        }
    }

    private void queueTimer(Node n, Timer t) {
        t.queued = true;
        t.queuedAt = t.deadline;
        t.queuedSeq = t.seq;
        queue.pushWithSeq(t.deadline, t.seq, EV_TIMER, n.index, 0, t, t.seq);
    }

    private void powerOn(Node n) {
        dropTimers(n);
        n.powered = true;
        long generation = ++n.powerGeneration;
        Arrays.fill(n.told, true);
        handle(n, DeviceInput.POWER_ON);
        for (int p = 0; p < n.portNames.length; p++) {
            if (!n.adminUp[p]) {
                n.told[p] = false;
                handle(n, new DeviceInput.AdminPortState(p, false));
            }
        }
        // after every other device powering on at this instant, so simultaneous boots see each other's carrier
        queue.push(now, EV_CARRIER_CHECK, n.index, 0, null, generation);
    }

    private void carrierCheck(Node n, long generation) {
        if (generation != n.powerGeneration) return;
        for (int p = 0; p < n.portNames.length; p++) {
            refresh(n, p);
            refreshPeer(n, p);
        }
    }

    private void crashNow(Node n, boolean loseCarrier) {
        emit(new TraceEvent.DeviceEvent(now, n.name, loseCarrier ? "crash" : "crash (carrier kept)"));
        handle(n, DeviceInput.CRASH);
        dropTimers(n);
        n.powerGeneration++;
        if (loseCarrier) carrierOff(n);
    }

    private void shutdownNow(Node n) {
        emit(new TraceEvent.DeviceEvent(now, n.name, "shutdown"));
        n.shutdownHorizon = now;
        n.recordingShutdown = true;
        try {
            handle(n, DeviceInput.SHUTDOWN);
        } finally {
            n.recordingShutdown = false;
        }
        dropTimers(n);
        long generation = ++n.powerGeneration;
        if (n.shutdownHorizon <= now) {
            carrierOff(n);
        } else {
            queue.push(n.shutdownHorizon, EV_CARRIER_OFF, n.index, 0, null, generation);
        }
    }

    private void carrierOff(Node n) {
        if (!n.powered) return;
        n.powered = false;
        for (int p = 0; p < n.portNames.length; p++) {
            refreshPeer(n, p);
        }
    }

    private void adminPort(Node n, int port, boolean up) {
        emit(new TraceEvent.DeviceEvent(now, n.name, (up ? "interface-up " : "interface-down ") + n.portNames[port]));
        n.adminUp[port] = up;
        // the device knows its own port's state from AdminPortState; it assumes carrier follows
        n.told[port] = up;
        if (n.device.running()) {
            handle(n, new DeviceInput.AdminPortState(port, up));
        }
        refresh(n, port);
        refreshPeer(n, port);
    }

    private void refreshLink(Wire w) {
        refresh(w.ends[0], w.ports[0]);
        refresh(w.ends[1], w.ports[1]);
    }

    private void refreshPeer(Node n, int port) {
        Wire w = n.wireOf[port];
        if (w != null) {
            int peerEnd = 1 - n.directionOf[port];
            refresh(w.ends[peerEnd], w.ports[peerEnd]);
        }
    }

    /** Tells the device about its port's carrier if that differs from what it was last told. */
    private void refresh(Node n, int port) {
        if (!n.adminUp[port] || !n.device.running()) return;
        boolean carrier = carrier(n, port);
        if (carrier != n.told[port]) {
            n.told[port] = carrier;
            handle(n, new DeviceInput.CarrierChanged(port, carrier));
        }
    }

    private boolean carrier(Node n, int port) {
        Wire w = n.wireOf[port];
        if (w == null || !w.model.up() || !n.powered || !n.adminUp[port]) return false;
        int peerEnd = 1 - n.directionOf[port];
        return w.ends[peerEnd].powered && w.ends[peerEnd].adminUp[w.ports[peerEnd]];
    }

    private void dropTimers(Node n) {
        if (n.timers.isEmpty()) return;
        for (Timer t : n.timers.values()) {
            t.armed = false;
        }
        n.timers.clear();
    }

    private void handle(Node n, DeviceInput input) {
        try {
            n.device.handle(input, now, n);
        } catch (RuntimeException e) {
            throw new IllegalStateException("device '" + n.name + "' failed handling " + input + " at " + now + " ns", e);
        }
    }

    private void emit(TraceEvent event) {
        TraceSink[] s = sinks;
        for (int i = 0; i < s.length; i++) {
            s[i].accept(event);
        }
    }

    private void emitFrameEvent(TraceEvent event) {
        TraceSink[] s = frameSinks;
        for (int i = 0; i < s.length; i++) {
            s[i].accept(event);
        }
    }

    // ---------------------------------------------------------------- lookups

    private Node node(String name) {
        Node n = nodesByName.get(Objects.requireNonNull(name, "device"));
        if (n == null) {
            throw new IllegalArgumentException("unknown device '" + name + "' (devices: " + nodesByName.keySet().stream().sorted().toList() + ")");
        }
        return n;
    }

    private Wire wire(String name) {
        Wire w = wiresByName.get(Objects.requireNonNull(name, "link"));
        if (w == null) {
            throw new IllegalArgumentException("unknown link '" + name + "' (links: " + wiresByName.keySet().stream().sorted().toList() + ")");
        }
        return w;
    }

    private static Endpoint parseEndpoint(String linkName, String text) {
        try {
            return Endpoint.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("link '" + linkName + "': " + e.getMessage(), e);
        }
    }

    private Node endpointNode(String linkName, Endpoint e) {
        Node n = nodesByName.get(e.device());
        if (n == null) {
            throw new IllegalArgumentException("link '" + linkName + "': endpoint '" + e + "' names unknown device '" + e.device() + "'");
        }
        return n;
    }

    /** The index of {@code e}'s port on {@code n}; {@code context} prefixes the error ("link 'l1': "). */
    private static int portOf(Node n, Endpoint e, String context) {
        for (int p = 0; p < n.portNames.length; p++) {
            if (n.portNames[p].equals(e.port())) return p;
        }
        throw new IllegalArgumentException(context + "endpoint '" + e + "': device '" + n.name + "' has no port '"
                + e.port() + "' (ports: " + List.of(n.portNames) + ")");
    }

    private static int unconnectedPortOf(String linkName, Node n, Endpoint e) {
        int p = portOf(n, e, "link '" + linkName + "': ");
        if (n.wireOf[p] != null) {
            throw new IllegalArgumentException("link '" + linkName + "': endpoint '" + e + "' is already connected by link '"
                    + n.wireOf[p].name + "'");
        }
        return p;
    }

    private static TraceSink[] append(TraceSink[] array, TraceSink sink) {
        TraceSink[] grown = Arrays.copyOf(array, array.length + 1);
        grown[array.length] = sink;
        return grown;
    }

    // ---------------------------------------------------------------- state

    /**
     * A timer of one device. Re-arming is cheap: a move to a later deadline leaves the heap
     * entry where it is, and when that entry comes due the timer is queued again at its real
     * deadline, under the sequence number taken when it was armed, so the order of events is
     * exactly as if every arming had been queued at once. A move to an earlier deadline queues a
     * new entry and the old one, no longer {@link #queuedSeq}, is skipped when it pops.
     */
    private static final class Timer {
        final Object key;
        final DeviceInput.TimerFired fired;
        boolean armed;
        /** The deadline and sequence number of the latest arming. */
        long deadline;
        long seq;
        /** The live heap entry, if any: its time and sequence number. */
        boolean queued;
        long queuedAt;
        long queuedSeq = -1;

        Timer(Object key) {
            this.key = key;
            this.fired = new DeviceInput.TimerFired(key);
        }
    }

    /** A cable between two endpoints; end 0 is side A, and direction d carries frames from end d to end 1 - d. */
    private static final class Wire {
        final int index;
        final String name;
        final LinkModel model;
        final SplittableRandom rng;
        final Node[] ends = new Node[2];
        final int[] ports = new int[2];
        final String[] endpointText = new String[2];

        Wire(int index, String name, LinkModel model, SplittableRandom rng) {
            this.index = index;
            this.name = name;
            this.model = model;
            this.rng = rng;
        }

        void attach(int end, Node node, int port, String text) {
            ends[end] = node;
            ports[end] = port;
            endpointText[end] = text;
            node.wireOf[port] = this;
            node.directionOf[port] = end;
        }
    }

    /** A device in the topology, and the {@link Outputs} it writes to. */
    private final class Node implements Outputs {
        final int index;
        final Device device;
        final String name;
        final String[] portNames;
        final Wire[] wireOf;
        /** For a connected port: this device's end of the link, which is also the direction it transmits in. */
        final int[] directionOf;
        final boolean[] adminUp;
        /** The carrier state the device was last told (or assumes) per port. */
        final boolean[] told;
        final HashMap<Object, Timer> timers = new HashMap<>();
        /** Whether its ports give carrier: false before power-on, after a power-failure crash and after shutdown. */
        boolean powered;
        /** Moves on at every power-on, crash and shutdown, so carrier events scheduled before go stale. */
        long powerGeneration;
        boolean recordingShutdown;
        long shutdownHorizon;

        Node(int index, Device device) {
            this.index = index;
            this.device = device;
            this.name = device.name();
            this.portNames = device.portNames().toArray(new String[0]);
            this.wireOf = new Wire[portNames.length];
            this.directionOf = new int[portNames.length];
            this.adminUp = new boolean[portNames.length];
            Arrays.fill(adminUp, true);
            this.told = new boolean[portNames.length];
        }

        @Override
        public void send(int port, EthernetFrame frame) {
            if (port < 0 || port >= wireOf.length) {
                emit(new TraceEvent.FrameDropped(now, name, device.portName(port), frame, DropReason.PORT_DOWN, "no such port"));
                return;
            }
            Wire w = wireOf[port];
            if (w == null) {
                emit(new TraceEvent.FrameDropped(now, name, portNames[port], frame, DropReason.PORT_DOWN, "no link"));
                return;
            }
            if (!adminUp[port]) {
                emit(new TraceEvent.FrameDropped(now, name, portNames[port], frame, DropReason.PORT_DOWN, "port administratively down"));
                return;
            }
            if (frameSinks.length != 0) {
                emitFrameEvent(new TraceEvent.FrameSent(now, name, portNames[port], frame));
            }
            int direction = directionOf[port];
            LinkModel model = w.model;
            int bytes = model.config().rateLimited() ? frameLength.applyAsInt(frame) : 0;
            long arrival = model.offer(direction, bytes, now, w.rng);
            if (arrival < 0) {
                DropReason reason = LinkModel.dropReason(arrival);
                emit(new TraceEvent.FrameDropped(now, w.name, w.endpointText[direction], frame, reason, linkDropDetail(reason)));
                return;
            }
            queue.push(arrival, EV_DELIVER, w.index, direction, frame, model.epoch());
            if (recordingShutdown && arrival > shutdownHorizon) {
                shutdownHorizon = arrival;
            }
        }

        @Override
        public void armTimer(Object key, long at) {
            Objects.requireNonNull(key, "timer key");
            Timer t = timers.get(key);
            if (t == null) {
                t = new Timer(key);
                timers.put(key, t);
            }
            t.armed = true;
            // a deadline already past fires at once, after the current event
            t.deadline = Math.max(at, now);
            t.seq = queue.reserveSeq();
            if (!t.queued || t.queuedAt >= t.deadline) {
                queueTimer(this, t);
            }
        }

        @Override
        public void cancelTimer(Object key) {
            Timer t = timers.remove(key);
            if (t != null) {
                t.armed = false;
            }
        }

        @Override
        public void trace(TraceEvent event) {
            emit(event);
        }
    }

    private static String linkDropDetail(DropReason reason) {
        return switch (reason) {
            case LINK_DOWN -> "link down";
            case LINK_LOSS -> "lost on the wire";
            case QUEUE_FULL -> "transmit queue full";
            default -> reason.name();
        };
    }
}
