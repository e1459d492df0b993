package io.firsthop.cluster;

import io.firsthop.core.Device;
import io.firsthop.core.DeviceInput;
import io.firsthop.core.Outputs;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.EthernetFrame;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

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
 * <p>Timers: each arming gets a fresh generation number; a firing whose generation is no
 * longer the key's current one (re-armed or cancelled since) is skipped, so a cancelled
 * timer never reaches the core.
 *
 * <p>How to drive one: spawn it with {@link #create}, {@link Bind} its ports, then
 * {@link Inject} {@link DeviceInput#POWER_ON} and whatever the scenario does to it.
 */
public final class DeviceActor extends AbstractBehavior<DeviceActor.Command> {
    /** Everything a device actor understands. */
    public sealed interface Command {}

    /** An input from outside the link layer: power on, crash, a command. May come from another site. */
    public record Inject(DeviceInput input) implements Command, CrossSite {}

    /** Connects {@code port} to a link (replacing any earlier binding). */
    public record Bind(int port, PortLink link) implements Command {}

    /** A frame the link releases at its arrival instant {@code due}. */
    public record FrameIn(int port, EthernetFrame frame, long due) implements Command {}

    /** A timer's deadline passed; acted on only if {@code generation} is still the key's current one. */
    record TimerDue(Object key, long generation, long due) implements Command {}

    private final Device device;
    private final SiteContext site;
    private final ActorRef<Command> self;
    private final Map<Integer, PortLink> links = new HashMap<>();
    private final Map<Object, Long> armed = new HashMap<>();
    private final ActorOutputs outputs = new ActorOutputs();
    private long nextGeneration = 1;

    private DeviceActor(ActorContext<Command> context, Device device, SiteContext site) {
        super(context);
        this.device = device;
        this.site = site;
        this.self = context.getSelf();
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
                .build();
    }

    private Behavior<Command> onFrame(FrameIn in) {
        long now = site.clock().now();
        site.metrics().frameArrived(now - in.due());
        device.handle(new DeviceInput.FrameArrived(in.port(), in.frame()), now, outputs);
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
        device.handle(new DeviceInput.TimerFired(due.key()), now, outputs);
        return this;
    }

    private Behavior<Command> onInject(Inject inject) {
        device.handle(inject.input(), site.clock().now(), outputs);
        return this;
    }

    private Behavior<Command> onBind(Bind bind) {
        links.put(bind.port(), bind.link());
        return this;
    }

    /** Applies a core's outputs; one instance per actor, used only on the actor's thread. */
    private final class ActorOutputs implements Outputs, Consumer<TraceEvent> {
        @Override
        public void send(int port, EthernetFrame frame) {
            PortLink link = links.get(port);
            long now = site.clock().now();
            if (link == null) {
                trace(new TraceEvent.FrameDropped(now, device.name(), device.portName(port), frame,
                        DropReason.LINK_DOWN, "no link on this port"));
                return;
            }
            long due = link.transit().arrival(frame, now, this);
            if (due == LinkTransit.LOST) return;
            switch (link) {
                case PortLink.ToLocal local ->
                        site.delivery().schedule(due, local.peer(), new FrameIn(local.peerPort(), frame, due));
                case PortLink.ToRemote remote -> remote.uplink().tell(new Uplink.Send(remote.channel(), due, frame));
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
