package io.firsthop.cluster.launch;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Starts, inspects and stops a local cluster: one JVM per site on this machine
 * ({@code bin/firsthop cluster up|status|down|kill|rejoin}).
 *
 * <p>The run-state directory ({@link #defaultStateDir}) holds, per site, {@code <site>.log}
 * (the JVM's output), {@code <site>.address}, {@code <site>.pid}, {@code <site>.status}
 * (written by the site twice a second, see {@link SiteRunner}) and {@code <site>.trace}; and
 * {@code cluster.state}, what {@link #up} started: each site's pid, the process's start
 * instant and its log.
 *
 * <p>{@link #down} and {@link #kill} stop exactly those processes: a pid is signalled only
 * if the live process with that pid has the recorded start instant and (when the system
 * shows it) a command line running {@link SiteMain} for that site, so a pid reused by an
 * unrelated process since is never touched. {@code down} sends SIGTERM (the site leaves the
 * cluster and flushes its trace), then SIGKILL after a grace period.
 */
public final class Launcher {
    /** The file recording what {@link #up} started. */
    public static final String STATE_FILE = "cluster.state";
    private static final String MAIN = SiteMain.class.getName();

    /** A site process {@link #up} started. */
    public record SiteProcess(String site, long pid, String startInstant, Path log) {}

    /** What a state directory says about a site: its process (if recorded), liveness, and its last status file. */
    public record SiteView(String site, SiteProcess process, boolean alive, Map<String, String> status,
                           List<String> members, Duration statusAge) {}

    /**
     * What {@link #up} starts.
     *
     * @param sites      the sites, the first coordinating the run
     * @param topology   a built-in topology name, or "none"
     * @param runSeed    the run's seed
     * @param stateDir   the run-state directory
     * @param javaBin    the java executable (the JDK bin/firsthop chose: this JVM's own)
     * @param classPath  the class path of the site JVMs (this JVM's own: the built CLI)
     * @param jvmOptions extra JVM options for each site
     * @param waitUp     how long to wait for every site to be Up and running
     */
    public record UpOptions(List<String> sites, String topology, long runSeed, Path stateDir, String javaBin,
                            String classPath, List<String> jvmOptions, Duration waitUp) {
        public UpOptions {
            sites = List.copyOf(sites);
            jvmOptions = List.copyOf(jvmOptions);
        }

        /** This JVM's java and class path, no extra options, a 90 s wait. */
        public static UpOptions of(List<String> sites, String topology, long runSeed, Path stateDir) {
            return new UpOptions(sites, topology, runSeed, stateDir, currentJava(), System.getProperty("java.class.path"),
                    List.of(), Duration.ofSeconds(90));
        }
    }

    private Launcher() {
    }

    /**
     * The run-state directory: {@code $FIRSTHOP_STATE_DIR} if set, else
     * {@code $XDG_RUNTIME_DIR/firsthop/cluster} if that is set, else {@code ~/.firsthop/cluster}.
     */
    public static Path defaultStateDir() {
        String explicit = System.getenv("FIRSTHOP_STATE_DIR");
        if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) return Path.of(runtime, "firsthop", "cluster");
        return Path.of(System.getProperty("user.home"), ".firsthop", "cluster");
    }

    /** This JVM's java executable. */
    public static String currentJava() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** JVM options every site gets. */
    public static List<String> defaultJvmOptions() {
        List<String> options = new ArrayList<>();
        options.add("-Dlogback.configurationFile=firsthop-site-logback.xml");
        // Kryo and Pekko use sun.misc.Unsafe; JDK 23+ warns about it unless allowed.
        if (Runtime.version().feature() >= 23) options.add("--sun-misc-unsafe-memory-access=allow");
        return options;
    }

    /** The command line of a site JVM. */
    public static List<String> siteCommand(String javaBin, String classPath, List<String> jvmOptions, List<String> siteArgs) {
        return siteCommand(javaBin, classPath, jvmOptions, MAIN, siteArgs);
    }

    /** The command line of a site JVM whose main class is {@code mainClass} (one that runs a site as {@link SiteMain} does). */
    public static List<String> siteCommand(String javaBin, String classPath, List<String> jvmOptions, String mainClass,
                                           List<String> siteArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBin);
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass);
        cmd.addAll(siteArgs);
        return cmd;
    }

    /**
     * Starts a site JVM with its output appended to {@code log} and no input. With
     * {@code detach}, it runs in a session of its own ({@code setsid}) so that it outlives the
     * launching terminal.
     */
    public static Process launch(List<String> command, Path log, boolean detach) throws IOException {
        List<String> cmd = new ArrayList<>(command);
        if (detach) {
            Optional<Path> setsid = findOnPath("setsid");
            if (setsid.isPresent()) cmd.add(0, setsid.get().toString());
        }
        Files.createDirectories(log.toAbsolutePath().getParent());
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }

    /** Starts one JVM per site, records them, and waits until every site is Up and running. */
    public static List<SiteProcess> up(UpOptions o, PrintWriter out) throws IOException, InterruptedException {
        Path dir = o.stateDir();
        Files.createDirectories(dir);
        for (SiteView v : views(dir)) {
            if (v.alive()) {
                throw new IllegalStateException("a cluster started from " + dir + " is still running (site " + v.site()
                        + ", pid " + v.process().pid() + "): run 'firsthop cluster down' first");
            }
        }
        for (String site : o.sites()) {
            for (String ext : List.of(".address", ".pid", ".status", ".trace", ".log")) {
                Files.deleteIfExists(dir.resolve(site + ext));
            }
        }
        Files.deleteIfExists(dir.resolve(STATE_FILE));
        List<String> jvm = new ArrayList<>(defaultJvmOptions());
        jvm.addAll(o.jvmOptions());
        List<SiteProcess> started = new ArrayList<>();
        for (String site : o.sites()) {
            List<String> args = List.of("--site", site, "--sites", String.join(",", o.sites()), "--state-dir",
                    dir.toAbsolutePath().toString(), "--topology", o.topology(), "--run-seed", Long.toString(o.runSeed()));
            Path log = dir.resolve(site + ".log");
            Process p = launch(siteCommand(o.javaBin(), o.classPath(), jvm, args), log, true);
            String start = p.toHandle().info().startInstant().map(Instant::toString).orElse("");
            SiteProcess sp = new SiteProcess(site, p.pid(), start, log.toAbsolutePath());
            started.add(sp);
            writeState(dir, o, started);
            out.printf("started site %-10s pid %-8d log %s%n", site, p.pid(), sp.log());
        }
        out.printf("waiting for %s to be Up%s ...%n", o.sites(), "none".equals(o.topology()) ? "" : " and running " + o.topology());
        long deadline = System.nanoTime() + o.waitUp().toNanos();
        while (true) {
            List<SiteView> views = views(dir);
            List<String> dead = views.stream().filter(v -> !v.alive()).map(SiteView::site).toList();
            if (!dead.isEmpty()) {
                throw new IllegalStateException("site JVM(s) " + dead + " exited during start-up; see their logs in " + dir
                        + " (then 'firsthop cluster down' stops the others)");
            }
            if (views.stream().allMatch(v -> ready(v, o))) break;
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not every site was Up within " + o.waitUp() + "; see the logs in " + dir
                        + " ('firsthop cluster status' shows how far each got)");
            }
            Thread.sleep(200);
        }
        out.println("all sites Up" + ("none".equals(o.topology()) ? "" : ", run started") + ". State directory: "
                + dir.toAbsolutePath());
        for (SiteProcess sp : started) {
            out.printf("  %-10s pid %-8d log %s  trace %s%n", sp.site(), sp.pid(), sp.log(), dir.resolve(sp.site() + ".trace").toAbsolutePath());
        }
        return started;
    }

    private static boolean ready(SiteView v, UpOptions o) {
        String state = v.status().getOrDefault("state", "");
        boolean running = "none".equals(o.topology()) ? state.equals("up") || state.equals("running") : state.equals("running");
        long up = v.members().stream().filter(m -> m.contains(" Up ") && m.endsWith(" reachable")).count();
        return running && up >= o.sites().size();
    }

    /** Every site recorded in (or with a status file in) {@code dir}, with its liveness and last status. */
    public static List<SiteView> views(Path dir) throws IOException {
        Map<String, SiteProcess> recorded = readState(dir);
        Map<String, SiteView> views = new LinkedHashMap<>();
        for (SiteProcess p : recorded.values()) views.put(p.site(), view(dir, p.site(), p));
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".status")) {
                        String site = name.substring(0, name.length() - ".status".length());
                        views.computeIfAbsent(site, s -> view(dir, s, null));
                    }
                }
            }
        }
        return new ArrayList<>(views.values());
    }

    private static SiteView view(Path dir, String site, SiteProcess process) {
        Map<String, String> status = new LinkedHashMap<>();
        List<String> members = new ArrayList<>();
        Duration age = null;
        Path file = dir.resolve(site + ".status");
        try {
            if (Files.exists(file)) {
                age = Duration.between(Files.getLastModifiedTime(file).toInstant(), Instant.now());
                readStatus(file, status, members);
            }
        } catch (IOException e) {
            status.put("error", e.getMessage());
        }
        boolean alive = process != null ? verified(process) : unrecordedAlive(site, status.get("pid"));
        return new SiteView(site, process, alive, status, members, age);
    }

    /** A site with a status file but no recorded process (started by hand, or 'down' ran): is its pid a live SiteMain of it? */
    private static boolean unrecordedAlive(String site, String pid) {
        if (pid == null) return false;
        try {
            return ProcessHandle.of(Long.parseLong(pid.trim())).filter(ProcessHandle::isAlive)
                    .flatMap(h -> h.info().commandLine()).map(c -> c.contains(MAIN) && c.contains("--site " + site + " "))
                    .orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Whether {@code p} is still the process {@link #up} started: alive, with the recorded start
     * instant, and (when the system shows command lines) running {@link SiteMain} for its site.
     */
    public static boolean verified(SiteProcess p) {
        Optional<ProcessHandle> h = ProcessHandle.of(p.pid());
        if (h.isEmpty() || !h.get().isAlive()) return false;
        ProcessHandle.Info info = h.get().info();
        if (!p.startInstant().isEmpty()) {
            Optional<Instant> start = info.startInstant();
            if (start.isEmpty() || !start.get().toString().equals(p.startInstant())) return false;
        }
        Optional<String> cmd = info.commandLine();
        if (cmd.isPresent()) {
            String c = cmd.get();
            return c.contains(MAIN) && c.contains("--site " + p.site() + " ");
        }
        return !p.startInstant().isEmpty();
    }

    /**
     * Stops every process recorded in {@code dir} that is still the one started: SIGTERM, then
     * SIGKILL for those still alive after {@code grace}. Returns how many were stopped.
     */
    public static int down(Path dir, Duration grace, PrintWriter out) throws IOException, InterruptedException {
        Map<String, SiteProcess> recorded = readState(dir);
        if (recorded.isEmpty()) {
            out.println("no cluster recorded in " + dir.toAbsolutePath());
            return 0;
        }
        List<ProcessHandle> stopping = new ArrayList<>();
        for (SiteProcess p : recorded.values()) {
            if (!verified(p)) {
                out.printf("site %-10s pid %-8d not running (or the pid now belongs to another process): left alone%n", p.site(), p.pid());
                continue;
            }
            ProcessHandle h = ProcessHandle.of(p.pid()).orElseThrow();
            out.printf("site %-10s pid %-8d SIGTERM%n", p.site(), p.pid());
            h.destroy();
            stopping.add(h);
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle h : stopping) {
            while (h.isAlive() && System.nanoTime() < deadline) Thread.sleep(50);
            if (h.isAlive()) {
                out.printf("pid %d still running after %d s: SIGKILL%n", h.pid(), grace.toSeconds());
                h.destroyForcibly();
            }
        }
        for (ProcessHandle h : stopping) {
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (h.isAlive() && System.nanoTime() < until) Thread.sleep(50);
        }
        Files.deleteIfExists(dir.resolve(STATE_FILE));
        out.println("stopped " + stopping.size() + " site process(es); logs and traces stay in " + dir.toAbsolutePath());
        return stopping.size();
    }

    /** SIGKILLs the recorded process of {@code site}, if it is still the one started. */
    public static boolean kill(Path dir, String site, PrintWriter out) throws IOException {
        SiteProcess p = readState(dir).get(site);
        if (p == null) {
            out.println("no site " + site + " recorded in " + dir.toAbsolutePath());
            return false;
        }
        if (!verified(p)) {
            out.printf("site %s (pid %d) is not running: nothing killed%n", site, p.pid());
            return false;
        }
        ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly);
        out.printf("site %s (pid %d): SIGKILL sent%n", site, p.pid());
        return true;
    }

    /**
     * The last status file of {@code site} in {@code dir} ({@link SiteRunner#writeStatus}) as
     * key=value, without its member lines; empty when there is none yet.
     */
    public static Map<String, String> status(Path dir, String site) {
        Map<String, String> status = new LinkedHashMap<>();
        Path file = dir.resolve(site + ".status");
        try {
            if (Files.exists(file)) readStatus(file, status, new ArrayList<>());
        } catch (IOException e) {
            // replaced while read, or gone: as if not written yet
        }
        return status;
    }

    private static void readStatus(Path file, Map<String, String> status, List<String> members) throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq < 0) continue;
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            if (key.equals("member")) members.add(value);
            else status.put(key, value);
        }
    }

    /**
     * Restarts {@code site} of the cluster recorded in {@code dir} after its JVM died (killed,
     * crashed): a new JVM with {@code SiteMain --rejoin} and the run's recorded sites, topology
     * and seed, its output appended to the site's log. It joins through the other sites as a
     * new incarnation, once they have removed the old one, learns the run from them and powers
     * its devices on at the run's current time. Waits until it runs and every live site of the
     * run is an Up member as it sees them; records the new process in {@code cluster.state}.
     *
     * @throws IllegalStateException if the site is still running, or did not rejoin within {@code wait}
     */
    public static SiteProcess rejoin(Path dir, String site, String javaBin, String classPath, List<String> jvmOptions,
                                     Duration wait, PrintWriter out) throws IOException, InterruptedException {
        Properties run = readRun(dir);
        Map<String, SiteProcess> recorded = readState(dir);
        SiteProcess old = recorded.get(site);
        if (old == null) throw new IllegalArgumentException("no site " + site + " recorded in " + dir.toAbsolutePath());
        if (verified(old)) {
            throw new IllegalStateException("site " + site + " (pid " + old.pid() + ") is still running: kill it first");
        }
        List<String> sites = List.of(run.getProperty("sites").split(","));
        List<String> jvm = new ArrayList<>(defaultJvmOptions());
        jvm.addAll(jvmOptions);
        List<String> args = List.of("--site", site, "--sites", String.join(",", sites), "--state-dir",
                dir.toAbsolutePath().toString(), "--topology", run.getProperty("topology", "none"), "--run-seed",
                run.getProperty("run-seed", "1"), "--rejoin");
        Path log = old.log().toString().isEmpty() ? dir.resolve(site + ".log") : old.log();
        Files.deleteIfExists(dir.resolve(site + ".status"));
        Process p = launch(siteCommand(javaBin, classPath, jvm, args), log, true);
        String start = p.toHandle().info().startInstant().map(Instant::toString).orElse("");
        SiteProcess now = new SiteProcess(site, p.pid(), start, log.toAbsolutePath());
        recorded.put(site, now);
        writeState(dir, sites, run.getProperty("topology", "none"), Long.parseLong(run.getProperty("run-seed", "1")),
                new ArrayList<>(recorded.values()));
        out.printf("restarted site %-10s pid %-8d log %s%n", site, p.pid(), now.log());
        out.printf("waiting for %s to rejoin the run ...%n", site);
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            if (!p.isAlive()) throw new IllegalStateException("site " + site + " exited while rejoining; see " + log);
            List<SiteView> views = views(dir);
            long live = views.stream().filter(SiteView::alive).count();
            boolean rejoined = views.stream().anyMatch(v -> v.site().equals(site) && v.alive()
                    && "running".equals(v.status().get("state"))
                    && v.members().stream().filter(m -> m.contains(" Up ") && m.endsWith(" reachable")).count() >= live);
            if (rejoined) break;
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("site " + site + " did not rejoin within " + wait + "; see " + log
                        + " ('firsthop cluster status' shows how far it got)");
            }
            Thread.sleep(200);
        }
        out.println("site " + site + " rejoined the run.");
        return now;
    }

    /** Prints {@link #views} as a table. */
    public static void printStatus(Path dir, PrintWriter out) throws IOException {
        List<SiteView> views = views(dir);
        if (views.isEmpty()) {
            out.println("no cluster in " + dir.toAbsolutePath());
            return;
        }
        out.println("state directory " + dir.toAbsolutePath());
        out.printf("%-10s %-8s %-7s %-8s %-8s %-9s %s%n", "site", "pid", "alive", "state", "devices", "status-age", "address");
        for (SiteView v : views) {
            out.printf("%-10s %-8s %-7s %-8s %-8s %-9s %s%n", v.site(),
                    v.process() == null ? v.status().getOrDefault("pid", "?") : Long.toString(v.process().pid()),
                    v.alive() ? "yes" : "no",
                    !v.alive() && !"stopped".equals(v.status().get("state")) ? "gone" : v.status().getOrDefault("state", "?"),
                    v.status().getOrDefault("devices", "?"),
                    v.statusAge() == null ? "-" : String.format("%.1fs", v.statusAge().toMillis() / 1000.0),
                    v.status().getOrDefault("address", "?"));
        }
        for (SiteView v : views) {
            if (v.members().isEmpty() || !v.alive()) continue;
            out.println("members as " + v.site() + " sees them:");
            for (String m : v.members()) {
                String[] f = m.split(" ");
                out.printf("  %-10s %-9s %-12s %s%n", f.length > 1 ? f[1] : "?", f.length > 2 ? f[2] : "?",
                        f.length > 3 ? f[3] : "?", f[0]);
            }
        }
    }

    private static void writeState(Path dir, UpOptions o, List<SiteProcess> started) throws IOException {
        writeState(dir, o.sites(), o.topology(), o.runSeed(), started);
    }

    private static void writeState(Path dir, List<String> sites, String topology, long runSeed, List<SiteProcess> started)
            throws IOException {
        Properties p = new Properties();
        p.setProperty("sites", String.join(",", sites));
        p.setProperty("topology", topology);
        p.setProperty("run-seed", Long.toString(runSeed));
        for (SiteProcess s : started) {
            p.setProperty("site." + s.site() + ".pid", Long.toString(s.pid()));
            p.setProperty("site." + s.site() + ".start", s.startInstant());
            p.setProperty("site." + s.site() + ".log", s.log().toString());
        }
        Path tmp = dir.resolve(STATE_FILE + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "firsthop cluster: processes started by 'firsthop cluster up'");
        }
        Files.move(tmp, dir.resolve(STATE_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** What {@code cluster.state} records about the run: sites, topology, run-seed (empty if nothing is recorded). */
    private static Properties readRun(Path dir) throws IOException {
        Path file = dir.resolve(STATE_FILE);
        Properties p = new Properties();
        if (!Files.exists(file)) return p;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    /** The site processes recorded in {@code dir}, by site, in start order. */
    public static Map<String, SiteProcess> readState(Path dir) throws IOException {
        Map<String, SiteProcess> out = new LinkedHashMap<>();
        Properties p = readRun(dir);
        for (String site : p.getProperty("sites", "").split(",")) {
            String pid = p.getProperty("site." + site + ".pid");
            if (site.isBlank() || pid == null) continue;
            out.put(site, new SiteProcess(site, Long.parseLong(pid), p.getProperty("site." + site + ".start", ""),
                    Path.of(p.getProperty("site." + site + ".log", ""))));
        }
        return out;
    }

    private static Optional<Path> findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String d : path.split(File.pathSeparator)) {
            Path candidate = Path.of(d, program);
            if (Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }
}
