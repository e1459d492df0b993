package io.firsthop.core.devtest;

import io.firsthop.core.Outputs;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.EthernetFrame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Outputs that remember everything: frames sent, timers armed now, trace events. */
public final class RecordingOutputs implements Outputs {
    public record Sent(int port, EthernetFrame frame) {}

    public final List<Sent> sent = new ArrayList<>();
    public final Map<Object, Long> timers = new LinkedHashMap<>();
    public final List<TraceEvent> events = new ArrayList<>();

    @Override
    public void send(int port, EthernetFrame frame) {
        sent.add(new Sent(port, frame));
    }

    @Override
    public void armTimer(Object key, long at) {
        timers.put(key, at);
    }

    @Override
    public void cancelTimer(Object key) {
        timers.remove(key);
    }

    @Override
    public void trace(TraceEvent event) {
        events.add(event);
    }
}
