package io.firsthop.sim.fhrp;

import static io.firsthop.sim.fhrp.DuplicateGroupTest.OTHER_VIP;
import static io.firsthop.sim.fhrp.DuplicateGroupTest.VIP;
import static io.firsthop.sim.fhrp.DuplicateGroupTest.oneSwitch;
import static io.firsthop.sim.fhrp.DuplicateGroupTest.router;
import static io.firsthop.sim.fhrp.DuplicateGroupTest.vrrp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firsthop.core.glbp.GlbpConfig;
import io.firsthop.core.glbp.GlbpGroup;
import io.firsthop.core.hsrp.HsrpConfig;
import io.firsthop.core.hsrp.HsrpGroup;
import io.firsthop.core.hsrp.HsrpTimers;
import io.firsthop.core.l2.SwitchPort;
import io.firsthop.core.l3.Router;
import io.firsthop.core.trace.TraceEvent;
import io.firsthop.sim.TraceRecorder;
import io.firsthop.sim.VirtualEngine;
import io.firsthop.sim.segment.SegmentValidator;
import io.firsthop.wire.HsrpState;
import io.firsthop.wire.Ipv4Address;
import io.firsthop.wire.MacAddress;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Notes point 6 for HSRP and GLBP: the virtual MAC derives from the group number (HSRP v1
 * 0000.0c07.acXX, v2 0000.0c9f.fXXX, GLBP 0007.b4XX.XXYY), so one segment must not carry one
 * number twice within one family; other families, other segments, and the members of one group
 * are fine.
 */
class HsrpGlbpDuplicateGroupTest {
    static VirtualEngine sameVlan(Router r1, Router r3) {
        return oneSwitch(SwitchPort.access("p1", 10), SwitchPort.access("p3", 10), r1, r3);
    }

    static HsrpGroup hsrp(int version, int group, Ipv4Address vip) {
        return new HsrpGroup(0, HsrpConfig.of(version, group, vip));
    }

    static GlbpGroup glbp(int group, Ipv4Address vip) {
        return new GlbpGroup(0, GlbpConfig.defaults(group, vip));
    }

    @Nested
    @DisplayName("HSRP")
    class Hsrp {
        @Test
        @DisplayName("notes point 6: two HSRP groups 1 with different virtual IPs on one VLAN are rejected, naming both routers, interfaces and groups")
        void sameSegmentRejected() {
            VirtualEngine sim = sameVlan(router("r1", 1, hsrp(1, 1, VIP)), router("r3", 3, hsrp(1, 1, OTHER_VIP)));
            var e = assertThrows(IllegalArgumentException.class, () -> SegmentValidator.validate(sim));
            assertEquals("duplicate hsrp group 1 on one L2 segment: r1:ge0 (hsrp 1, 10.0.0.1) and r3:ge0 (hsrp 1, 10.0.0.100):"
                    + " their virtual MACs would collide", e.getMessage());
        }

        @Test
        @DisplayName("the routers of one group are members, not duplicates, even when one learns the virtual IP (RFC 2281 §5.1)")
        void membersFine() {
            assertEquals(List.of(), SegmentValidator.conflicts(sameVlan(router("r1", 1, hsrp(1, 1, VIP)), router("r3", 3, hsrp(1, 1, VIP)))));
            assertEquals(List.of(), SegmentValidator.conflicts(sameVlan(router("r1", 1, hsrp(1, 1, VIP)), router("r3", 3, hsrp(1, 1, null)))));
        }

        @Test
        @DisplayName("RFC 2281 §5.1: a different password makes another group, though number and address match")
        void passwordsDiffer() {
            HsrpGroup secret = new HsrpGroup(0, HsrpConfig.of(1, 1, VIP).withAuthentication("s3cret"));
            List<SegmentValidator.Conflict> conflicts = SegmentValidator.conflicts(sameVlan(router("r1", 1, hsrp(1, 1, VIP)),
                    router("r3", 3, secret)));
            assertEquals(1, conflicts.size());
            assertEquals("r3", conflicts.getFirst().second().router());
        }

