package io.firsthop.core.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.vrrp.VrrpInput.AdvertReceived;
import io.firsthop.core.vrrp.VrrpInput.MalformedAdvertReceived;
import io.firsthop.core.vrrp.VrrpInput.PriorityChanged;
import io.firsthop.core.vrrp.VrrpOutput.AdvertDiscarded;
import io.firsthop.core.vrrp.VrrpOutput.ArmTimer;
import io.firsthop.core.vrrp.VrrpOutput.CancelTimer;
import io.firsthop.core.vrrp.VrrpOutput.SendAdvert;
import io.firsthop.core.vrrp.VrrpOutput.SendGratuitousArp;
import io.firsthop.core.vrrp.VrrpOutput.StateChanged;
import io.firsthop.wire.Bytes;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.VrrpAdvertisement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The VRRP core as a specification: one nested class per state, driven with explicit times. */
class VrrpRouterTest {
    static final int VRID = 51;
    static final Ipv4Address VIP = Ipv4Address.parse("10.0.0.1");
    static final Ipv4Address ME = Ipv4Address.parse("10.0.0.5");
    static final Ipv4Address LOWER_ADDRESS = Ipv4Address.parse("10.0.0.3");
    static final Ipv4Address HIGHER_ADDRESS = Ipv4Address.parse("10.0.0.9");
    static final long SECOND = 1_000_000_000L;
    static final long MILLISECOND = 1_000_000L;
    static final long CENTISECOND = 10 * MILLISECOND;
    /** Not zero, so a core that confused absolute and relative times would show it. */
    static final long T0 = 7 * SECOND;

    // ---- the RFC's formulas, written out independently of the core ----

    /** RFC 5798 §6.1: Skew_Time = ((256 - Priority) * Master_Adver_Interval) / 256, exact when it divides. */
    static long skewTime(int priority, long masterAdverInterval) {
        long numerator = (256L - priority) * masterAdverInterval;
        assertEquals(0, numerator % 256, "these tests pick values whose Skew_Time is a whole number of nanoseconds");
        return numerator / 256;
    }

    /** RFC 5798 §6.1: Master_Down_Interval = (3 * Master_Adver_Interval) + Skew_Time. */
    static long masterDownInterval(int priority, long masterAdverInterval) {
        return 3 * masterAdverInterval + skewTime(priority, masterAdverInterval);
    }

    // ---- fixtures ----

    static VrrpConfig v3(int priority) {
        return VrrpConfig.v3(VRID, priority, 100, List.of(VIP));
    }

    static VrrpConfig v2(int priority) {
        return VrrpConfig.v2(VRID, priority, 1, List.of(VIP));
    }

    static AdvertReceived advert(Ipv4Address from, int priority) {
        return new AdvertReceived(from, 255, VrrpAdvertisement.v3(VRID, priority, 100, List.of(VIP)));
    }

    static AdvertReceived advert(Ipv4Address from, int priority, int intervalCentiseconds) {
        return new AdvertReceived(from, 255, VrrpAdvertisement.v3(VRID, priority, intervalCentiseconds, List.of(VIP)));
    }

    static AdvertReceived v2Advert(Ipv4Address from, int priority, int intervalSeconds) {
        return new AdvertReceived(from, 255, VrrpAdvertisement.v2(VRID, priority, intervalSeconds, List.of(VIP)));
    }

    static VrrpRouter initialize(VrrpConfig config) {
        return new VrrpRouter(config, ME);
    }

    /** A core just started at T0 as a non-owner: Backup. */
    static VrrpRouter backup(VrrpConfig config) {
        VrrpRouter router = initialize(config);
        router.handle(VrrpInput.STARTUP, T0);
        assertEquals(VrrpState.BACKUP, router.state());
        return router;
    }

    /** A core that became Master at the end of its first Master_Down_Interval. */
    static VrrpRouter master(VrrpConfig config) {
        VrrpRouter router = backup(config);
        router.handle(VrrpInput.MASTER_DOWN_TIMER_FIRED, router.masterDownTimerAt().getAsLong());
        assertEquals(VrrpState.MASTER, router.state());
        return router;
    }

    /**
     * Fires the core's own timers in time order until {@code until}; returns the instant it
     * became Master, or -1.
     */
    static long runTimersUntil(VrrpRouter router, long until) {
        long becameMaster = -1;
        while (true) {
            long down = router.masterDownTimerAt().orElse(Long.MAX_VALUE);
            long adver = router.adverTimerAt().orElse(Long.MAX_VALUE);
            long next = Math.min(down, adver);
            if (next > until) return becameMaster;
            VrrpInput input = next == down ? VrrpInput.MASTER_DOWN_TIMER_FIRED : VrrpInput.ADVER_TIMER_FIRED;
            for (VrrpOutput o : router.handle(input, next)) {
                if (o instanceof StateChanged s && s.to() == VrrpState.MASTER) becameMaster = next;
            }
        }
    }

