package io.firsthop.core.devtest;

import io.firsthop.core.Device;
import io.firsthop.core.DeviceCommand;
import io.firsthop.core.DeviceInput;
import io.firsthop.core.trace.DropReason;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.EthernetFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Drives one device in virtual time: inputs at an explicit {@code now}, and its own timers
 * fired in time order when the clock is advanced. Frames the device sends are only recorded.
 */
public final class Bench {
    public static final long MS = 1_000_000L;
    public static final long S = 1_000_000_000L;

    public final Device device;
    public final RecordingOutputs out = new RecordingOutputs();
    private long now;

    public Bench(Device device) {
        this.device = device;
    }

    public long now() {
        return now;
    }

    public Bench powerOn() {
        return input(DeviceInput.POWER_ON);
    }

    public Bench input(DeviceInput input) {
        device.handle(input, now, out);
        return this;
    }

    public Bench frame(int port, EthernetFrame frame) {
        return input(new DeviceInput.FrameArrived(port, frame));
    }

    public Bench command(DeviceCommand command) {
        return input(new DeviceInput.Command(command));
    }

    /** Fires every timer due up to {@code t} (in time order), then sets the clock to {@code t}. */
    public Bench advanceTo(long t) {
        if (t < now) throw new IllegalArgumentException("time runs forward: " + t + " < " + now);
        while (true) {
            Object key = null;
            long at = Long.MAX_VALUE;
            for (Map.Entry<Object, Long> e : out.timers.entrySet()) {
                if (e.getValue() <= t && e.getValue() < at) {
                    key = e.getKey();
                    at = e.getValue();
                }
            }
            if (key == null) break;
            out.timers.remove(key);
            now = Math.max(now, at);
            device.handle(new DeviceInput.TimerFired(key), now, out);
        }
        now = t;
        return this;
    }

    public Bench advanceBy(long dt) {
        return advanceTo(now + dt);
    }

    /** The frames sent since the last call, and forgets them. */
    public List<RecordingOutputs.Sent> takeSent() {
        List<RecordingOutputs.Sent> list = new ArrayList<>(out.sent);
        out.sent.clear();
        return list;
    }

    /** The events of {@code type} recorded so far. */
    public <T extends TraceEvent> List<T> events(Class<T> type) {
        List<T> list = new ArrayList<>();
        for (TraceEvent e : out.events) if (type.isInstance(e)) list.add(type.cast(e));
        return list;
    }

    /** The drops recorded so far with {@code reason}. */
    public List<TraceEvent.FrameDropped> drops(DropReason reason) {
        List<TraceEvent.FrameDropped> list = new ArrayList<>();
        for (TraceEvent.FrameDropped d : events(TraceEvent.FrameDropped.class)) if (d.reason() == reason) list.add(d);
        return list;
    }

    public Bench clear() {
        out.sent.clear();
        out.events.clear();
        return this;
    }
}
