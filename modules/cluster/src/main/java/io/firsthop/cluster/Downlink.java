package io.firsthop.cluster;

import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.EthernetFrame;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;

/**
 * Receives the frames of one remote {@link Uplink}: checks their numbering (reporting gaps
 * back as {@link Uplink.Lost}), acknowledges them so the sender's window reopens, and hands
 * each to the site's {@link PreciseDelivery} thread, which releases it to the receiving
 * device at the arrival instant the sender stamped on it. Frames that arrive while the two
 * sites are partitioned were on the WAN when it was cut: they are dropped as LINK_DOWN.
 */
public final class Downlink {
    /** Everything a downlink understands. */
    public sealed interface Command {}

    /** Frame number {@code seq} of its uplink, on {@code channel}, due at the receiver at run-clock {@code due}, sent under link epoch {@code epoch}. */
    public record Frame(long seq, int channel, long due, int epoch, EthernetFrame frame) implements Command, CrossSite {}

    /** The far end of {@code channel}'s link gives carrier ({@code up}) or not. */
    public record Carrier(int channel, boolean up) implements Command, CrossSite {}

    private enum IdleAck implements Command { INSTANCE }

    private Downlink() {
    }

    static Behavior<Command> create(SiteContext site, String fromSite, ChannelTable channels, CrossSiteCounters counters,
                                    Partitions partitions, ActorRef<Uplink.Command> uplink, int ackEvery, Duration idleAck) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            ReceiveWindow window = new ReceiveWindow(ackEvery);
            timers.startTimerWithFixedDelay(IdleAck.INSTANCE, idleAck);
            return Behaviors.receive(Command.class)
                    .onMessage(Frame.class, f -> {
                        long missingFrom = window.accept(f.seq());
                        if (missingFrom == ReceiveWindow.DUPLICATE) return Behaviors.same();
                        if (missingFrom != ReceiveWindow.IN_ORDER) uplink.tell(new Uplink.Lost(missingFrom, f.seq()));
                        ChannelTable.Receiver receiver = channels.receiver(f.channel());
                        if (receiver == null) {
                            counters.unknownChannel.increment();
                            site.traces().accept(site.site(), new TraceEvent.FrameDropped(site.clock().now(),
                                    "channel " + f.channel(), "?", f.frame(), DropReason.LINK_DOWN,
                                    "no receiver on site " + site.site() + " for this channel"));
                        } else if (partitions.partitioned(fromSite)) {
                            counters.received.increment();
                            counters.droppedOnArrival.increment();
                            site.traces().accept(site.site(), new TraceEvent.FrameDropped(site.clock().now(),
                                    receiver.linkName(), fromSite, f.frame(), DropReason.LINK_DOWN,
                                    "sites " + fromSite + " and " + site.site() + " were partitioned while the frame was in flight"));
                        } else {
                            counters.received.increment();
                            DeviceActor.FrameIn in = new DeviceActor.FrameIn(receiver.port(), f.frame(), f.due(), f.epoch());
                            long now = site.clock().now();
                            site.metrics().crossSiteArrived(now - f.due());
                            if (f.due() <= now) {
                                receiver.device().tell(in);
                            } else {
                                site.delivery().schedule(f.due(), receiver.device(), in);
                            }
                        }
                        if (window.ackDue()) uplink.tell(new Uplink.Ack(window.acknowledge()));
                        return Behaviors.same();
                    })
                    .onMessage(Carrier.class, c -> {
                        ChannelTable.Receiver receiver = channels.receiver(c.channel());
                        if (receiver != null) receiver.device().tell(new DeviceActor.PeerCarrier(receiver.port(), c.up()));
                        return Behaviors.same();
                    })
                    .onMessageEquals(IdleAck.INSTANCE, () -> {
                        if (window.unacknowledged()) uplink.tell(new Uplink.Ack(window.acknowledge()));
                        return Behaviors.same();
                    })
                    .build();
        }));
    }
}
