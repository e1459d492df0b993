package io.firsthop.cluster;

import io.firsthop.core.link.LinkConfig;
import io.firsthop.core.link.LinkModel;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.EthernetFrame;
import io.firsthop.wire.codec.Frames;

import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * One direction of a link, run by the pure {@link LinkModel} (latency, jitter, loss, rate and
 * queue limit, cut epoch) with its own seeded random stream. Each end of a link owns the
 * direction it transmits in, on the actor of its device: so the two directions of one link
 * are two instances, each with its own {@code LinkModel} used in one direction only, and a
 * failure that changes the link (cut, restore, impair) is applied to both ends.
 *
 * <p>Drops are traced as the virtual engine traces them: a {@link TraceEvent.FrameDropped}
 * whose {@code device} is the link's name and whose {@code port} is the sending endpoint.
 * Frames carry the {@link #epoch()} they were sent under; the receiving end drops, as
 * {@code LINK_DOWN}, a frame sent before a cut it has seen since (see {@link DeviceActor}).
 *
 * <p>Not thread-safe: owned by the actor of the sending device.
 */
public final class ModelledLink implements LinkTransit {
    private final String linkName;
    private final String fromEndpoint;
    private final int direction;
    private final LinkModel model;
    private final RandomGenerator random;

    /**
     * @param linkName     the link's name (the {@code device} of its drop events)
     * @param fromEndpoint the sending end, "device:port" (the {@code port} of its drop events)
     * @param aToB         whether this is the link's A-to-B direction
     * @param config       the link's impairments
     * @param random       this direction's random stream ({@link RandomStreams#linkDirection})
     */
    public ModelledLink(String linkName, String fromEndpoint, boolean aToB, LinkConfig config, RandomGenerator random) {
        this.linkName = linkName;
        this.fromEndpoint = fromEndpoint;
        this.direction = aToB ? LinkModel.A_TO_B : LinkModel.B_TO_A;
        this.model = new LinkModel(config);
        this.random = random;
    }

    @Override
    public long arrival(EthernetFrame frame, long now, Consumer<TraceEvent> traces) {
        LinkConfig c = model.config();
        // Before the run's epoch the run clock is negative; the model's time starts at 0.
        long t = Math.max(0, now);
        int bytes = c.rateLimited() ? Frames.encodedLength(frame) : 0;
        long arrival = model.offer(direction, bytes, t, random);
        if (LinkModel.isDropped(arrival)) {
            DropReason reason = LinkModel.dropReason(arrival);
            traces.accept(new TraceEvent.FrameDropped(now, linkName, fromEndpoint, frame, reason, detail(reason)));
            return LOST;
        }
        return arrival + (now - t);
    }

    @Override
    public int epoch() {
        return model.epoch();
    }

    @Override
    public boolean up() {
        return model.up();
    }

    public String linkName() {
        return linkName;
    }

    public LinkConfig config() {
        return model.config();
    }

    /** Cuts the cable: later frames are dropped, frames on the wire are lost when they arrive. */
    public void cut() {
        model.cut();
    }

    /** Reconnects the cable. */
    public void restore() {
        model.restore();
    }

    /** New impairments for frames sent from now on ({@code up} false cuts, true restores). */
    public void reconfigure(LinkConfig config) {
        model.reconfigure(config);
    }

    static String detail(DropReason reason) {
        return switch (reason) {
            case LINK_DOWN -> "link down";
            case LINK_LOSS -> "lost on the wire";
            case QUEUE_FULL -> "transmit queue full";
            default -> reason.name();
        };
    }
}
