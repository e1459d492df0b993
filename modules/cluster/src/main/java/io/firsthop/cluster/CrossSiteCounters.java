package io.firsthop.cluster;

import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link CrossSiteStats}, for one remote site. Thread-safe. */
final class CrossSiteCounters {
    final LongAdder offered = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder queueFull = new LongAdder();
    final LongAdder linkDown = new LongAdder();
    final LongAdder lostInTransit = new LongAdder();
    final LongAdder wanDropped = new LongAdder();
    final LongAdder received = new LongAdder();
    final LongAdder unknownChannel = new LongAdder();
    final LongAdder droppedOnArrival = new LongAdder();

    CrossSiteStats snapshot() {
        return new CrossSiteStats(offered.sum(), sent.sum(), queueFull.sum(), linkDown.sum(), lostInTransit.sum(),
                wanDropped.sum(), received.sum(), unknownChannel.sum(), droppedOnArrival.sum());
    }
}
