package io.firsthop.sim;

import io.firsthop.core.trace.TraceEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** A sink that keeps every event in memory, with small queries for tests and reports. */
public final class TraceRecorder implements TraceSink {
    private final boolean frameEvents;
    private final List<TraceEvent> events = new ArrayList<>();

    /** Records everything, per-frame events included. */
    public TraceRecorder() {
        this(true);
    }

    /** @param frameEvents whether to ask the engine for FrameSent / FrameReceived events */
    public TraceRecorder(boolean frameEvents) {
        this.frameEvents = frameEvents;
    }

    @Override
    public void accept(TraceEvent event) {
        events.add(event);
    }

    @Override
    public boolean wantsFrameEvents() {
        return frameEvents;
    }

    /** Everything recorded so far, in order (a read-only view). */
    public List<TraceEvent> events() {
        return Collections.unmodifiableList(events);
    }

    public int size() {
        return events.size();
    }

    public void clear() {
        events.clear();
    }

    /** The events of type {@code type}, in order. */
    public <T extends TraceEvent> List<T> ofType(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (TraceEvent e : events) {
            if (type.isInstance(e)) out.add(type.cast(e));
        }
        return out;
    }

    /** The events of type {@code type} seen by {@code device} (a device or link name), in order. */
    public <T extends TraceEvent> List<T> ofType(Class<T> type, String device) {
        List<T> out = new ArrayList<>();
        for (TraceEvent e : events) {
            if (type.isInstance(e) && e.device().equals(device)) out.add(type.cast(e));
        }
        return out;
    }

    /** Every event of {@code device}, in order. */
    public List<TraceEvent> forDevice(String device) {
        List<TraceEvent> out = new ArrayList<>();
        for (TraceEvent e : events) {
            if (e.device().equals(device)) out.add(e);
        }
        return out;
    }

    /** The first event of type {@code type} for {@code device}, if any. */
    public <T extends TraceEvent> Optional<T> first(Class<T> type, String device) {
        for (TraceEvent e : events) {
            if (type.isInstance(e) && e.device().equals(device)) return Optional.of(type.cast(e));
        }
        return Optional.empty();
    }

    public int count(Class<? extends TraceEvent> type, String device) {
        int n = 0;
        for (TraceEvent e : events) {
            if (type.isInstance(e) && e.device().equals(device)) n++;
        }
        return n;
    }
}
