package io.firsthop.core.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.Outputs;
import io.firsthop.core.devtest.RecordingOutputs;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.wire.IcmpEcho;
import io.firsthop.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The tracker core, driven with explicit times through a fake router. */
class ObjectTrackerTest {
    static final long S = 1_000_000_000L;
    static final long MS = 1_000_000L;
    static final Ipv4Address TARGET = Ipv4Address.parse("198.51.100.10");
    static final int GROUP = 0;
    static final int OTHER_GROUP = 1;

    record Probe(long at, Ipv4Address target, IcmpEcho echo) {}

    record VerdictAt(long at, int group, ObjectTracker.Verdict verdict) {}

    final List<Probe> probes = new ArrayList<>();
    final List<VerdictAt> verdicts = new ArrayList<>();
    final RecordingOutputs out = new RecordingOutputs();
    final ObjectTracker tracker = new ObjectTracker("r1", new ObjectTracker.Host() {
        @Override
        public void sendProbe(Ipv4Address target, IcmpEcho request, long now, Outputs o) {
            probes.add(new Probe(now, target, request));
        }

        @Override
        public void verdictChanged(int group, ObjectTracker.Verdict verdict, long now, Outputs o) {
            verdicts.add(new VerdictAt(now, group, verdict));
        }
    });
    long now;