        @Test
        @DisplayName("why it matters: run anyway, two groups 1 that cannot hear each other both become Active and the switch flaps 0000.0c07.ac01 between them")
        void collisionInTheEngine() {
            HsrpConfig fast = HsrpConfig.of(2, 1, VIP).withTimers(HsrpTimers.millis(100, 400));
            HsrpGroup a = new HsrpGroup(0, fast);
            HsrpGroup b = new HsrpGroup(0, fast.withAuthentication("s3cret"));
            VirtualEngine sim = sameVlan(router("r1", 1, a), router("r3", 3, b));
            TraceRecorder trace = new TraceRecorder(false);
            sim.addTraceSink(trace);
            sim.run(5 * HsrpLab.S);

            assertEquals(HsrpState.ACTIVE, a.state());
            assertEquals(HsrpState.ACTIVE, b.state());
            MacAddress vmac = MacAddress.parse("00:00:0c:9f:f0:01");
            long moves = trace.ofType(TraceEvent.MacMoved.class, "sw1").stream().filter(m -> m.mac().equals(vmac)).count();
            assertTrue(moves > 10, moves + " moves of the virtual MAC");
        }

        @Test
        @DisplayName("HSRP version 1 and version 2 with one group number use different MACs (0000.0c07.ac01, 0000.0c9f.f001): fine")
        void versionsDoNotCollide() {
            assertEquals(List.of(), SegmentValidator.conflicts(sameVlan(router("r1", 1, hsrp(1, 1, VIP)), router("r3", 3, hsrp(2, 1, OTHER_VIP)))));
            assertEquals(1, SegmentValidator.conflicts(sameVlan(router("r1", 1, hsrp(2, 1, VIP)), router("r3", 3, hsrp(2, 1, OTHER_VIP)))).size());
        }

        @Test
        @DisplayName("notes point 6: the same group on different segments is fine: HsrpLab runs group 1 on the LAN and on the uplink segment")
        void differentSegmentsFine() {
            HsrpLab lab = new HsrpLab(HsrpLab.Options.v1());
            assertEquals(List.of(), SegmentValidator.conflicts(lab.sim));
            SegmentValidator.validate(lab.sim);
        }
    }

    @Nested
    @DisplayName("GLBP")
    class Glbp {
        @Test
        @DisplayName("notes point 6: two GLBP groups 1 with different virtual IPs on one VLAN are rejected, naming both")
        void sameSegmentRejected() {
            VirtualEngine sim = sameVlan(router("r1", 1, glbp(1, VIP)), router("r3", 3, glbp(1, OTHER_VIP)));
            var e = assertThrows(IllegalArgumentException.class, () -> SegmentValidator.validate(sim));
            assertEquals("duplicate glbp group 1 on one L2 segment: r1:ge0 (glbp 1, 10.0.0.1) and r3:ge0 (glbp 1, 10.0.0.100):"
                    + " their virtual MACs would collide", e.getMessage());
        }

        @Test
        @DisplayName("the members of one GLBP group are fine; another authentication string is another group")
        void membersAndAuthentication() {
            assertEquals(List.of(), SegmentValidator.conflicts(sameVlan(router("r1", 1, glbp(1, VIP)), router("r3", 3, glbp(1, VIP)))));
            GlbpGroup secret = new GlbpGroup(0, GlbpConfig.defaults(1, VIP).withAuthentication("s3cret"));
            assertEquals(1, SegmentValidator.conflicts(sameVlan(router("r1", 1, glbp(1, VIP)), router("r3", 3, secret))).size());
        }

        @Test
        @DisplayName("notes point 6: the same GLBP group on different segments is fine: GlbpLab runs group 1 on the LAN and on the uplink segment")
        void differentSegmentsFine() {
            GlbpLab lab = new GlbpLab(GlbpLab.Options.defaults());
            assertEquals(List.of(), SegmentValidator.conflicts(lab.sim));
            SegmentValidator.validate(lab.sim);
        }
    }

    @Test
    @DisplayName("VRRP 1, HSRP 1 (v1 and v2) and GLBP 1 on one segment draw from four MAC families: fine")
    void familiesDoNotCollide() {
        Router r1 = router("r1", 1, vrrp(1, VIP), hsrp(1, 1, OTHER_VIP));
        Router r3 = router("r3", 3, hsrp(2, 1, Ipv4Address.parse("10.0.0.101")),
                glbp(1, Ipv4Address.parse("10.0.0.102")));
        assertEquals(List.of(), SegmentValidator.conflicts(sameVlan(r1, r3)));
    }
}
