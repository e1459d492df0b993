package io.firsthop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line run in-process, its output captured. */
class MainTest {
    /** One in-process run: exit code, standard output and standard error. */
    record Run(int exitCode, String out, String err) {}

    static Run run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return run(Main.commandLine(), args);
    }

    @Nested
    @DisplayName("help and usage")
    class Help {
        @Test
        @DisplayName("--help lists the commands and the exit codes, and exits with 0")
        void help() {
            Run r = run("--help");
            assertEquals(0, r.exitCode());
            for (String s : new String[] {"Commands:", "  demo ", "  bench ", "  help ", "Exit codes:", "0   success",
                    "2   invalid input or usage", "3   the run itself failed"}) {
                assertTrue(r.out().contains(s), "missing '" + s + "' in:\n" + r.out());
            }
        }

        @Test
        @DisplayName("no command prints the usage and exits with 0")
        void noCommand() {
            Run r = run();
            assertEquals(0, r.exitCode());
            assertTrue(r.out().startsWith("Usage: firsthop"), r.out());
        }

        @Test
        @DisplayName("each command documents its options and exit codes")
        void commandHelp() {
            Run demo = run("help", "demo");
            assertTrue(demo.out().contains("--seed=N") && demo.out().contains("--verbose") && demo.out().contains("Exit codes:"), demo.out());
            Run bench = run("bench", "--help");
            assertTrue(bench.out().contains("--seconds=S") && bench.out().contains("--rounds=R") && bench.out().contains("Exit codes:"), bench.out());
        }

        @Test
        @DisplayName("an unknown command or option, or a bad value, is a usage error: exit 2, a message and no stack trace")
        void usageErrors() {
            for (String[] args : new String[][] {{"nope"}, {"demo", "--colour"}, {"demo", "--seed", "x"}, {"bench", "--rounds", "0"},
                    {"bench", "--seconds", "-1"}}) {
                Run r = run(args);
                assertEquals(2, r.exitCode(), String.join(" ", args));
                assertFalse(r.err().isBlank(), "a message on stderr for " + String.join(" ", args));
                assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
            }
            assertTrue(run("bench", "--rounds", "0").err().contains("rounds must be >= 1, was 0"));
        }
    }

    @Nested
    @DisplayName("a failing run")
    class Failure {
        @Command(name = "boom")
        static final class Boom implements Callable<Integer> {
            @Override
            public Integer call() {
                throw new IllegalStateException("device 'r1' failed handling Crash[] at 5 ns", new ArithmeticException("overflow"));
            }
        }

        @Test
        @DisplayName("exits with 3 and says why in one line, causes included, without a stack trace")
        void exitThree() {
            CommandLine cl = Main.commandLine();
            cl.addSubcommand("boom", new Boom());
            Run r = run(cl, "boom");
            assertEquals(3, r.exitCode());
            assertEquals("firsthop boom: the run failed: device 'r1' failed handling Crash[] at 5 ns: overflow", r.err().strip());
        }
    }

    @Nested
    @DisplayName("demo")
    class Demo {
        private final Run r = run("demo");

        @Test
        @DisplayName("exits with 0 and tells the four points in order")
        void fourPoints() {
            assertEquals(0, r.exitCode(), r.err());
            int p1 = r.out().indexOf("Point 1.");
            int p2 = r.out().indexOf("Point 2.");
            int p3 = r.out().indexOf("Point 3.");
            int p4 = r.out().indexOf("Point 4.");
            assertTrue(p1 > 0 && p1 < p2 && p2 < p3 && p3 < p4, r.out());
        }

        @Test
        @DisplayName("point 1: ARP between the hosts, every same-subnet ping answered through the gateway's crash, no IP packet at the gateway")
        void point1() {
            String p = section("Point 1.", "Point 2.");
            assertTrue(p.contains("h1     ARP: learned 10.0.0.12 is at 02:00:00:00:00:02"), p);
            assertTrue(p.contains("1.005000  r1     >>> crash"), p);
            assertTrue(p.contains("result: h1 -> h2 (10.0.0.12): 401 pings, 401 answered, 0 lost"), p);
            assertTrue(p.contains("r1 received 0 IP packets of the h1-h2 conversation"), p);
        }

        @Test
        @DisplayName("point 2: the lone gateway's crash costs exactly the pings sent until its restart")
        void point2() {
            String p = section("Point 2.", "Point 3.");
            assertTrue(p.contains("2.505000  r1     >>> restart"), p);
            assertTrue(p.contains("result: h1 -> srv (198.51.100.10): 401 pings, 251 answered, 150 lost"), p);
            assertTrue(p.contains("outage: pings sent from 1.010000 s to 2.500000 s lost (150); answered again from 2.510000 s: 1.500 s without service"), p);
        }

        @Test
        @DisplayName("point 3: the four failure kinds each cut the routed path; only the switch crash also cuts h2 -> h1")
        void point3() {
            String p = section("Point 3.", "Point 4.");
            for (String kind : new String[] {">>> crash", ">>> interface-down ge0", ">>> link cut", "sw1    >>> crash"}) {
                assertTrue(p.contains(kind), kind + " in\n" + p);
            }
            assertEquals(4, count(p, "result: h1 -> srv (198.51.100.10): 401 pings, 251 answered, 150 lost"), p);
            assertEquals(3, count(p, "result: h2 -> h1 (10.0.0.11): 401 pings, 401 answered, 0 lost"), p);
            assertEquals(1, count(p, "result: h2 -> h1 (10.0.0.11): 401 pings, 251 answered, 150 lost"), p);
        }

        @Test
        @DisplayName("point 4: h1 loses every ping from r1's crash until the operator repoints it; h2 on r2 loses none")
        void point4() {
            String p = section("Point 4.", "Every run is deterministic");
            assertTrue(p.contains("3.005000  h1     >>> operator: SetGateway[gateway=10.0.0.2]"), p);
            assertTrue(p.contains("h1     default gateway 10.0.0.1 -> 10.0.0.2"), p);
            assertTrue(p.contains("result: h1 -> srv (198.51.100.10): 401 pings, 201 answered, 200 lost"), p);
            assertTrue(p.contains("answered again from 3.010000 s: 2.000 s without service"), p);
            assertTrue(p.contains("result: h2 -> srv (198.51.100.10): 401 pings, 401 answered, 0 lost"), p);
        }

        @Test
        @DisplayName("the same seed prints the same lines; another seed moves the jittered times but not the counts")
        void seeds() {
            assertEquals(r.out(), run("demo", "--seed", "1").out());
            Run other = run("demo", "--seed", "7");
            assertNotEquals(r.out(), other.out());
            assertTrue(other.out().contains("result: h1 -> srv (198.51.100.10): 401 pings, 251 answered, 150 lost"), other.out());
        }

        @Test
        @DisplayName("--verbose adds every trace event, frames included")
        void verbose() {
            Run v = run("demo", "--verbose");
            assertEquals(0, v.exitCode());
            assertTrue(v.out().length() > 20 * r.out().length(), "much longer");
            assertTrue(v.out().contains("ARP who-has 10.0.0.12 tell 10.0.0.11"), "frames are shown");
            assertTrue(v.out().contains("ICMP echo request id 1 seq 0"), "frames are shown");
            assertTrue(v.out().contains("MAC table: learned 02:00:00:00:00:01 on p1"), "switch learning is shown");
        }

        private String section(String from, String to) {
            int a = r.out().indexOf(from);
            int b = r.out().indexOf(to, a);
            assertTrue(a >= 0 && b > a, "sections " + from + " .. " + to + " in\n" + r.out());
            return r.out().substring(a, b);
        }

        private static int count(String text, String needle) {
            int n = 0;
            for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
            return n;
        }
    }

    @Test
    @DisplayName("bench: a tiny run prints the figures, the baseline and the targets, and exits with 0")
    void bench() {
        Run r = run("bench", "--seconds", "0.2", "--rounds", "1", "--warmup", "0", "--hosts", "2");
        assertEquals(0, r.exitCode(), r.err());
        for (String s : new String[] {"0.2 virtual s per round, 0 warm-up + 1 measured rounds", "round 1", "LAN events/s:",
                "LAN speed-up:", "per CPU second:", "baseline events/s:", "device cores cost:", "targets: >= 1,000,000 events/s"}) {
            assertTrue(r.out().contains(s), "missing '" + s + "' in:\n" + r.out());
        }
    }
}