    /** Fires the tracker's timers due up to {@code t} in time order (ties in arming order), then sets the clock to t. */
    void advanceTo(long t) {
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
            now = at;
            assertTrue(tracker.timerFired(key, now, out));
        }
        now = t;
    }

    /** Answers the last probe sent, at the current time. */
    boolean answerLast() {
        Probe p = probes.getLast();
        return tracker.echoReply(p.target(), p.echo().toReply(), now, out);
    }

    List<TraceEvent.StateChanged> changes() {
        return out.events.stream().filter(e -> e instanceof TraceEvent.StateChanged).map(e -> (TraceEvent.StateChanged) e).toList();
    }

    @Nested
    @DisplayName("interface line state")
    class InterfaceLine {
        ObjectTracker started() {
            tracker.add(TrackedObject.interfaceLine("uplink", "ge1"));
            tracker.add(TrackedObject.interfaceLine("other", "ge2"));
            tracker.bind(GROUP, "uplink", TrackEffect.decrement(20));
            tracker.bind(GROUP, "other", TrackEffect.DEFAULT);
            tracker.bind(OTHER_GROUP, "other", TrackEffect.fault());
            tracker.start(0, out);
            return tracker;
        }

        @Test
        @DisplayName("the interface going down takes the object down, traced as track <name> up -> down, and lowers its groups by the decrement")
        void downLowers() {
            started().lineChanged("ge1", false, 5 * S, out);
            assertEquals(List.of(new TraceEvent.StateChanged(5 * S, "r1", "track uplink", "up", "down", "interface ge1 down")), changes());
            assertEquals(List.of(new VerdictAt(5 * S, GROUP, new ObjectTracker.Verdict(20, false, List.of("uplink")))), verdicts);
            assertFalse(tracker.isUp("uplink"));
            tracker.lineChanged("ge1", true, 9 * S, out);
            assertEquals(new VerdictAt(9 * S, GROUP, ObjectTracker.Verdict.NONE), verdicts.getLast());
            assertEquals("up", changes().getLast().to());
        }

        @Test
        @DisplayName("an override forces the object down and holds it against the interface coming up, until released")
        void overrideHolds() {
            started();
            assertTrue(tracker.override("uplink", false, 2 * S, out));
            assertEquals(new TraceEvent.StateChanged(2 * S, "r1", "track uplink", "up", "down", "forced down by an override"), changes().getLast());
            assertEquals(new VerdictAt(2 * S, GROUP, new ObjectTracker.Verdict(20, false, List.of("uplink"))), verdicts.getLast());
            tracker.lineChanged("ge1", false, 3 * S, out);
            tracker.lineChanged("ge1", true, 4 * S, out);
            assertFalse(tracker.isUp("uplink"), "held down");
            assertTrue(tracker.override("uplink", true, 5 * S, out));
            assertTrue(tracker.isUp("uplink"));
            assertEquals(new VerdictAt(5 * S, GROUP, ObjectTracker.Verdict.NONE), verdicts.getLast());
            assertFalse(tracker.override("nope", false, 6 * S, out));
        }

        @Test
        @DisplayName("a hold survives a restart: the object comes back down at power-on")
        void overrideSurvivesRestart() {
            started();
            tracker.override("uplink", false, S, out);
            tracker.stop(out);
            verdicts.clear();
            tracker.start(9 * S, out);
            assertFalse(tracker.isUp("uplink"));
            assertEquals(List.of(new VerdictAt(9 * S, GROUP, new ObjectTracker.Verdict(20, false, List.of("uplink")))), verdicts);
        }

        @Test
        @DisplayName("decrements of down objects add up; a fault binding faults only its own group")
        void decrementsAddUp() {
            started().lineChanged("ge1", false, S, out);
            tracker.lineChanged("ge2", false, 2 * S, out);
            assertEquals(List.of(
                    new VerdictAt(S, GROUP, new ObjectTracker.Verdict(20, false, List.of("uplink"))),
                    new VerdictAt(2 * S, GROUP, new ObjectTracker.Verdict(30, false, List.of("uplink", "other"))),
                    new VerdictAt(2 * S, OTHER_GROUP, new ObjectTracker.Verdict(0, true, List.of("other")))), verdicts);
            assertEquals(new ObjectTracker.Verdict(30, false, List.of("uplink", "other")), tracker.verdict(GROUP));
        }

        @Test
        @DisplayName("a report of the state it already has changes nothing; another interface changes nothing")
        void noChange() {
            started().lineChanged("ge1", true, S, out);
            tracker.lineChanged("ge9", false, S, out);
            assertEquals(List.of(), changes());
            assertEquals(List.of(), verdicts);
        }

        @Test
        @DisplayName("a start after a stop begins with every object up again")
        void restartResets() {
            started().lineChanged("ge1", false, S, out);
            tracker.stop(out);
            tracker.lineChanged("ge1", true, 2 * S, out);
            assertEquals(1, changes().size(), "a stopped tracker hears nothing");
            tracker.start(3 * S, out);
            assertTrue(tracker.isUp("uplink"));
            assertEquals(ObjectTracker.Verdict.NONE, tracker.verdict(GROUP));
        }
    }

    @Nested
    @DisplayName("reachability by probe")
    class Reachability {
        static final TrackedObject.Reachability SERVER = TrackedObject.reachability("server", TARGET);

        void start() {
            tracker.add(TrackedObject.interfaceLine("uplink", "ge1"));
            tracker.add(SERVER);
            tracker.bind(GROUP, "server", TrackEffect.decrement(20));
            tracker.start(0, out);
        }

        @Test
        @DisplayName("defaults: a probe every second, 1 s timeout, down after 3 misses, up after 3 answers")
        void defaults() {
            assertEquals(new TrackedObject.Reachability("server", TARGET, S, S, 3, 3), SERVER);
        }

        @Test
        @DisplayName("probes go out at power-on and every interval, identifier 0x7400 + index, sequence counting up")
        void probesAreSent() {
            start();
            advanceTo(2 * S + 500 * MS);
            assertEquals(List.of(0L, S, 2 * S), probes.stream().map(Probe::at).toList());
            for (int i = 0; i < 3; i++) {
                assertEquals(IcmpEcho.request(0x7401, i, probes.get(i).echo().data()), probes.get(i).echo());
                assertEquals(TARGET, probes.get(i).target());
            }
            assertEquals(56, probes.getFirst().echo().data().length());
        }

        @Test
        @DisplayName("the object goes down at the timeout of the third probe in a row left unanswered, not before")
        void downAfterThreeMisses() {
            start();
            advanceTo(10 * MS);
            assertTrue(answerLast());
            advanceTo(3 * S - 1);
            assertTrue(tracker.isUp("server"), "only the probe sent at 1 s has timed out");
            advanceTo(4 * S);
            assertFalse(tracker.isUp("server"));
            // the probe sent at 1 s is the first miss (deadline 2 s), 2 s the second, 3 s the third (deadline 4 s)
            assertEquals(new TraceEvent.StateChanged(4 * S, "r1", "track server", "up", "down",
                    "3 consecutive probes to 198.51.100.10 unanswered"), changes().getFirst());
            assertEquals(List.of(new VerdictAt(4 * S, GROUP, new ObjectTracker.Verdict(20, false, List.of("server")))), verdicts);
        }

        @Test
        @DisplayName("an answer resets the count of misses")
        void answerResetsMisses() {
            start();
            advanceTo(2 * S + 10 * MS);
            assertTrue(answerLast());
            advanceTo(4 * S + 500 * MS);
            assertTrue(tracker.isUp("server"), "the two misses before the answer do not count any more");
            advanceTo(6 * S);
            assertFalse(tracker.isUp("server"));
        }

        @Test
        @DisplayName("a down object comes back up at the third answer in a row")
        void upAfterThreeAnswers() {
            start();
            advanceTo(6 * S);
            assertFalse(tracker.isUp("server"));
            for (int k = 0; k < 3; k++) {
                advanceTo(6 * S + k * S + 20 * MS);
                assertTrue(answerLast());
                assertEquals(k < 2, !tracker.isUp("server"), "after answer " + (k + 1));
            }
            assertEquals(new TraceEvent.StateChanged(8 * S + 20 * MS, "r1", "track server", "down", "up",
                    "3 consecutive probes to 198.51.100.10 answered"), changes().getLast());
            assertEquals(ObjectTracker.Verdict.NONE, verdicts.getLast().verdict());
        }

        @Test
        @DisplayName("a reply after the timeout, from another address, or with another sequence is ours but counts for nothing")
        void strayRepliesDoNotCount() {
            start();
            advanceTo(6 * S);
            Probe p = probes.getLast();
            advanceTo(6 * S + 10 * MS);
            assertTrue(tracker.echoReply(Ipv4Address.parse("198.51.100.11"), p.echo().toReply(), now, out));
            assertTrue(tracker.echoReply(TARGET, IcmpEcho.request(p.echo().identifier(), p.echo().sequence() + 1,
                    p.echo().data()).toReply(), now, out));
            advanceTo(7 * S + 10 * MS);
            assertTrue(tracker.echoReply(TARGET, p.echo().toReply(), now, out), "late");
            advanceTo(20 * S);
            assertFalse(tracker.isUp("server"));
            assertFalse(tracker.echoReply(TARGET, IcmpEcho.request(1, 0, p.echo().data()).toReply(), now, out),
                    "another identifier is not the tracker's");
        }

        @Test
        @DisplayName("with the timeout equal to the interval, the third miss is counted once, at the instant the fourth probe leaves")
        void deadlineAtNextProbe() {
            start();
            advanceTo(3 * S - 1);
            assertTrue(tracker.isUp("server"));
            advanceTo(3 * S);
            assertFalse(tracker.isUp("server"));
            assertEquals(List.of(0L, S, 2 * S, 3 * S), probes.stream().map(Probe::at).toList());
            assertEquals(List.of(new TraceEvent.StateChanged(3 * S, "r1", "track server", "up", "down",
                    "3 consecutive probes to 198.51.100.10 unanswered")), changes());
        }

        @Test
        @DisplayName("stop cancels the probe timers")
        void stopCancels() {
            start();
            advanceTo(500 * MS);
            tracker.stop(out);
            assertEquals(Map.of(), out.timers);
        }
    }

    @Nested
    @DisplayName("configuration")
    class Configuration {
        @Test
        @DisplayName("names are unique, bindings name a known object once per group")
        void bindings() {
            tracker.add(TrackedObject.interfaceLine("uplink", "ge1"));
            assertThrows(IllegalArgumentException.class, () -> tracker.add(TrackedObject.reachability("uplink", TARGET)));
            var e = assertThrows(IllegalArgumentException.class, () -> tracker.bind(GROUP, "nope", TrackEffect.DEFAULT));
            assertEquals("r1: no tracked object 'nope' (objects: [uplink])", e.getMessage());
            tracker.bind(GROUP, "uplink", TrackEffect.DEFAULT);
            assertThrows(IllegalArgumentException.class, () -> tracker.bind(GROUP, "uplink", TrackEffect.decrement(5)));
        }

        @Test
        @DisplayName("a probe timeout longer than its interval, a decrement outside 1..255, zero thresholds are rejected")
        void validation() {
            assertThrows(IllegalArgumentException.class, () -> TrackedObject.reachability("x", TARGET).withTiming(S, 2 * S));
            assertThrows(IllegalArgumentException.class, () -> TrackedObject.reachability("x", TARGET).withThresholds(0, 1));
            assertThrows(IllegalArgumentException.class, () -> TrackEffect.decrement(0));
            assertThrows(IllegalArgumentException.class, () -> TrackEffect.decrement(256));
            assertEquals(10, TrackEffect.DEFAULT.amount(), "HSRP's default decrement");
        }
    }
}
