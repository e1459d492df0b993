package io.firsthop.report;

import static io.firsthop.report.SyntheticTrace.S;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

@DisplayName("report.html: self-contained, offline, with its plots")
class HtmlReportTest {
    private static final List<String> CHARTS = List.of("latency", "states", "rtt-distribution", "failover-chain", "topology");

    @TempDir
    Path dir;

    private Path writeReport() {
        try (RunRecorder rec = new RunRecorder(dir, RecorderFiguresTest.context().withDuration(20 * S), RecorderOptions.DEFAULT)) {
            RecorderFiguresTest.vrrpCrash(true).feed(rec);
            rec.finish(List.of(new ExpectationResult("max-outage", "flow h1-out: longest outage at most 4 s", "3.620 s", "4 s", true)));
        }
        return dir.resolve(ReportFiles.HTML);
    }

    @Test
    @DisplayName("no script, stylesheet, image or font is fetched: nothing but the page itself")
    void selfContained() throws IOException {
        String html = Files.readString(writeReport());
        for (String forbidden : List.of("<script", "<link", "<img", "<iframe", "@import", "url(", "http://", "https://")) {
            assertFalse(html.contains(forbidden), "report.html contains " + forbidden);
        }
    }

    @Test
    @DisplayName("it is well-formed markup with one chart of each kind per flow, group, failover and the topology")
    void wellFormed() throws Exception {
        String html = Files.readString(writeReport());
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        NodeList svgs = doc.getElementsByTagName("svg");
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < svgs.getLength(); i++) kinds.add(((Element) svgs.item(i)).getAttribute("data-chart"));
        assertEquals(CHARTS, kinds);
        assertTrue(doc.getElementsByTagName("polyline").getLength() >= 1, "the latency line");
        assertTrue(doc.getElementsByTagName("circle").getLength() >= 7 + 2, "seven chain steps and two routers");
    }

    @Test
    @DisplayName("headless Chromium renders it with every plot in the DOM, drawn (non-empty boxes), and takes a screenshot")
    void chromiumRendersThePlots() throws Exception {
        String chromium = chromium();
        Assumptions.assumeTrue(chromium != null, "chromium is not installed (.ci/run installs it)");
        Path html = writeReport();
        Path profile = Files.createDirectories(dir.resolve("profile"));
        String dom = run(chromium, profile, "--dump-dom", html.toUri().toString());
        for (String kind : CHARTS) {
            assertTrue(dom.contains("data-chart=\"" + kind + "\""), "rendered DOM lacks the " + kind + " chart");
        }
        Matcher m = Pattern.compile("<svg [^>]*data-chart=\"latency\"[^>]*>(.*?)</svg>", Pattern.DOTALL).matcher(dom);
        assertTrue(m.find());
        assertTrue(m.group(1).contains("<polyline class=\"mean\""), "latency line present");
        assertTrue(m.group(1).contains("class=\"loss\""), "lost probes marked");
        assertTrue(m.group(1).contains("class=\"failure\""), "the crash marked");

        // what the browser laid out: a copy of the page measures each chart (the report itself has no script)
        Path probe = dir.resolve("probe.html");
        Files.writeString(probe, Files.readString(html).replace("</body>", """
                <pre id="sizes"></pre><script>
                document.getElementById('sizes').textContent = Array.from(document.querySelectorAll('svg.chart')).map(function (s) {
                  var r = s.getBoundingClientRect(), b = s.getBBox();
                  return s.getAttribute('data-chart') + ' ' + Math.round(r.width) + ' ' + Math.round(r.height) + ' '
                      + Math.round(b.width) + ' ' + Math.round(b.height);
                }).join(';');
                </script></body>"""));
        String measured = run(chromium, profile, "--dump-dom", probe.toUri().toString());
        Matcher sizes = Pattern.compile("<pre id=\"sizes\">([^<]*)</pre>").matcher(measured);
        assertTrue(sizes.find(), "the measuring script ran");
        List<String> laidOut = new ArrayList<>();
        for (String chart : sizes.group(1).split(";")) {
            String[] v = chart.split(" ");
            laidOut.add(v[0]);
            assertTrue(Integer.parseInt(v[1]) >= 300 && Integer.parseInt(v[2]) >= 60, "chart box " + chart);
            assertTrue(Integer.parseInt(v[3]) >= 200 && Integer.parseInt(v[4]) >= 40, "chart drawing " + chart);
        }
        assertEquals(CHARTS, laidOut);

        Path shot = dir.resolve("report.png");
        run(chromium, profile, "--screenshot=" + shot, "--window-size=1200,2400", "--hide-scrollbars", html.toUri().toString());
        assertTrue(Files.size(shot) > 10_000, "a screenshot with content");
        byte[] png = Files.readAllBytes(shot);
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
    }

    static String chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) return p.toString();
            }
        }
        return null;
    }

    /** Runs headless Chromium with one more action; returns its standard output. */
    static String run(String chromium, Path profile, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(profile, "out", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s: " + cmd);
        }
        assertEquals(0, p.exitValue(), "chromium exit status for " + cmd);
        return Files.readString(out);
    }
}
