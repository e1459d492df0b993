package io.firsthop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code firsthop cluster}'s input checks and its commands on an empty state directory, run
 * in-process. (Starting real site JVMs is the cluster module's SiteProcessesTest.)
 */
class ClusterCommandTest {
    @TempDir
    Path dir;

    private MainTest.Run run(String... args) {
        return MainTest.run(args);
    }

    @Test
    @DisplayName("cluster --help lists up, status, down, kill and bench and the state directory")
    void help() {
        MainTest.Run r = run("cluster", "--help");
        assertEquals(0, r.exitCode());
        for (String s : new String[] {"  up ", "  status ", "  down ", "  kill ", "  bench ", "FIRSTHOP_STATE_DIR"}) {
            assertTrue(r.out().contains(s), "missing '" + s + "' in:\n" + r.out());
        }
    }

    @Test
    @DisplayName("up refuses a site named twice, with exit code 2 and no process started")
    void duplicateSite() {
        MainTest.Run r = run("cluster", "up", "--sites", "seoul,seoul", "--state-dir", dir.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("distinct"), r.err());
        assertFalse(Files.exists(dir.resolve("cluster.state")));
    }

    @Test
    @DisplayName("up refuses an unknown topology, naming the known ones")
    void unknownTopology() {
        MainTest.Run r = run("cluster", "up", "--sites", "seoul,daegu", "--topology", "nope", "--state-dir", dir.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("two-site-vrrp"), r.err());
    }

    @Test
    @DisplayName("up refuses a topology whose sites are not all started")
    void missingSite() {
        MainTest.Run r = run("cluster", "up", "--sites", "seoul", "--topology", "two-site-vrrp", "--state-dir", dir.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("daegu"), r.err());
    }

    @Test
    @DisplayName("status, down and kill on a directory with no cluster say so and touch nothing")
    void emptyStateDirectory() {
        MainTest.Run status = run("cluster", "status", "--state-dir", dir.toString());
        assertEquals(0, status.exitCode());
        assertTrue(status.out().contains("no cluster"), status.out());
        MainTest.Run down = run("cluster", "down", "--state-dir", dir.toString());
        assertEquals(0, down.exitCode());
        assertTrue(down.out().contains("no cluster recorded"), down.out());
        MainTest.Run kill = run("cluster", "kill", "seoul", "--state-dir", dir.toString());
        assertEquals(2, kill.exitCode());
        assertTrue(kill.out().contains("no site seoul"), kill.out());
    }

    @Test
    @DisplayName("down leaves alone a recorded pid whose process is not the one started (start time differs)")
    void downLeavesStrangersAlone() throws Exception {
        // this test JVM's own pid, recorded with a start time it does not have
        long self = ProcessHandle.current().pid();
        Files.writeString(dir.resolve("cluster.state"), "sites=seoul\nsite.seoul.pid=" + self
                + "\nsite.seoul.start=2001-01-01T00\\:00\\:00Z\nsite.seoul.log=/dev/null\n");
        MainTest.Run down = run("cluster", "down", "--state-dir", dir.toString(), "--grace", "1");
        assertEquals(0, down.exitCode());
        assertTrue(down.out().contains("left alone"), down.out());
        assertTrue(ProcessHandle.current().isAlive());
    }
}
