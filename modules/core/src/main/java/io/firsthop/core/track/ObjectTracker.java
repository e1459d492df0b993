package io.firsthop.core.track;

import io.firsthop.core.Outputs;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tracked objects of one router and the groups that follow them: a pure core, no I/O of
 * its own and no clock.
 *
 * <p>How to drive it: {@link #add} the objects and {@link #bind} groups (by index) to them
 * while the router is off; call {@link #start} at every power-on (every object starts up) and
 * {@link #stop} at a crash or shutdown; report interface changes with {@link #lineChanged},
 * offer every echo reply addressed to the router to {@link #echoReply}, and hand it every timer
 * whose key is a {@link ProbeTimer} or {@link ProbeDeadline} ({@link #timerFired} says whether
 * a key was its own); {@link #override} applies an operator's {@link SetTrackedObject}. The tracker sends probes through its {@link Host}, traces each object's
 * change as a {@link TraceEvent.StateChanged} of group "track &lt;name&gt;" (from "up" to
 * "down" or back), and tells the host whenever a group's {@link Verdict} changes.
 *
 * <p>Probes of object {@code i} carry ICMP identifier {@code PROBE_IDENTIFIER_BASE + i} and a
 * sequence number counting up from 0 (mod 2^16); a reply counts only if it comes from the
 * target with the sequence of the probe in flight, before its timeout.
 */
public final class ObjectTracker {
    /** Timer key: the next probe of reachability object {@code object} is due. */
    public record ProbeTimer(int object) {}

    /** Timer key: the probe in flight of object {@code object} times out. */
    public record ProbeDeadline(int object) {}

    /** ICMP identifiers of the probes: 0x7400 ('t') plus the object's index. */
    public static final int PROBE_IDENTIFIER_BASE = 0x7400;
    /** ping's 56 data bytes. */
    private static final Bytes PROBE_DATA = Bytes.zeros(56);
    private static final int NONE = -1;

    /**
     * The combined effect of a group's down objects.
     *
     * @param decrement the sum of the decrements of its down objects (0 when none)
     * @param fault     whether a down object puts it out of service ({@link TrackEffect.Fault})
     * @param down      the names of its down objects, in the order they were bound
     */
    public record Verdict(int decrement, boolean fault, List<String> down) {
        public static final Verdict NONE = new Verdict(0, false, List.of());

        public Verdict {
            down = List.copyOf(down);
        }
    }

    /** What the tracker needs from the router that hosts it. */
    public interface Host {
        /** Sends {@code request} from the router to {@code target}, as the router sends its own packets. */
        void sendProbe(Ipv4Address target, IcmpEcho request, long now, Outputs out);

        /** Group {@code group}'s verdict changed (the group index given to {@link #bind}). */
        void verdictChanged(int group, Verdict verdict, long now, Outputs out);

        /** Whether the router's interface {@code interfaceName} is up now (for an override's release). */
        default boolean lineUp(String interfaceName) {
            return true;
        }
    }

    private record Binding(int group, int object, TrackEffect effect) {}

    private final String device;
    private final Host host;
    private final List<TrackedObject> objects = new ArrayList<>();
    private final Map<String, Integer> byName = new HashMap<>();
    private final List<Binding> bindings = new ArrayList<>();
    private final Map<Integer, Verdict> verdicts = new HashMap<>();

    // per object; reachability fields unused for interface objects
    private boolean[] up = new boolean[0];
    /** Forced down by {@link #override} until released; kept across restarts, as the failed check it stands for. */
    private boolean[] held = new boolean[0];
    private int[] nextSequence = new int[0];
    private int[] inFlight = new int[0];
    private long[] deadline = new long[0];
    private int[] misses = new int[0];
    private int[] answers = new int[0];
    private ProbeTimer[] probeTimers = new ProbeTimer[0];
    private ProbeDeadline[] deadlineTimers = new ProbeDeadline[0];
    private boolean running;

    /** @param device the router's name, for trace events */
    public ObjectTracker(String device, Host host) {
        this.device = Objects.requireNonNull(device, "device");
        this.host = Objects.requireNonNull(host, "host");
    }

    /** Adds an object; returns its index. Names are unique. */
    public int add(TrackedObject object) {
        Objects.requireNonNull(object, "object");
        if (running) throw new IllegalStateException(device + ": add tracked objects before PowerOn");
        if (byName.containsKey(object.name())) {
            throw new IllegalArgumentException(device + ": duplicate tracked object '" + object.name() + "'");
        }
        int index = objects.size();
        objects.add(object);
        byName.put(object.name(), index);
        int n = index + 1;
        up = Arrays.copyOf(up, n);
        held = Arrays.copyOf(held, n);
        nextSequence = Arrays.copyOf(nextSequence, n);
        inFlight = Arrays.copyOf(inFlight, n);
        deadline = Arrays.copyOf(deadline, n);
        misses = Arrays.copyOf(misses, n);
        answers = Arrays.copyOf(answers, n);
        probeTimers = Arrays.copyOf(probeTimers, n);
        deadlineTimers = Arrays.copyOf(deadlineTimers, n);
        probeTimers[index] = new ProbeTimer(index);
        deadlineTimers[index] = new ProbeDeadline(index);
        return index;
    }

    /** Makes group {@code group} follow object {@code objectName} with {@code effect}; once per (group, object). */
    public void bind(int group, String objectName, TrackEffect effect) {
        Objects.requireNonNull(effect, "effect");
        if (running) throw new IllegalStateException(device + ": bind tracked objects before PowerOn");
        Integer object = byName.get(objectName);
        if (object == null) {
            throw new IllegalArgumentException(device + ": no tracked object '" + objectName + "' (objects: " + byName.keySet().stream().sorted().toList() + ")");
        }
        for (Binding b : bindings) {
            if (b.group() == group && b.object() == object) {
                throw new IllegalArgumentException(device + ": group " + group + " already tracks '" + objectName + "'");
            }
        }
        bindings.add(new Binding(group, object, effect));
    }

    public List<TrackedObject> objects() {
        return List.copyOf(objects);
    }

    /** Whether object {@code name} is up now. */
    public boolean isUp(String name) {
        Integer i = byName.get(name);
        if (i == null) throw new IllegalArgumentException(device + ": no tracked object '" + name + "'");
        return up[i];
    }

    /** Group {@code group}'s current verdict. */
    public Verdict verdict(int group) {
        return verdicts.getOrDefault(group, Verdict.NONE);
    }

    /** Power-on: every object up, counters cleared, the first probes due now. */
    public void start(long now, Outputs out) {
        running = true;
        verdicts.clear();
        for (int i = 0; i < objects.size(); i++) {
            up[i] = true;
            inFlight[i] = NONE;
            misses[i] = 0;
            answers[i] = 0;
            if (objects.get(i) instanceof TrackedObject.Reachability) out.armTimer(probeTimers[i], now);
        }
        for (int i = 0; i < objects.size(); i++) {
            if (held[i]) change(i, false, "held down by an override", now, out);
        }
    }

    /**
     * An operator's override of object {@code name} ({@link SetTrackedObject}): {@code isUp}
     * false forces it down and holds it there (interface changes and probe answers no longer
     * bring it up) until an override with {@code isUp} true releases it; the object is then up
     * (an interface object: as {@link Host#lineUp} says), and probes and interface changes move
     * it again. Works while the router is off too: the hold applies from the next power-on.
     *
     * @return false if the router has no object {@code name}
     */
    public boolean override(String name, boolean isUp, long now, Outputs out) {
        Integer i = byName.get(name);
        if (i == null) return false;
        held[i] = !isUp;
        if (!running) return true;
        boolean target = isUp && (!(objects.get(i) instanceof TrackedObject.InterfaceLine line) || host.lineUp(line.interfaceName()));
        if (isUp) {
            misses[i] = 0;
            answers[i] = 0;
        }
        if (up[i] != target) change(i, target, isUp ? "override released" : "forced down by an override", now, out);
        return true;
    }

    /** Crash or shutdown: stops probing; the states are forgotten until the next {@link #start}. */
    public void stop(Outputs out) {
        if (!running) return;
        running = false;
        for (int i = 0; i < objects.size(); i++) {
            if (!(objects.get(i) instanceof TrackedObject.Reachability)) continue;
            out.cancelTimer(probeTimers[i]);
            if (inFlight[i] != NONE) out.cancelTimer(deadlineTimers[i]);
            inFlight[i] = NONE;
        }
    }

    /** Interface {@code interfaceName} of the router went up or down (admin or carrier). */
    public void lineChanged(String interfaceName, boolean isUp, long now, Outputs out) {
        if (!running) return;
        for (int i = 0; i < objects.size(); i++) {
            if (objects.get(i) instanceof TrackedObject.InterfaceLine line && line.interfaceName().equals(interfaceName)
                    && up[i] != isUp && !held[i]) {
                change(i, isUp, "interface " + interfaceName + (isUp ? " up" : " down"), now, out);
            }
        }
    }

    /** Handles {@code key} if it is one of the tracker's timers; returns whether it was. */
    public boolean timerFired(Object key, long now, Outputs out) {
        if (key instanceof ProbeTimer(int object)) {
            if (running && object >= 0 && object < objects.size()) sendProbe(object, now, out);
            return true;
        }
        if (key instanceof ProbeDeadline(int object)) {
            if (running && object >= 0 && object < objects.size() && inFlight[object] != NONE) {
                inFlight[object] = NONE;
                outcome(object, false, now, out);
            }
            return true;
        }
        return false;
    }

    /** Offers an echo reply the router received for itself; returns whether it answered a probe. */
    public boolean echoReply(Ipv4Address source, IcmpEcho reply, long now, Outputs out) {
        int object = reply.identifier() - PROBE_IDENTIFIER_BASE;
        if (!running || object < 0 || object >= objects.size()
                || !(objects.get(object) instanceof TrackedObject.Reachability r)) {
            return false;
        }
        if (!r.target().equals(source) || inFlight[object] != reply.sequence() || now > deadline[object]) {
            // a late or stray answer to one of our probes: ours, and worth nothing
            return true;
        }
        inFlight[object] = NONE;
        out.cancelTimer(deadlineTimers[object]);
        outcome(object, true, now, out);
        return true;
    }

    private void sendProbe(int object, long now, Outputs out) {
        TrackedObject.Reachability r = (TrackedObject.Reachability) objects.get(object);
        if (inFlight[object] != NONE) {
            // the previous probe's deadline is this very instant and has not fired yet
            inFlight[object] = NONE;
            out.cancelTimer(deadlineTimers[object]);
            outcome(object, false, now, out);
        }
        int sequence = nextSequence[object];
        nextSequence[object] = (sequence + 1) & 0xFFFF;
        inFlight[object] = sequence;
        deadline[object] = now + r.timeoutNanos();
        out.armTimer(deadlineTimers[object], deadline[object]);
        out.armTimer(probeTimers[object], now + r.intervalNanos());
        host.sendProbe(r.target(), IcmpEcho.request(PROBE_IDENTIFIER_BASE + object, sequence, PROBE_DATA), now, out);
    }

    private void outcome(int object, boolean answered, long now, Outputs out) {
        TrackedObject.Reachability r = (TrackedObject.Reachability) objects.get(object);
        if (answered) {
            misses[object] = 0;
            answers[object]++;
            if (!up[object] && !held[object] && answers[object] >= r.upAfter()) {
                change(object, true, answers[object] + " consecutive probes to " + r.target() + " answered", now, out);
            }
        } else {
            answers[object] = 0;
            misses[object]++;
            if (up[object] && misses[object] >= r.downAfter()) {
                change(object, false, misses[object] + " consecutive probes to " + r.target() + " unanswered", now, out);
            }
        }
    }

    private void change(int object, boolean isUp, String cause, long now, Outputs out) {
        up[object] = isUp;
        out.trace(new TraceEvent.StateChanged(now, device, "track " + objects.get(object).name(),
                isUp ? "down" : "up", isUp ? "up" : "down", cause));
        // every group following this object (at most once each: bind() refuses repeats) gets its new verdict
        for (int b = 0; b < bindings.size(); b++) {
            Binding binding = bindings.get(b);
            if (binding.object() != object) continue;
            Verdict verdict = combined(binding.group());
            if (!verdict.equals(verdict(binding.group()))) {
                verdicts.put(binding.group(), verdict);
                host.verdictChanged(binding.group(), verdict, now, out);
            }
        }
    }

    private Verdict combined(int group) {
        int decrement = 0;
        boolean fault = false;
        List<String> down = new ArrayList<>(2);
        for (Binding b : bindings) {
            if (b.group() != group || up[b.object()]) continue;
            down.add(objects.get(b.object()).name());
            switch (b.effect()) {
                case TrackEffect.Decrement d -> decrement += d.amount();
                case TrackEffect.Fault f -> fault = true;
            }
        }
        return new Verdict(decrement, fault, down);
    }
}
