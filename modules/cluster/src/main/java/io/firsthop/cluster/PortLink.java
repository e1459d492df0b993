package io.firsthop.cluster;

import org.apache.pekko.actor.typed.ActorRef;

/** Where frames sent out of one device port go. */
public sealed interface PortLink {
    /** The direction's link model, run by the sender. */
    LinkTransit transit();

    /** The far end is a device of the same site: the local delivery thread releases frames to it. */
    record ToLocal(ActorRef<DeviceActor.Command> peer, int peerPort, LinkTransit transit) implements PortLink {}

    /** The far end is on another site: frames go through the site's uplink on {@code channel}. */
    record ToRemote(ActorRef<Uplink.Command> uplink, int channel, LinkTransit transit) implements PortLink {}
}
