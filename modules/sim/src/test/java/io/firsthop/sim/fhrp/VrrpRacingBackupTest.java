package io.firsthop.sim.fhrp;

import static io.firsthop.sim.fhrp.VrrpLab.MS;
import static io.firsthop.sim.fhrp.VrrpLab.VMAC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.trace.TraceEvent;
import io.firsthop.sim.fhrp.VrrpFailoverProperties.Failure;
import io.firsthop.sim.fhrp.VrrpFailoverProperties.Scenario;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Three routers whose two lower priorities are so close that their Skew_Times differ by less
 * than an advertisement's trip across the LAN switch: when the Master goes, the lowest Backup's
 * Master_Down_Timer fires before the rightful new Master's first advertisement reaches it, so
 * it is Master for an instant too, and its frames from the virtual MAC teach the switches the
 * wrong port until the new Master's next advertisement. The samples are the ones jqwik found
 * for {@link VrrpFailoverProperties#oneMasterAndBoundedOutage}.
 */
class VrrpRacingBackupTest {
    /** The lab and instants of a three-router failover of r3 (the highest priority) at phase 0. */
    private record Run(VrrpLab lab, long failureAt, long bound) {
        static Run crashOfTop(int[] priorities, boolean rfc9568) {
            VrrpLab lab = new VrrpLab(VrrpLab.Options.v3(5).withPriorities(priorities).withProbeInterval(5 * MS)
                    .withRfc9568(rfc9568), 0);
            long interval = lab.options.intervalNanos();
            long latency = lab.options.latency();
            long failureAt = VrrpFailoverProperties.masterDownInterval(interval, priorities[2]) + 2 * latency + interval;
            long bound = VrrpFailoverProperties.masterDownInterval(interval, priorities[1]) + 2 * latency;
            lab.sim.crash(failureAt, "r3");
            lab.sim.runUntil(failureAt + bound + interval + 100 * MS);
            return new Run(lab, failureAt, bound);
        }

        long outage(String host) {
            return lab.firstAnsweredProbeFrom(host, failureAt) - failureAt;
        }
    }

    @Test
    @DisplayName("RFC 5798 §6.4.2/§6.4.3: a Backup within an advertisement's trip of the new Master's Skew_Time is Master for an instant, and the gateway is lost until the new Master's next advertisement")
    void racingBackupCostsOneAdvertisementInterval() {
        Run run = Run.crashOfTop(new int[] {1, 2, 3}, false);
        VrrpLab lab = run.lab();
        long interval = lab.options.intervalNanos();
        long latency = lab.options.latency();

        long r2Master = lab.firstChange("r2", VrrpLab.LAN_GROUP, "master", run.failureAt()).orElseThrow().at();
        long r1Master = lab.firstChange("r1", VrrpLab.LAN_GROUP, "master", run.failureAt()).orElseThrow().at();
        long r1Backup = lab.firstChange("r1", VrrpLab.LAN_GROUP, "backup", r1Master).orElseThrow().at();
        assertTrue(r1Master > r2Master && r1Master < r2Master + 2 * latency,
                "r1's timer fires before r2's first advertisement reaches it: r2 at " + r2Master + ", r1 at " + r1Master);
        assertEquals(r2Master + 2 * latency, r1Backup, "r1 yields when r2's advertisement arrives (§6.4.3)");

        for (String sw : List.of("sw1", "sw2")) {
            List<TraceEvent.MacMoved> moves = lab.trace.ofType(TraceEvent.MacMoved.class, sw).stream()
                    .filter(m -> m.mac().equals(VMAC) && m.at() > run.failureAt()).toList();
            assertEquals(2, moves.size(), sw + " moves the virtual MAC twice: " + moves);
            assertEquals("r1", moves.get(0).newPort(), sw + " learns the virtual MAC from r1's frames as Master");
            assertEquals(r1Master + latency, moves.get(0).at());
            assertEquals("r2", moves.get(1).newPort(), sw + " learns it back from r2's next advertisement");
            assertEquals(r2Master + interval + latency, moves.get(1).at());
        }

        long slack = lab.options.probeInterval() + 2 * MS;
        for (String host : List.of("h1", "h2")) {
            long outage = run.outage(host);
            assertTrue(outage > run.bound() + slack, host + " pays for the race: " + outage + " ns");
            assertTrue(outage <= run.bound() + interval + slack, host + " without a gateway for " + outage + " ns");
        }
    }

    @Test
    @DisplayName("RFC 9568 §6.4.3: the new Master answers the racing Backup's advertisement at once, so the switches learn it back and the outage keeps the plain bound")
    void rfc9568MasterReassertsAtOnce() {
        Run run = Run.crashOfTop(new int[] {1, 2, 3}, true);
        VrrpLab lab = run.lab();
        assertTrue(lab.firstChange("r1", VrrpLab.LAN_GROUP, "master", run.failureAt()).isPresent(), "the race still happens");
        long slack = lab.options.probeInterval() + 2 * MS;
        for (String host : List.of("h1", "h2")) {
            long outage = run.outage(host);
            assertTrue(outage <= run.bound() + slack, host + " without a gateway for " + outage + " ns, bound " + run.bound());
        }
    }

    @Test
    @DisplayName("RFC 5798 §6.4: the shrunk power-failure sample [1, 2, 3] keeps the property")
    void shrunkPowerFailureSample() {
        VrrpFailoverProperties.check(new Scenario(List.of(1, 2, 3), 5, 5 * MS, Failure.POWER_FAILURE, 0, 0));
    }

    @Test
    @DisplayName("RFC 5798 §6.4: the original shutdown sample [27, 245, 26] keeps the property")
    void originalShutdownSample() {
        VrrpFailoverProperties.check(new Scenario(List.of(27, 245, 26), 5, 6 * MS, Failure.SHUTDOWN, 152, 7));
    }
}