    static <T extends VrrpOutput> List<T> only(List<VrrpOutput> outputs, Class<T> type) {
        return outputs.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Nested
    @DisplayName("Timers (RFC 5798 §6.1)")
    class Timers {
        @Test
        @DisplayName("RFC 5798 §6.1: 1 s adverts at priority 100 give Skew_Time 609.375 ms and Master_Down_Interval 3.609375 s")
        void workedExampleOneSecond() {
            VrrpRouter router = backup(v3(100));
            assertEquals(609_375_000L, router.skewTimeNanos());
            assertEquals(3_609_375_000L, router.masterDownIntervalNanos());
        }

        @Test
        @DisplayName("RFC 5798 §6.1: 100 ms adverts at priority 100 give Skew_Time 60.9375 ms and Master_Down_Interval 360.9375 ms")
        void workedExampleHundredMilliseconds() {
            VrrpRouter router = backup(VrrpConfig.v3(VRID, 100, 10, List.of(VIP)));
            assertEquals(60_937_500L, router.skewTimeNanos());
            assertEquals(360_937_500L, router.masterDownIntervalNanos());
        }

        @Test
        @DisplayName("RFC 5798 §6.1: a Skew_Time ending in half a nanosecond is set half a nanosecond late, never early")
        void halfNanosecondRoundsUp() {
            // (256 - 253) * 10 ms / 256 = 117 187.5 ns
            VrrpRouter router = backup(VrrpConfig.v3(VRID, 253, 1, List.of(VIP)));
            assertEquals(117_188L, router.skewTimeNanos());
            assertEquals(3 * CENTISECOND + 117_188L, router.masterDownIntervalNanos());
        }

        @Test
        @DisplayName("RFC 3768 §6.1: VRRPv2 Skew_Time is (256 - Priority) / 256 seconds whatever the advertisement interval")
        void version2SkewIgnoresInterval() {
            VrrpRouter router = backup(VrrpConfig.v2(VRID, 100, 3, List.of(VIP)));
            long skew = (256L - 100) * SECOND / 256;
            assertEquals(skew, router.skewTimeNanos());
            assertEquals(3 * 3 * SECOND + skew, router.masterDownIntervalNanos());
        }
    }

    @Nested
    @DisplayName("Initialize (RFC 5798 §6.4.1)")
    class Initialize {
        @Test
        @DisplayName("RFC 5798 §6.4.1: a non-owner starts as Backup with Master_Adver_Interval = Advertisement_Interval and Master_Down_Timer = Master_Down_Interval")
        void nonOwnerStartsAsBackup() {
            VrrpRouter router = initialize(v3(100));
            List<VrrpOutput> out = router.handle(VrrpInput.STARTUP, T0);
            assertEquals(List.of(
                    new ArmTimer(VrrpTimer.MASTER_DOWN_TIMER, T0 + masterDownInterval(100, SECOND)),
                    new StateChanged(VrrpState.INITIALIZE, VrrpState.BACKUP, VrrpCause.STARTUP)), out);
            assertEquals(SECOND, router.masterAdverIntervalNanos());
            assertEquals(NewMasterReason.NOT_MASTER, router.newMasterReason());
        }

        @Test
        @DisplayName("RFC 5798 §6.4.1: the owner (priority 255) sends an advert and gratuitous ARP, arms Adver_Timer and is Master at once")
        void ownerGoesStraightToMaster() {
            VrrpRouter router = initialize(v3(255));
            List<VrrpOutput> out = router.handle(VrrpInput.STARTUP, T0);
            assertEquals(List.of(
                    new SendAdvert(VrrpAdvertisement.v3(VRID, 255, 100, List.of(VIP))),
                    new SendGratuitousArp(List.of(VIP)),
                    new ArmTimer(VrrpTimer.ADVER_TIMER, T0 + SECOND),
                    new StateChanged(VrrpState.INITIALIZE, VrrpState.MASTER, VrrpCause.PRIORITY)), out);
            assertEquals(NewMasterReason.PRIORITY, router.newMasterReason());
            assertTrue(router.isOwner());
        }

        @Test
        @DisplayName("RFC 5798 §6.4.1: an interface coming up is a Startup event, reported as interface-up")
        void interfaceUpIsStartup() {
            VrrpRouter router = initialize(v3(100));
            List<VrrpOutput> out = router.handle(VrrpInput.INTERFACE_UP, T0);
            assertEquals(new StateChanged(VrrpState.INITIALIZE, VrrpState.BACKUP, VrrpCause.INTERFACE_UP), out.getLast());
        }

        @Test
        @DisplayName("RFC 5798 §6.4.1: Initialize only waits for Startup; advertisements, timers and Shutdown do nothing")
        void initializeIgnoresEverythingButStartup() {
            VrrpRouter router = initialize(v3(100));
            assertEquals(List.of(), router.handle(advert(HIGHER_ADDRESS, 200), T0));
            assertEquals(List.of(), router.handle(VrrpInput.MASTER_DOWN_TIMER_FIRED, T0));
            assertEquals(List.of(), router.handle(VrrpInput.ADVER_TIMER_FIRED, T0));
            assertEquals(List.of(), router.handle(VrrpInput.SHUTDOWN, T0));
            assertEquals(VrrpState.INITIALIZE, router.state());
            assertEquals(0, router.statistics().advertisementRcvd());
        }

        @Test
        @DisplayName("RFC 5798 §6.4: Startup in Backup or Master is not an event of those states")
        void startupWhileRunningIsIgnored() {
            assertEquals(List.of(), backup(v3(100)).handle(VrrpInput.STARTUP, T0 + SECOND));
            assertEquals(List.of(), master(v3(100)).handle(VrrpInput.STARTUP, T0 + 9 * SECOND));
        }
    }

    @Nested
    @DisplayName("Backup (RFC 5798 §6.4.2)")
    class Backup {
        @Test
        @DisplayName("RFC 5798 §6.4.2: an advertisement of higher priority resets Master_Down_Timer to Master_Down_Interval")
        void higherPriorityResetsMasterDownTimer() {
            VrrpRouter router = backup(v3(100));
            long t = T0 + 500 * MILLISECOND;
            assertEquals(List.of(new ArmTimer(VrrpTimer.MASTER_DOWN_TIMER, t + masterDownInterval(100, SECOND))),
                    router.handle(advert(LOWER_ADDRESS, 200), t));
            assertEquals(LOWER_ADDRESS, router.lastAdvertSource());
        }

        @Test
        @DisplayName("RFC 5798 §6.4.2: a Backup takes an equal-priority advertisement whatever the sender's address (the address breaks ties only between Masters)")
        void equalPriorityFromLowerAddressIsAccepted() {
            VrrpRouter router = backup(v3(100));
            long t = T0 + 500 * MILLISECOND;
            assertEquals(List.of(new ArmTimer(VrrpTimer.MASTER_DOWN_TIMER, t + masterDownInterval(100, SECOND))),
                    router.handle(advert(LOWER_ADDRESS, 100), t));
        }

        @Test
        @DisplayName("RFC 5798 §6.4.2: backup receiving priority 0 sets Master_Down_Timer to Skew_Time")
        void priorityZeroSetsSkewTime() {
            VrrpRouter router = backup(v3(100));
            long t = T0 + 2 * SECOND;
            assertEquals(List.of(new ArmTimer(VrrpTimer.MASTER_DOWN_TIMER, t + skewTime(100, SECOND))),
                    router.handle(advert(HIGHER_ADDRESS, 0), t));
        }

        @Test
        @DisplayName("RFC 5798 §6.4.2: when Master_Down_Timer fires the Backup advertises, sends gratuitous ARP, arms Adver_Timer and becomes Master (no-response)")
        void masterDownTimerMakesMaster() {
            VrrpRouter router = backup(v3(100));
            long t = router.masterDownTimerAt().getAsLong();
            assertEquals(List.of(
                    new SendAdvert(VrrpAdvertisement.v3(VRID, 100, 100, List.of(VIP))),
                    new SendGratuitousArp(List.of(VIP)),
                    new ArmTimer(VrrpTimer.ADVER_TIMER, t + SECOND),
                    new StateChanged(VrrpState.BACKUP, VrrpState.MASTER, VrrpCause.NO_RESPONSE)),
                    router.handle(VrrpInput.MASTER_DOWN_TIMER_FIRED, t));
            assertEquals(NewMasterReason.NO_RESPONSE, router.newMasterReason());
        }

        @ParameterizedTest(name = "adverts every {0} cs")
        @ValueSource(ints = {100, 10})
        @DisplayName("RFC 5798 §6.4.2: a crashed Master is taken over exactly Master_Down_Interval after the last advertisement accepted")
        void crashTakeoverAtMasterDownInterval(int intervalCentiseconds) {
            long interval = intervalCentiseconds * CENTISECOND;
            VrrpRouter router = backup(VrrpConfig.v3(VRID, 100, intervalCentiseconds, List.of(VIP)));
            long lastAdvert = T0 + interval / 3;
            for (int i = 0; i < 5; i++, lastAdvert += interval) {
                router.handle(advert(HIGHER_ADDRESS, 200, intervalCentiseconds), lastAdvert);
            }
            lastAdvert -= interval;
            // The Master crashed right after its last advertisement: silence from here on.
            long tookOver = runTimersUntil(router, lastAdvert + 10 * interval);
            assertEquals(lastAdvert + masterDownInterval(100, interval), tookOver);
            assertEquals(NewMasterReason.NO_RESPONSE, router.newMasterReason());
        }

        @ParameterizedTest(name = "adverts every {0} cs")
        @ValueSource(ints = {100, 10})
        @DisplayName("RFC 5798 §6.4.2: a Master that shuts down (priority 0) is taken over exactly Skew_Time later, reason priority")
        void gracefulTakeoverAfterSkewTime(int intervalCentiseconds) {
            long interval = intervalCentiseconds * CENTISECOND;
            VrrpRouter router = backup(VrrpConfig.v3(VRID, 100, intervalCentiseconds, List.of(VIP)));
            router.handle(advert(HIGHER_ADDRESS, 200, intervalCentiseconds), T0 + interval);
            long goodbye = T0 + interval + interval / 2;
            router.handle(advert(HIGHER_ADDRESS, 0, intervalCentiseconds), goodbye);
            assertEquals(goodbye + skewTime(100, interval), runTimersUntil(router, goodbye + 10 * interval));
            assertEquals(NewMasterReason.PRIORITY, router.newMasterReason());
        }

        @Test
        @DisplayName("RFC 5798 §6.4.2: with Preempt_Mode a lower-priority advertisement is discarded, so the Backup preempts at its Master_Down_Interval")
        void preemptDiscardsLowerPriority() {
            VrrpRouter router = backup(v3(200));
            long becameMaster = -1;
            for (long t = T0 + 100 * MILLISECOND; becameMaster < 0 && t < T0 + 10 * SECOND; t += SECOND) {
                becameMaster = runTimersUntil(router, t);
                if (becameMaster < 0) assertEquals(List.of(), router.handle(advert(HIGHER_ADDRESS, 100), t));
            }
            // The discarded advertisements reset nothing: the timer armed at startup ran out.
            assertEquals(T0 + masterDownInterval(200, SECOND), becameMaster);
            assertEquals(NewMasterReason.PREEMPTED, router.newMasterReason());
        }

        @Test
        @DisplayName("RFC 5798 §6.4.2: without Preempt_Mode a lower-priority Master is accepted and never preempted")
        void noPreemptAcceptsLowerPriority() {
            VrrpRouter router = backup(v3(200).withPreempt(false));
            long t = T0 + 100 * MILLISECOND;
            for (; t < T0 + 30 * SECOND; t += SECOND) {
                assertEquals(-1, runTimersUntil(router, t));
                assertEquals(List.of(new ArmTimer(VrrpTimer.MASTER_DOWN_TIMER, t + masterDownInterval(200, SECOND))),
                        router.handle(advert(HIGHER_ADDRESS, 100), t));
            }
            assertEquals(VrrpState.BACKUP, router.state());
        }

        @Test
        @DisplayName("RFC 5798 §6.4.2: a VRRPv3 Backup learns Master_Adver_Interval from the Master's advertisement")
        void learnsMasterAdverInterval() {
            VrrpRouter router = backup(v3(100));
            long t = T0 + 200 * MILLISECOND;
            long masterInterval = 10 * CENTISECOND;
            assertEquals(List.of(new ArmTimer(VrrpTimer.MASTER_DOWN_TIMER, t + masterDownInterval(100, masterInterval))),
                    router.handle(advert(HIGHER_ADDRESS, 200, 10), t));
            assertEquals(masterInterval, router.masterAdverIntervalNanos());
            assertEquals(skewTime(100, masterInterval), router.skewTimeNanos());
            // RFC 5798 §7.1 only reports the differing interval; it is not a reason to discard.
            assertEquals(1, router.statistics().intervalErrors());
        }

        @Test
        @DisplayName("RFC 5798 §6.4.2: Shutdown cancels Master_Down_Timer and returns to Initialize without sending")
        void shutdownReturnsToInitialize() {
            VrrpRouter router = backup(v3(100));
            assertEquals(List.of(new CancelTimer(VrrpTimer.MASTER_DOWN_TIMER),
                            new StateChanged(VrrpState.BACKUP, VrrpState.INITIALIZE, VrrpCause.SHUTDOWN)),
                    router.handle(VrrpInput.SHUTDOWN, T0 + SECOND));
            assertTrue(router.masterDownTimerAt().isEmpty());
        }

        @Test
        @DisplayName("Interface down: a Backup cancels Master_Down_Timer and returns to Initialize (interface-down)")
        void interfaceDown() {
            VrrpRouter router = backup(v3(100));
            assertEquals(List.of(new CancelTimer(VrrpTimer.MASTER_DOWN_TIMER),
                            new StateChanged(VrrpState.BACKUP, VrrpState.INITIALIZE, VrrpCause.INTERFACE_DOWN)),
                    router.handle(VrrpInput.INTERFACE_DOWN, T0 + SECOND));
        }

        @Test
        @DisplayName("RFC 5798 §6.4.2: the Adver_Timer is not a Backup's; a late firing does nothing")
        void adverTimerIgnoredInBackup() {
            assertEquals(List.of(), backup(v3(100)).handle(VrrpInput.ADVER_TIMER_FIRED, T0 + SECOND));
        }

        @Test
        @DisplayName("Preempt delay (keepalived/YANG hold-time extension): a lower-priority Master is accepted for the delay, then preempted Master_Down_Interval after the last advertisement accepted")
        void preemptDelay() {
            VrrpRouter router = backup(v3(200).withPreemptDelay(Duration.ofSeconds(2)));
            long first = T0 + 500 * MILLISECOND;
            long becameMaster = -1;
            long lastAccepted = -1;
            for (long t = first; t < first + 10 * SECOND && becameMaster < 0; t += SECOND) {
                becameMaster = runTimersUntil(router, t);
                if (becameMaster >= 0) break;
                boolean accepted = !router.handle(advert(HIGHER_ADDRESS, 100), t).isEmpty();
                assertEquals(t - first < 2 * SECOND, accepted, "accepted only within the delay, at " + (t - first));
                if (accepted) lastAccepted = t;
            }
            assertEquals(first + SECOND, lastAccepted);
            assertEquals(lastAccepted + masterDownInterval(200, SECOND), becameMaster);
            assertEquals(NewMasterReason.PREEMPTED, router.newMasterReason());
        }
    }

    @Nested
    @DisplayName("Master (RFC 5798 §6.4.3)")
    class Master {
        @Test
        @DisplayName("RFC 5798 §6.4.3: when Adver_Timer fires the Master advertises and resets Adver_Timer")
        void adverTimerSendsAndRearms() {
            VrrpRouter router = master(v3(100));
            long t = router.adverTimerAt().getAsLong();
            assertEquals(List.of(new SendAdvert(VrrpAdvertisement.v3(VRID, 100, 100, List.of(VIP))),
                    new ArmTimer(VrrpTimer.ADVER_TIMER, t + SECOND)), router.handle(VrrpInput.ADVER_TIMER_FIRED, t));
        }

        @Test
        @DisplayName("RFC 5798 §6.4.3: a higher-priority advertisement makes the Master cancel Adver_Timer, adopt the interval, arm Master_Down_Timer and become Backup")
        void higherPriorityMakesBackup() {
            VrrpRouter router = master(v3(100));
            long t = router.adverTimerAt().getAsLong() - 1;
            long theirInterval = 50 * CENTISECOND;
            assertEquals(List.of(new CancelTimer(VrrpTimer.ADVER_TIMER),
                            new ArmTimer(VrrpTimer.MASTER_DOWN_TIMER, t + masterDownInterval(100, theirInterval)),
                            new StateChanged(VrrpState.MASTER, VrrpState.BACKUP, VrrpCause.HIGHER_PRIORITY_BACKUP)),
                    router.handle(advert(LOWER_ADDRESS, 101, 50), t));
            assertEquals(theirInterval, router.masterAdverIntervalNanos());
            assertTrue(router.adverTimerAt().isEmpty());
        }

        @Test
        @DisplayName("RFC 5798 §6.4.3: of two Masters with equal priority the one with the greater primary address stays Master")
        void tieBrokenByPrimaryAddress() {
            VrrpRouter router = master(v3(100));
            long t = router.adverTimerAt().getAsLong() - 1;
            assertEquals(List.of(), router.handle(advert(LOWER_ADDRESS, 100), t));
            assertEquals(VrrpState.MASTER, router.state());
            router.handle(advert(HIGHER_ADDRESS, 100), t);
            assertEquals(VrrpState.BACKUP, router.state());
        }

        @Test
        @DisplayName("RFC 9568 §6.4.3: the primary addresses compare as unsigned integers in network byte order")
        void tieBreakIsUnsigned() {
            VrrpRouter router = master(v3(100));
            // 192.168.0.1 is negative as a signed int, yet greater than 10.0.0.5.
            router.handle(advert(Ipv4Address.parse("192.168.0.1"), 100), router.adverTimerAt().getAsLong() - 1);
            assertEquals(VrrpState.BACKUP, router.state());
        }

        @Test
        @DisplayName("RFC 5798 §6.4.3: a lower-priority advertisement is discarded without reply")
        void lowerPriorityDiscardedRfc5798() {
            VrrpRouter router = master(v3(100));
            assertEquals(List.of(), router.handle(advert(HIGHER_ADDRESS, 99), router.adverTimerAt().getAsLong() - 1));
            assertEquals(VrrpState.MASTER, router.state());
        }

        @Test
        @DisplayName("RFC 9568 §6.4.3: a lower-priority advertisement is answered at once with an advertisement; Adver_Timer keeps its deadline")
        void lowerPriorityAnsweredRfc9568() {
            VrrpRouter router = master(v3(100).withRfc9568(true));
            long due = router.adverTimerAt().getAsLong();
            assertEquals(List.of(new SendAdvert(VrrpAdvertisement.v3(VRID, 100, 100, List.of(VIP)))),
                    router.handle(advert(HIGHER_ADDRESS, 99), due - 300 * MILLISECOND));
            assertEquals(due, router.adverTimerAt().getAsLong());
            // An equal priority from a smaller address loses too, and is answered the same way.
            assertEquals(1, only(router.handle(advert(LOWER_ADDRESS, 100), due - 200 * MILLISECOND), SendAdvert.class).size());
        }

        @Test
        @DisplayName("RFC 5798 §6.4.3: a priority-0 advertisement from another router is answered at once and Adver_Timer reset")
        void priorityZeroAnswered() {
            VrrpRouter router = master(v3(100));
            long t = router.adverTimerAt().getAsLong() - 400 * MILLISECOND;
            assertEquals(List.of(new SendAdvert(VrrpAdvertisement.v3(VRID, 100, 100, List.of(VIP))),
                    new ArmTimer(VrrpTimer.ADVER_TIMER, t + SECOND)), router.handle(advert(HIGHER_ADDRESS, 0), t));
            assertEquals(VrrpState.MASTER, router.state());
        }

        @Test
        @DisplayName("RFC 5798 §6.4.3: Shutdown cancels Adver_Timer, sends an advertisement with priority 0 and returns to Initialize")
        void shutdownSendsPriorityZero() {
            VrrpRouter router = master(v3(100));
            assertEquals(List.of(new CancelTimer(VrrpTimer.ADVER_TIMER),
                            new SendAdvert(VrrpAdvertisement.v3(VRID, 0, 100, List.of(VIP))),
                            new StateChanged(VrrpState.MASTER, VrrpState.INITIALIZE, VrrpCause.SHUTDOWN)),
                    router.handle(VrrpInput.SHUTDOWN, T0 + 10 * SECOND));
            assertEquals(1, router.statistics().priorityZeroPktsSent());
        }

        @Test
        @DisplayName("Interface down: a Master returns to Initialize without the priority-0 advertisement it could not send")
        void interfaceDownSendsNothing() {
            VrrpRouter router = master(v3(100));
            assertEquals(List.of(new CancelTimer(VrrpTimer.ADVER_TIMER),
                            new StateChanged(VrrpState.MASTER, VrrpState.INITIALIZE, VrrpCause.INTERFACE_DOWN)),
                    router.handle(VrrpInput.INTERFACE_DOWN, T0 + 10 * SECOND));
            assertEquals(0, router.statistics().priorityZeroPktsSent());
        }

        @Test
        @DisplayName("RFC 5798 §6.4.3: the Master_Down_Timer is not a Master's; a late firing does nothing")
        void masterDownIgnoredInMaster() {
            assertEquals(List.of(), master(v3(100)).handle(VrrpInput.MASTER_DOWN_TIMER_FIRED, T0 + 9 * SECOND));
        }

        @Test
        @DisplayName("RFC 5798 §6.4.3: after stepping down, the old Master takes over again Master_Down_Interval after the new one falls silent")
        void steppedDownMasterTakesOverAgain() {
            VrrpRouter router = master(v3(100));
            long t = router.adverTimerAt().getAsLong() - 1;
            router.handle(advert(HIGHER_ADDRESS, 150), t);
            assertEquals(t + masterDownInterval(100, SECOND), runTimersUntil(router, t + 10 * SECOND));
            assertEquals(2, router.statistics().masterTransitions());
        }
    }

    @Nested
    @DisplayName("Receiving (RFC 5798 §7.1, RFC 3768 §7.1)")
    class Receiving {
        @Test
        @DisplayName("RFC 5798 §7.1: an advertisement with TTL other than 255 is discarded and counted (ip-ttl-errors)")
        void ttlMustBe255() {
            VrrpRouter router = backup(v3(100));
            long armed = router.masterDownTimerAt().getAsLong();
            List<VrrpOutput> out = router.handle(new AdvertReceived(HIGHER_ADDRESS, 254,
                    VrrpAdvertisement.v3(VRID, 200, 100, List.of(VIP))), T0 + SECOND);
            assertEquals(VrrpError.IP_TTL_ERROR, ((AdvertDiscarded) out.getFirst()).error());
            assertEquals(1, out.size());
            assertEquals(armed, router.masterDownTimerAt().getAsLong());
            assertEquals(1, router.statistics().ipTtlErrors());
            assertEquals(0, router.statistics().advertisementRcvd());
        }

        @Test
        @DisplayName("RFC 5798 §7.1: an advertisement of another version is discarded and counted (version-errors)")
        void versionMustMatch() {
            VrrpRouter router = backup(v3(100));
            List<VrrpOutput> out = router.handle(v2Advert(HIGHER_ADDRESS, 200, 1), T0 + SECOND);
            assertEquals(List.of(VrrpError.VERSION_ERROR), only(out, AdvertDiscarded.class).stream().map(AdvertDiscarded::error).toList());
            assertEquals(1, router.statistics().versionErrors());
        }

        @Test
        @DisplayName("RFC 3768 §7.1: a VRRPv2 advertisement whose interval differs from ours is discarded and counted (interval-errors)")
        void version2IntervalMismatchDiscarded() {
            VrrpRouter router = backup(v2(100));
            long armed = router.masterDownTimerAt().getAsLong();
            List<VrrpOutput> out = router.handle(v2Advert(HIGHER_ADDRESS, 200, 2), T0 + SECOND);
            assertEquals(VrrpError.INTERVAL_ERROR, ((AdvertDiscarded) out.getFirst()).error());
            assertEquals(armed, router.masterDownTimerAt().getAsLong());
            assertEquals(1, router.statistics().intervalErrors());
            assertEquals(SECOND, router.masterAdverIntervalNanos());
        }

        @Test
        @DisplayName("RFC 3768 §7.1: a VRRPv2 advertisement with our interval is accepted and resets Master_Down_Timer")
        void version2MatchingIntervalAccepted() {
            VrrpRouter router = backup(v2(100));
            long t = T0 + SECOND;
            assertEquals(List.of(new ArmTimer(VrrpTimer.MASTER_DOWN_TIMER, t + 3 * SECOND + (256L - 100) * SECOND / 256)),
                    router.handle(v2Advert(HIGHER_ADDRESS, 200, 1), t));
        }

        @Test
        @DisplayName("RFC 3768 §7.1: a VRRPv2 address-list mismatch is dropped unless the owner (255) sent it")
        void version2AddressListMismatch() {
            VrrpRouter router = backup(v2(100));
            AdvertReceived wrongList = new AdvertReceived(HIGHER_ADDRESS, 255,
                    VrrpAdvertisement.v2(VRID, 200, 1, List.of(Ipv4Address.parse("10.0.0.99"))));
            assertEquals(VrrpError.ADDRESS_LIST_ERROR, ((AdvertDiscarded) router.handle(wrongList, T0 + SECOND).getFirst()).error());
            AdvertReceived fromOwner = new AdvertReceived(HIGHER_ADDRESS, 255,
                    VrrpAdvertisement.v2(VRID, 255, 1, List.of(Ipv4Address.parse("10.0.0.99"))));
            assertEquals(List.of(ArmTimer.class), router.handle(fromOwner, T0 + 2 * SECOND).stream().map(Object::getClass).toList());
            assertEquals(2, router.statistics().addressListErrors());
        }

        @Test
        @DisplayName("RFC 5798 §7.1: a VRRPv3 address-list mismatch is counted (address-list-errors) but processed")
        void version3AddressListMismatchCounted() {
            VrrpRouter router = backup(v3(100));
            AdvertReceived other = new AdvertReceived(HIGHER_ADDRESS, 255,
                    VrrpAdvertisement.v3(VRID, 200, 100, List.of(Ipv4Address.parse("10.0.0.99"))));
            assertEquals(List.of(ArmTimer.class), router.handle(other, T0 + SECOND).stream().map(Object::getClass).toList());
            assertEquals(1, router.statistics().addressListErrors());
            // The same addresses in another order are the same list.
            VrrpRouter two = backup(VrrpConfig.v3(VRID, 100, 100, List.of(VIP, LOWER_ADDRESS)));
            two.handle(new AdvertReceived(HIGHER_ADDRESS, 255, VrrpAdvertisement.v3(VRID, 200, 100, List.of(LOWER_ADDRESS, VIP))), T0 + SECOND);
            assertEquals(0, two.statistics().addressListErrors());
        }

        @Test
        @DisplayName("RFC 5798 §7.1: the address owner discards advertisements for its virtual router")
        void ownerDiscards() {
            VrrpRouter router = initialize(v3(255));
            router.handle(VrrpInput.STARTUP, T0);
            List<VrrpOutput> out = router.handle(advert(HIGHER_ADDRESS, 255), T0 + SECOND);
            assertEquals(VrrpError.LOCAL_ADDRESS_OWNER, ((AdvertDiscarded) out.getFirst()).error());
            assertEquals(VrrpState.MASTER, router.state());
        }

        @Test
        @DisplayName("RFC 3768 §7.1: a VRRPv2 Auth Type other than 0 is discarded")
        void version2AuthType() {
            VrrpRouter router = backup(v2(100));
            AdvertReceived simpleText = new AdvertReceived(HIGHER_ADDRESS, 255,
                    new VrrpAdvertisement(2, VRID, 200, 1, List.of(VIP), 1, Bytes.zeros(8)));
            assertEquals(VrrpError.AUTH_TYPE_MISMATCH, ((AdvertDiscarded) router.handle(simpleText, T0 + SECOND).getFirst()).error());
            assertEquals(1, router.statistics().authTypeMismatch());
        }

        @Test
        @DisplayName("RFC 9568 §7.1 (erratum 8301): a zero Max Advertise Interval is discarded")
        void zeroIntervalDiscarded() {
            VrrpRouter router = backup(v3(100));
            assertEquals(VrrpError.INTERVAL_ERROR,
                    ((AdvertDiscarded) router.handle(advert(HIGHER_ADDRESS, 200, 0), T0 + SECOND).getFirst()).error());
            assertEquals(SECOND, router.masterAdverIntervalNanos());
        }

        @Test
        @DisplayName("RFC 5798 §7.1: packets the decoder refused are counted by the check they failed and discarded")
        void malformedCounted() {
            VrrpRouter router = backup(v3(100));
            for (VrrpError e : List.of(VrrpError.CHECKSUM_ERROR, VrrpError.PACKET_LENGTH_ERROR, VrrpError.INVALID_TYPE,
                    VrrpError.VERSION_ERROR, VrrpError.IP_TTL_ERROR)) {
                assertEquals(e, ((AdvertDiscarded) router.handle(new MalformedAdvertReceived(e), T0 + SECOND).getFirst()).error());
            }
            VrrpStatistics s = router.statistics();
            assertEquals(List.of(1L, 1L, 1L, 1L, 1L),
                    List.of(s.checksumErrors(), s.packetLengthErrors(), s.invalidTypePktsRcvd(), s.versionErrors(), s.ipTtlErrors()));
        }

        @Test
        @DisplayName("An advertisement from our own primary address (reflected by the segment) is ignored")
        void ownAdvertIgnored() {
            VrrpRouter router = master(v3(100).withRfc9568(true));
            assertEquals(List.of(), router.handle(advert(ME, 100), router.adverTimerAt().getAsLong() - 1));
        }
    }

    @Nested
    @DisplayName("Fault (tracked object forcing the router out of service)")
    class Faults {
        @Test
        @DisplayName("RFC 5798 §6.4.3 Shutdown, applied to a fault: a Master cancels the Adver_Timer, sends priority 0 and goes to Initialize")
        void masterResignsLikeShutdown() {
            VrrpRouter router = master(v3(120));
            List<VrrpOutput> out = router.handle(VrrpInput.FAULT, T0 + 5 * SECOND);
            assertEquals(List.of(new CancelTimer(VrrpTimer.ADVER_TIMER),
                    new SendAdvert(VrrpAdvertisement.v3(VRID, 0, 100, List.of(VIP))),
                    new StateChanged(VrrpState.MASTER, VrrpState.INITIALIZE, VrrpCause.FAULT)), out);
            assertEquals(1, router.statistics().priorityZeroPktsSent());
        }

        @Test
        @DisplayName("RFC 5798 §6.4.2 Shutdown, applied to a fault: a Backup cancels the Master_Down_Timer and goes to Initialize, silently")
        void backupStops() {
            VrrpRouter router = backup(v3(120));
            assertEquals(List.of(new CancelTimer(VrrpTimer.MASTER_DOWN_TIMER),
                    new StateChanged(VrrpState.BACKUP, VrrpState.INITIALIZE, VrrpCause.FAULT)),
                    router.handle(VrrpInput.FAULT, T0 + SECOND));
        }

        @Test
        @DisplayName("RFC 5798 §6.4.1: the fault clearing is a Startup event: Backup with the Master_Down_Timer at Master_Down_Interval")
        void faultClearedStartsUp() {
            VrrpRouter router = backup(v3(120));
            router.handle(VrrpInput.FAULT, T0 + SECOND);
            long t = T0 + 9 * SECOND;
            assertEquals(List.of(new ArmTimer(VrrpTimer.MASTER_DOWN_TIMER, t + masterDownInterval(120, SECOND)),
                    new StateChanged(VrrpState.INITIALIZE, VrrpState.BACKUP, VrrpCause.FAULT_CLEARED)),
                    router.handle(VrrpInput.FAULT_CLEARED, t));
        }
    }

    @Nested
    @DisplayName("Priority changes (tracking)")
    class PriorityChanges {
        @Test
        @DisplayName("A Master whose priority drops advertises the new priority from its next advertisement on")
        void masterAdvertisesNewPriority() {
            VrrpRouter router = master(v3(200));
            assertEquals(List.of(), router.handle(new PriorityChanged(180), T0 + 5 * SECOND));
            long t = router.adverTimerAt().getAsLong();
            assertEquals(new SendAdvert(VrrpAdvertisement.v3(VRID, 180, 100, List.of(VIP))),
                    router.handle(VrrpInput.ADVER_TIMER_FIRED, t).getFirst());
            assertEquals(180, router.priority());
        }

        @Test
        @DisplayName("RFC 5798 §6.4.2: a Backup raised above the Master's priority discards its advertisements and preempts Master_Down_Interval after the last one accepted")
        void backupRaisedAbovePreempts() {
            VrrpRouter router = backup(v3(100));
            long t = T0 + 100 * MILLISECOND;
            router.handle(advert(HIGHER_ADDRESS, 150), t);
            long lastAccepted = t;
            router.handle(new PriorityChanged(180), t + 10 * MILLISECOND);
            long becameMaster = -1;
            for (t += SECOND; becameMaster < 0; t += SECOND) {
                becameMaster = runTimersUntil(router, t);
                if (becameMaster < 0) assertEquals(List.of(), router.handle(advert(HIGHER_ADDRESS, 150), t));
            }
            assertEquals(lastAccepted + masterDownInterval(100, SECOND), becameMaster,
                    "the Master_Down_Timer armed before the change keeps its deadline");
            assertEquals(NewMasterReason.PREEMPTED, router.newMasterReason());
        }

        @Test
        @DisplayName("RFC 5798 §6.1: a priority change recomputes Skew_Time, which a later priority-0 advertisement uses")
        void priorityChangeRecomputesSkew() {
            VrrpRouter router = backup(v3(100));
            router.handle(new PriorityChanged(200), T0 + SECOND);
            assertEquals(skewTime(200, SECOND), router.skewTimeNanos());
            long t = T0 + 2 * SECOND;
            assertEquals(List.of(new ArmTimer(VrrpTimer.MASTER_DOWN_TIMER, t + skewTime(200, SECOND))),
                    router.handle(advert(HIGHER_ADDRESS, 0), t));
        }

        @Test
        @DisplayName("RFC 5798 §5.2.4: the owner's priority stays 255")
        void ownerPriorityFixed() {
            VrrpRouter router = initialize(v3(255));
            router.handle(VrrpInput.STARTUP, T0);
            assertEquals(List.of(), router.handle(new PriorityChanged(100), T0 + 1));
            assertEquals(255, router.priority());
        }

        @Test
        @DisplayName("RFC 5798 §5.2.4: a priority change must stay within 1..254")
        void priorityRange() {
            assertThrows(IllegalArgumentException.class, () -> new PriorityChanged(0));
            assertThrows(IllegalArgumentException.class, () -> new PriorityChanged(255));
        }
    }

    @Nested
    @DisplayName("Counters (RFC 8347 statistics)")
    class Counters {
        @Test
        @DisplayName("RFC 8347: master-transitions, advertisement-sent/-rcvd and priority-zero counters follow the protocol")
        void countersFollowTheProtocol() {
            VrrpRouter router = master(v3(100));                  // 1 transition, 1 advert sent
            long t = router.adverTimerAt().getAsLong();
            router.handle(VrrpInput.ADVER_TIMER_FIRED, t);           // 2 sent
            router.handle(advert(HIGHER_ADDRESS, 0), t + 1);          // 1 rcvd (priority 0), 3 sent
            router.handle(advert(HIGHER_ADDRESS, 200), t + 2);        // 2 rcvd, now Backup
            router.handle(VrrpInput.MASTER_DOWN_TIMER_FIRED, router.masterDownTimerAt().getAsLong()); // 2 transitions, 4 sent
            router.handle(VrrpInput.SHUTDOWN, t + 20 * SECOND);      // 5 sent, 1 priority-zero sent
            VrrpStatistics s = router.statistics();
            assertEquals(2, s.masterTransitions());
            assertEquals(5, s.advertisementSent());
            assertEquals(2, s.advertisementRcvd());
            assertEquals(1, s.priorityZeroPktsRcvd());
            assertEquals(1, s.priorityZeroPktsSent());
            assertEquals(0, s.intervalErrors());
        }

        @Test
        @DisplayName("RFC 8347: the counters read by their YANG names")
        void yangNames() {
            VrrpStatistics s = master(v3(100)).statistics();
            assertEquals(List.of("master-transitions", "advertisement-rcvd", "advertisement-sent", "interval-errors",
                    "priority-zero-pkts-rcvd", "priority-zero-pkts-sent", "invalid-type-pkts-rcvd", "address-list-errors",
                    "packet-length-errors", "checksum-errors", "version-errors", "ip-ttl-errors", "auth-type-mismatch"),
                    List.copyOf(s.byYangName().keySet()));
            assertEquals(1L, s.byYangName().get("master-transitions"));
        }

        @Test
        @DisplayName("RFC 8347: new-master-reason is not-master until the router first becomes Master")
        void newMasterReasonInitially() {
            VrrpRouter router = backup(v3(100));
            assertEquals(NewMasterReason.NOT_MASTER, router.newMasterReason());
            assertEquals("not-master", router.newMasterReason().yangName());
            assertNull(router.lastAdvertSource());
            assertFalse(router.isOwner());
        }
    }

    @Nested
    @DisplayName("Configuration (RFC 5798 §6.1)")
    class Configuration {
        @Test
        @DisplayName("RFC 5798 §6.1: the v3 interval is 1..4095 centiseconds, the v2 interval 1..255 seconds")
        void intervalRanges() {
            assertThrows(IllegalArgumentException.class, () -> VrrpConfig.v3(VRID, 100, 0, List.of(VIP)));
            assertThrows(IllegalArgumentException.class, () -> VrrpConfig.v3(VRID, 100, 4096, List.of(VIP)));
            assertEquals(40_950 * MILLISECOND, VrrpConfig.v3(VRID, 100, 4095, List.of(VIP)).advertisementIntervalNanos());
            assertEquals(10 * MILLISECOND, VrrpConfig.v3(VRID, 100, 1, List.of(VIP)).advertisementIntervalNanos());
            assertThrows(IllegalArgumentException.class, () -> VrrpConfig.v2(VRID, 100, 0, List.of(VIP)));
            assertEquals(255 * SECOND, VrrpConfig.v2(VRID, 100, 255, List.of(VIP)).advertisementIntervalNanos());
        }

        @Test
        @DisplayName("RFC 5798 §6.1 defaults: preempt on, Accept_Mode off, RFC 5798 behaviour, pseudo-header checksum; Accept_Mode is v3 only")
        void defaults() {
            VrrpConfig c = v3(100);
            assertTrue(c.preempt());
            assertFalse(c.acceptMode());
            assertFalse(c.rfc9568());
            assertTrue(c.v3ChecksumPseudoHeader());
            assertTrue(c.wireOptions().vrrpV3PseudoHeader());
            assertFalse(c.withV3ChecksumPseudoHeader(false).wireOptions().vrrpV3PseudoHeader());
            assertEquals(Duration.ZERO, c.preemptDelay());
            assertThrows(IllegalArgumentException.class, () -> v2(100).withAcceptMode(true));
            assertThrows(IllegalArgumentException.class, () -> VrrpConfig.v3(VRID, 0, 100, List.of(VIP)));
            assertThrows(IllegalArgumentException.class, () -> VrrpConfig.v3(VRID, 100, 100, List.of(VIP, VIP)));
        }
    }
}
