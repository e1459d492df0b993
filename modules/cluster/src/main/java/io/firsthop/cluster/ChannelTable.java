package io.firsthop.cluster;

import org.apache.pekko.actor.typed.ActorRef;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Which local device port receives the frames of each incoming cross-site channel (one
 * direction of one link). Written when links are attached, read by every downlink.
 */
final class ChannelTable {
    record Receiver(ActorRef<DeviceActor.Command> device, int port, String linkName) {}

    private final ConcurrentHashMap<Integer, Receiver> receivers = new ConcurrentHashMap<>();

    void register(int channel, Receiver receiver) {
        Receiver previous = receivers.putIfAbsent(channel, receiver);
        if (previous != null && !previous.equals(receiver)) {
            throw new IllegalStateException("channel " + channel + " already delivers to " + previous);
        }
    }

    Receiver receiver(int channel) {
        return receivers.get(channel);
    }
}
