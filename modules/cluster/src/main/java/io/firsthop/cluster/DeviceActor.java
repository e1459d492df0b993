package io.firsthop.cluster;

import io.firsthop.core.Device;
import io.firsthop.core.DeviceInput;
import io.firsthop.core.Outputs;
import io.firsthop.core.link.LinkConfig;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.EthernetFrame;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A Pekko actor hosting one device core. It holds no protocol logic: every message becomes
 * one {@link Device#handle} call at the run clock's current time, and the outputs are
 * applied: frames go to the port's {@link PortLink} (the sender runs the link's model and
 * stamps the arrival instant), timers are armed on the site's {@link PreciseDelivery}
 * thread (not Pekko's 10 ms scheduler), trace events go to the site's {@link TraceSink}.
 *
 * <p>How to drive one: spawn it with {@link #create}, {@link Bind} its ports, then
 * {@link Inject} {@link DeviceInput#POWER_ON} and whatever the scenario does to it.
 *
 * <h2>What it guarantees (the virtual engine's rules, on a wall clock)</h2>
 * <ul>
 *   <li>Timers: each arming gets a fresh generation number; a firing whose generation is no
 *       longer the key's current one (re-armed or cancelled since) is skipped, so a cancelled
 *       timer never reaches the core. A crash, shutdown or power-on drops every timer.</li>
 *   <li>Every frame not delivered is traced with a reason: {@code PORT_DOWN} (no link on the
 *       port, port administratively down, on either end), the link model's {@code LINK_DOWN},
 *       {@code LINK_LOSS}, {@code QUEUE_FULL} (the link's name as device), {@code LINK_DOWN}
 *       for a frame sent before a cut this end has seen since (its epoch is older), and
 *       {@code DEVICE_DOWN} when the receiving core is not running.</li>
 *   <li>Lifecycle inputs injected ({@code PowerOn}, {@code Crash}, {@code Shutdown},
 *       {@code AdminPortState}, and {@link Restart}, {@link CrashDevice}) are traced as
 *       {@link TraceEvent.DeviceEvent}s with the virtual engine's words ("power-on", "crash",
 *       "crash (carrier kept)", "shutdown", "restart", "interface-down p", "interface-up p").</li>
 *   <li>Carrier: a port has carrier when it has a link that is up, this device is powered and
 *       the port administratively up, and the far end says it gives carrier (it is powered
 *       and its port up; {@link PeerCarrier}). A device powers on believing every port has
 *       carrier and is corrected at once with {@code CarrierChanged(port, false)} for ports
 *       without; from then on it hears every change, except on ports it was told are
 *       administratively down. A shutdown keeps carrier until the goodbyes it sent have
 *       reached the far ends, so they are not overtaken by the carrier loss. Across sites an
 *       end says where it stands when it powers on and when the far end comes back, so that
 *       the ends of a site restarted after its JVM died (a new incarnation) and the ends that
 *       lost it agree again.</li>
 *   <li>With zero delay (the arrival instant already reached) a frame to a device of the same
 *       site is told directly, skipping the delivery thread; otherwise the delivery thread
 *       releases it at its arrival instant.</li>
 * </ul>
 */
public final class DeviceActor extends AbstractBehavior<DeviceActor.Command> {
    /** Everything a device actor understands. */
    public sealed interface Command {}

    /** An input from outside the link layer: power on, crash, a command. May come from another site. */
    public record Inject(DeviceInput input) implements Command, CrossSite {}

    /** Connects {@code port} to a link (replacing any earlier binding). */
    public record Bind(int port, PortLink link) implements Command {}

    /**
     * A frame the link releases at its arrival instant {@code due} ({@link #IMMEDIATE} when it
     * was told at once, with no delay to honour); sent under the link's {@code epoch}.
     */
    public record FrameIn(int port, EthernetFrame frame, long due, int epoch) implements Command {
        /** The {@code due} of a frame told directly, without the delivery thread: no lateness to record. */
        public static final long IMMEDIATE = Long.MIN_VALUE;

        public FrameIn(int port, EthernetFrame frame, long due) {
            this(port, frame, due, 0);
        }
    }

    /** Power-cycles the device: fresh state, ports regain carrier (a reboot if it was running). */
    public record Restart() implements Command {}

    /** A silent crash; with {@code loseCarrier} its ports go dark (a power failure), else they keep carrier (a hung control plane). */
    public record CrashDevice(boolean loseCarrier) implements Command {}

    /** A change to the link on {@code port}, applied to this end's direction of it. */
    public record LinkChange(int port, LinkOp op) implements Command {}

    /** What a {@link LinkChange} does. */
    public sealed interface LinkOp {
        record Cut() implements LinkOp {}

        record Restore() implements LinkOp {}

        /** New impairments; {@code up} false cuts, {@code up} true restores. */
        record Impair(LinkConfig config) implements LinkOp {}
    }

    /** The far end of the link on {@code port} now gives carrier ({@code up}) or not. */
    public record PeerCarrier(int port, boolean up) implements Command {}

    /** A timer's deadline passed; acted on only if {@code generation} is still the key's current one. */
    record TimerDue(Object key, long generation, long due) implements Command {}

    /** The end of a shutdown: ports lose carrier, unless the device powered on again since. */
    private record CarrierOff(long powerGeneration) implements Command {}

    private final Device device;
    private final String name;
    private final String[] portNames;
    private final SiteContext site;
    private final ActorRef<Command> self;
    private final boolean frameEvents;
    private final PortLink[] links;
    private final boolean[] adminUp;
    /** The carrier state the core was last told (or assumes) per port. */
    private final boolean[] told;
    /** Whether the far end gives carrier, as it last said. */
    private final boolean[] peerGives;
    /** Whether this end gives carrier, as the far end was last told. */
    private final boolean[] given;
    private final Map<Object, Long> armed = new HashMap<>();
    private final ActorOutputs outputs = new ActorOutputs();
    private long nextGeneration = 1;
    /** Whether its ports give carrier: false before power-on, after a power-failure crash and after shutdown. */
    private boolean powered;
    private long powerGeneration;
    private boolean recordingShutdown;
    private long shutdownHorizon;
    /** The time of the input the core is handling: what its outputs happen at. */
    private long handlingNow;

    private DeviceActor(ActorContext<Command> context, Device device, SiteContext site) {
        super(context);
        this.device = device;
        this.name = device.name();
        this.portNames = device.portNames().toArray(new String[0]);
        this.site = site;
        this.self = context.getSelf();
        this.frameEvents = site.traces().wantsFrameEvents();
        int ports = portNames.length;
        this.links = new PortLink[ports];
        this.adminUp = new boolean[ports];
        this.told = new boolean[ports];
        this.peerGives = new boolean[ports];
        this.given = new boolean[ports];
        Arrays.fill(adminUp, true);
        Arrays.fill(told, true);
        // Devices of a run power on together: each end assumes the other gives carrier until told otherwise.
        Arrays.fill(peerGives, true);
        Arrays.fill(given, true);
    }

    public static Behavior<Command> create(Device device, SiteContext site) {
        return Behaviors.setup(ctx -> new DeviceActor(ctx, device, site));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(FrameIn.class, this::onFrame)
                .onMessage(TimerDue.class, this::onTimer)
                .onMessage(Inject.class, this::onInject)
                .onMessage(Bind.class, this::onBind)
                .onMessage(Restart.class, r -> {
                    powerOn("restart");
                    return this;
                })
                .onMessage(CrashDevice.class, c -> {
                    crash(c.loseCarrier());
                    return this;
                })
                .onMessage(LinkChange.class, this::onLinkChange)
                .onMessage(PeerCarrier.class, this::onPeerCarrier)
                .onMessage(CarrierOff.class, off -> {
                    if (off.powerGeneration() == powerGeneration) carrierOff();
                    return this;
                })
                .build();
    }

    private Behavior<Command> onFrame(FrameIn in) {
        long now = site.clock().now();
        // the lateness of scheduled frames is the delivery's precision; a direct tell has none to measure
        if (in.due() != FrameIn.IMMEDIATE) site.metrics().frameArrived(now - in.due());
        int port = in.port();
        PortLink link = port >= 0 && port < links.length ? links[port] : null;
        if (link != null && in.epoch() < link.transit().epoch()) {
            String linkName = link.transit() instanceof ModelledLink m ? m.linkName() : name + ":" + portNames[port];
            outputs.trace(new TraceEvent.FrameDropped(now, linkName, name + ":" + portNames[port], in.frame(),
                    DropReason.LINK_DOWN, "link cut while the frame was in flight"));
            return this;
        }
        if (!device.running()) {
            outputs.trace(new TraceEvent.FrameDropped(now, name, device.portName(port), in.frame(), DropReason.DEVICE_DOWN,
                    "device not running"));
            return this;
        }
        if (port < 0 || port >= adminUp.length || !adminUp[port]) {
            outputs.trace(new TraceEvent.FrameDropped(now, name, device.portName(port), in.frame(), DropReason.PORT_DOWN,
                    "port administratively down"));
            return this;
        }
        if (frameEvents) outputs.trace(new TraceEvent.FrameReceived(now, name, portNames[port], in.frame()));
        handle(new DeviceInput.FrameArrived(port, in.frame()), now);
        return this;
    }

    private Behavior<Command> onTimer(TimerDue due) {
        Long current = armed.get(due.key());
        if (current == null || current != due.generation()) {
            site.metrics().staleTimerSkipped();
            return this;
        }
        armed.remove(due.key());
        long now = site.clock().now();
        site.metrics().timerFired(now - due.due());
        handle(new DeviceInput.TimerFired(due.key()), now);
        return this;
    }

    private Behavior<Command> onInject(Inject inject) {
        switch (inject.input()) {
            case DeviceInput.PowerOn p -> powerOn("power-on");
            case DeviceInput.Crash c -> crash(true);
            case DeviceInput.Shutdown s -> shutdown();
            case DeviceInput.AdminPortState a -> adminPort(a.port(), a.up());
            default -> handle(inject.input(), site.clock().now());
        }
        return this;
    }

    private Behavior<Command> onBind(Bind bind) {
        int port = bind.port();
        if (port < 0 || port >= links.length) {
            throw new IllegalArgumentException(name + " has no port " + port + " (ports: " + Arrays.toString(portNames) + ")");
        }
        links[port] = bind.link();
        refresh(port);
        return this;
    }

    private Behavior<Command> onLinkChange(LinkChange change) {
        int port = change.port();
        PortLink link = port >= 0 && port < links.length ? links[port] : null;
        if (link != null && link.transit() instanceof ModelledLink m) {
            switch (change.op()) {
                case LinkOp.Cut c -> m.cut();
                case LinkOp.Restore r -> m.restore();
                case LinkOp.Impair(LinkConfig config) -> m.reconfigure(config);
            }
            refresh(port);
        }
        return this;
    }

    private Behavior<Command> onPeerCarrier(PeerCarrier peer) {
        int port = peer.port();
        if (port >= 0 && port < peerGives.length) {
            boolean back = peer.up() && !peerGives[port];
            peerGives[port] = peer.up();
            refresh(port);
            // A far end in another site that comes back (its device powered on, or its site
            // restarted after its JVM died) assumes this end gives carrier: tell it the truth.
            if (back && links[port] instanceof PortLink.ToRemote) announce(port);
        }
        return this;
    }

    // ---------------------------------------------------------------- lifecycle

    private void powerOn(String why) {
        long now = site.clock().now();
        outputs.trace(new TraceEvent.DeviceEvent(now, name, why));
        armed.clear();
        powered = true;
        powerGeneration++;
        Arrays.fill(told, true);
        // The far ends hear of the carrier before the core runs: the frames it sends at power-on
        // (an address owner's first advert, gratuitous ARPs) leave through the delivery thread,
        // and must not reach a neighbour that still sees this port dark (a preempted actor thread
        // could otherwise tell it only after a short link's latency has passed).
        for (int p = 0; p < portNames.length; p++) {
            // A far end in another site may have been told this end was gone (its site left the
            // cluster) or may be a new incarnation of its site: say where this end stands.
            if (links[p] instanceof PortLink.ToRemote) announce(p);
            else tellPeer(p);
        }
        handle(DeviceInput.POWER_ON, now);
        for (int p = 0; p < portNames.length; p++) {
            if (!adminUp[p]) {
                told[p] = false;
                handle(new DeviceInput.AdminPortState(p, false), now);
            }
        }
        for (int p = 0; p < portNames.length; p++) refresh(p);
    }

    private void crash(boolean loseCarrier) {
        long now = site.clock().now();
        outputs.trace(new TraceEvent.DeviceEvent(now, name, loseCarrier ? "crash" : "crash (carrier kept)"));
        handle(DeviceInput.CRASH, now);
        armed.clear();
        powerGeneration++;
        if (loseCarrier) carrierOff();
    }

    private void shutdown() {
        long now = site.clock().now();
        outputs.trace(new TraceEvent.DeviceEvent(now, name, "shutdown"));
        shutdownHorizon = now;
        recordingShutdown = true;
        try {
            handle(DeviceInput.SHUTDOWN, now);
        } finally {
            recordingShutdown = false;
        }
        armed.clear();
        long generation = ++powerGeneration;
        if (shutdownHorizon <= now) {
            carrierOff();
        } else {
            site.delivery().schedule(shutdownHorizon, self, new CarrierOff(generation));
        }
    }

    private void carrierOff() {
        if (!powered) return;
        powered = false;
        for (int p = 0; p < portNames.length; p++) tellPeer(p);
    }

    private void adminPort(int port, boolean up) {
        if (port < 0 || port >= adminUp.length) {
            throw new IllegalArgumentException(name + " has no port " + port + " (ports: " + Arrays.toString(portNames) + ")");
        }
        long now = site.clock().now();
        outputs.trace(new TraceEvent.DeviceEvent(now, name, (up ? "interface-up " : "interface-down ") + portNames[port]));
        adminUp[port] = up;
        // the core knows its own port's state from AdminPortState; it assumes carrier follows
        told[port] = up;
        if (device.running()) handle(new DeviceInput.AdminPortState(port, up), now);
        refresh(port);
        tellPeer(port);
    }

    /** Tells the core about its port's carrier if that differs from what it was last told. */
    private void refresh(int port) {
        if (!adminUp[port] || !device.running()) return;
        boolean carrier = carrier(port);
        if (carrier != told[port]) {
            told[port] = carrier;
            handle(new DeviceInput.CarrierChanged(port, carrier), site.clock().now());
        }
    }

    private boolean carrier(int port) {
        PortLink link = links[port];
        return link != null && link.transit().up() && powered && adminUp[port] && peerGives[port];
    }

    /** Tells the far end whether this end gives carrier, if that changed. */
    private void tellPeer(int port) {
        if ((powered && adminUp[port]) == given[port]) return;
        announce(port);
    }

    /** Tells the far end whether this end gives carrier, changed or not. */
    private void announce(int port) {
        boolean gives = powered && adminUp[port];
        given[port] = gives;
        switch (links[port]) {
            case null -> { }
            case PortLink.ToLocal local -> local.peer().tell(new PeerCarrier(local.peerPort(), gives));
            case PortLink.ToRemote remote -> remote.uplink().tell(new Uplink.Carrier(remote.channel(), gives));
        }
    }

    private void handle(DeviceInput input, long now) {
        handlingNow = now;
        device.handle(input, now, outputs);
    }

    /** Applies a core's outputs; one instance per actor, used only on the actor's thread. */
    private final class ActorOutputs implements Outputs, Consumer<TraceEvent> {
        @Override
        public void send(int port, EthernetFrame frame) {
            long now = handlingNow;
            if (port < 0 || port >= links.length) {
                trace(new TraceEvent.FrameDropped(now, name, device.portName(port), frame, DropReason.PORT_DOWN, "no such port"));
                return;
            }
            PortLink link = links[port];
            if (link == null) {
                trace(new TraceEvent.FrameDropped(now, name, portNames[port], frame, DropReason.PORT_DOWN, "no link"));
                return;
            }
            if (!adminUp[port]) {
                trace(new TraceEvent.FrameDropped(now, name, portNames[port], frame, DropReason.PORT_DOWN,
                        "port administratively down"));
                return;
            }
            if (frameEvents) trace(new TraceEvent.FrameSent(now, name, portNames[port], frame));
            LinkTransit transit = link.transit();
            long due = transit.arrival(frame, now, this);
            if (due == LinkTransit.LOST) return;
            if (recordingShutdown && due > shutdownHorizon) shutdownHorizon = due;
            switch (link) {
                case PortLink.ToLocal local -> {
                    if (due <= now) {
                        local.peer().tell(new FrameIn(local.peerPort(), frame, FrameIn.IMMEDIATE, transit.epoch()));
                    } else {
                        site.delivery().schedule(due, local.peer(), new FrameIn(local.peerPort(), frame, due, transit.epoch()));
                    }
                }
                case PortLink.ToRemote remote ->
                        remote.uplink().tell(new Uplink.Send(remote.channel(), due, transit.epoch(), frame));
            }
        }

        @Override
        public void armTimer(Object key, long at) {
            long generation = nextGeneration++;
            armed.put(key, generation);
            site.delivery().schedule(at, self, new TimerDue(key, generation, at));
        }

        @Override
        public void cancelTimer(Object key) {
            armed.remove(key);
        }

        @Override
        public void trace(TraceEvent event) {
            site.traces().accept(site.site(), event);
        }

        @Override
        public void accept(TraceEvent event) {
            trace(event);
        }
    }
}
