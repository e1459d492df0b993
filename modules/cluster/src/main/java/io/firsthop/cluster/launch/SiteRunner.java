package io.firsthop.cluster.launch;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import io.firsthop.cluster.FileTraceSink;
import io.firsthop.cluster.TraceFile;
import io.firsthop.cluster.TraceFileReader;
import io.firsthop.cluster.TraceFileWriter;
import io.firsthop.cluster.RunClock;
import io.firsthop.cluster.Site;
import io.firsthop.cluster.SiteControl;
import io.firsthop.cluster.TraceSink;
import io.firsthop.cluster.serial.KryoSerializer;
import io.firsthop.cluster.topology.ClusterTopology;
import io.firsthop.core.trace.TraceEvent;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.AddressFromURIString;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One site of a run, from start to stop: what {@link SiteMain} does in a site's JVM, and what
 * a test or benchmark embeds to be a site itself.
 *
 * <ol>
 *   <li>Starts the {@link Site} (Artery on 127.0.0.1 and a free port unless configured
 *       otherwise), its trace file ({@link TraceFormat}: {@code <state-dir>/<site>.trace} in
 *       text, or {@code <state-dir>/<site>.trace.bin} for a process that reads every event
 *       back), and publishes its address in {@code <state-dir>/<site>.address}.</li>
 *   <li>Joins the cluster: through explicit seed addresses, or through the address file of
 *       the seed site (the first of the run's sites), waiting for it to appear. The seed site
 *       joins itself.</li>
 *   <li>The coordinator (the first site) waits until every site of the run is an Up member,
 *       then sends each {@link SiteControl.BeginRun}: the run's epoch (the one given, or now
 *       plus a start delay) and seed. Each site then anchors its run clock there, builds its
 *       share of the topology, and powers it on at run time 0.</li>
 *   <li>A site restarted after its JVM died ({@link Options#rejoin}) joins through the other
 *       sites' address files instead, as a new incarnation (a new member: the others have
 *       downed and removed the old one, see {@code SiteDowning}), asks a running site for the
 *       run's {@link SiteControl.BeginRun}, and starts as above at the run's current time: its
 *       devices power on fresh, the other sites' uplinks connect to it again, and the ends of
 *       cross-site links tell each other their carrier.</li>
 *   <li>Until {@link #close}, writes {@code <state-dir>/<site>.status} (key=value lines: pid,
 *       address, state, members as this site sees them, refused messages) twice a second.</li>
 * </ol>
 */
public final class SiteRunner implements AutoCloseable {
    /** The wall-clock interval between two status files. */
    private static final long STATUS_EVERY_MS = 500;

    /** What a site writes its trace events to, in its state directory. */
    public enum TraceFormat {
        /** {@code <site>.trace}: one text line per event ({@link FileTraceSink}) for people and tools; no per-frame events. */
        TEXT(".trace"),
        /** {@code <site>.trace.bin}: Kryo records ({@link TraceFileWriter}) that {@link TraceFileReader} reads back whole. */
        BINARY(".trace.bin");

        private final String extension;

        TraceFormat(String extension) {
            this.extension = extension;
        }

        /** The trace file of {@code site} in this format. */
        public String fileName(String site) {
            return site + extension;
        }
    }

    /**
     * How to run a site.
     *
     * @param site           this site's name
     * @param sites          every site of the run; the first coordinates and is the default seed
     * @param topology       the topology, or null to run the sites with no devices
     * @param stateDir       where address, status and trace files go
     * @param seedAddresses  explicit seed node addresses ("pekko://firsthop@host:port"), or empty
     *                       to join through the seed site's address file
     * @param epochUnixNanos the run's epoch, or null for "now + startDelay once every site is Up"
     * @param runSeed        the run's seed (every random stream derives from it)
     * @param startDelay     with no epoch given: how far ahead of "all Up" the run starts
     * @param joinTimeout    how long to wait for the seed's address and for every site to be Up
     * @param port           the Artery port, 0 for a free one
     * @param allowKill      whether a KillSite of this site may kill this JVM
     * @param traceFormat    the trace file's format
     * @param frameEvents    whether the trace file gets per-frame events (binary format only)
     * @param rejoin         whether this site restarts into a run that goes on without it (its
     *                       JVM died): it joins through the other sites and asks one of them
     *                       for the run instead of waiting for the coordinator
     */
    public record Options(String site, List<String> sites, ClusterTopology topology, Path stateDir,
                          List<String> seedAddresses, Long epochUnixNanos, long runSeed, Duration startDelay,
                          Duration joinTimeout, int port, boolean allowKill, TraceFormat traceFormat, boolean frameEvents,
                          boolean rejoin) {
        public Options {
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(traceFormat, "traceFormat");
            if (frameEvents && traceFormat != TraceFormat.BINARY) {
                throw new IllegalArgumentException("per-frame events go to a binary trace file only");
            }
            sites = List.copyOf(sites);
            seedAddresses = List.copyOf(seedAddresses);
            Objects.requireNonNull(stateDir, "stateDir");
            if (!sites.contains(site)) throw new IllegalArgumentException("site " + site + " is not one of the run's sites " + sites);
            if (new HashSet<>(sites).size() != sites.size()) throw new IllegalArgumentException("a site is listed twice: " + sites);
            if (topology != null && !sites.containsAll(topology.sites())) {
                throw new IllegalArgumentException("topology " + topology.name() + " needs sites " + topology.sites()
                        + " but the run has " + sites);
            }
        }

        /** Defaults: join through the first site's address file, epoch when all are Up + 1 s, seed 1, free port. */
        public static Options of(String site, List<String> sites, ClusterTopology topology, Path stateDir) {
            return new Options(site, sites, topology, stateDir, List.of(), null, 1, Duration.ofSeconds(1),
                    Duration.ofSeconds(90), 0, false, TraceFormat.TEXT, false, false);
        }

        public Options withRejoin(boolean r) {
            return new Options(site, sites, topology, stateDir, seedAddresses, epochUnixNanos, runSeed, startDelay, joinTimeout, port,
                    allowKill, traceFormat, frameEvents, r);
        }

        public Options withRunSeed(long seed) {
            return new Options(site, sites, topology, stateDir, seedAddresses, epochUnixNanos, seed, startDelay, joinTimeout, port,
                    allowKill, traceFormat, frameEvents, rejoin);
        }

        public Options withAllowKill(boolean allow) {
            return new Options(site, sites, topology, stateDir, seedAddresses, epochUnixNanos, runSeed, startDelay, joinTimeout, port,
                    allow, traceFormat, frameEvents, rejoin);
        }

        public Options withStartDelay(Duration delay) {
            return new Options(site, sites, topology, stateDir, seedAddresses, epochUnixNanos, runSeed, delay, joinTimeout, port,
                    allowKill, traceFormat, frameEvents, rejoin);
        }

        public Options withEpoch(Long epoch) {
            return new Options(site, sites, topology, stateDir, seedAddresses, epoch, runSeed, startDelay, joinTimeout, port,
                    allowKill, traceFormat, frameEvents, rejoin);
        }

        public Options withSeeds(List<String> addresses) {
            return new Options(site, sites, topology, stateDir, addresses, epochUnixNanos, runSeed, startDelay, joinTimeout, port,
                    allowKill, traceFormat, frameEvents, rejoin);
        }

        public Options withPort(int p) {
            return new Options(site, sites, topology, stateDir, seedAddresses, epochUnixNanos, runSeed, startDelay, joinTimeout, p,
                    allowKill, traceFormat, frameEvents, rejoin);
        }

        public Options withJoinTimeout(Duration timeout) {
            return new Options(site, sites, topology, stateDir, seedAddresses, epochUnixNanos, runSeed, startDelay, timeout, port,
                    allowKill, traceFormat, frameEvents, rejoin);
        }

        /** The same with {@code t} as the topology (null: no devices). */
        public Options withTopology(ClusterTopology t) {
            return new Options(site, sites, t, stateDir, seedAddresses, epochUnixNanos, runSeed, startDelay, joinTimeout, port,
                    allowKill, traceFormat, frameEvents, rejoin);
        }

        /** The same with the trace written in {@code format}, per-frame events included if {@code frames}. */
        public Options withTrace(TraceFormat format, boolean frames) {
            return new Options(site, sites, topology, stateDir, seedAddresses, epochUnixNanos, runSeed, startDelay, joinTimeout, port,
                    allowKill, format, frames, rejoin);
        }

        /** The first site coordinates the run, unless it restarts into a run already going. */
        boolean coordinator() {
            return sites.get(0).equals(site) && !rejoin;
        }
    }

    private final Options options;
    private final Site site;
    private final RunClock clock;
    private final TraceFile traceFile;
    private final CountDownLatch started = new CountDownLatch(1);
    private final Thread statusWriter;
    private volatile String state = "joining";
    private volatile boolean closed;
    private volatile Throwable startFailure;

    private SiteRunner(Options options, Config config, TraceSink extraSink) {
        this.options = options;
        try {
            Files.createDirectories(options.stateDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create state directory " + options.stateDir(), e);
        }
        Path trace = options.stateDir().resolve(options.traceFormat().fileName(options.site()));
        this.traceFile = switch (options.traceFormat()) {
            case TEXT -> new FileTraceSink(trace, 100);
            case BINARY -> new TraceFileWriter(trace, options.frameEvents(), TraceFileWriter.DEFAULT_FLUSH_MILLIS);
        };
        this.clock = options.epochUnixNanos() != null ? RunClock.anchoredAt(options.epochUnixNanos()) : RunClock.unanchored();
        Config c = config.withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(options.port()));
        TraceSink sink = extraSink == null ? traceFile : TraceSink.both(traceFile, extraSink);
        this.site = Site.start(options.site(), c, clock, sink);
        site.allowKill(options.allowKill());
        site.onBeginRun(this::begin);
        writeAtomically(options.stateDir().resolve(options.site() + ".address"), site.address().toString() + "\n");
        writeAtomically(options.stateDir().resolve(options.site() + ".pid"), ProcessHandle.current().pid() + "\n");
        this.statusWriter = new Thread(this::writeStatusLoop, "firsthop-status-" + options.site());
        statusWriter.setDaemon(true);
        statusWriter.start();
    }

    /** Starts the site and joins the cluster (returns once the join is under way; see {@link #awaitUp}). */
    public static SiteRunner start(Options options) {
        return start(options, Site.defaultConfig(), null);
    }

    /** Starts with a Pekko config of one's own and an extra trace sink (may be null) besides the file. */
    public static SiteRunner start(Options options, Config config, TraceSink extraSink) {
        SiteRunner runner = new SiteRunner(options, config, extraSink);
        try {
            runner.join();
        } catch (RuntimeException e) {
            runner.close();
            throw e;
        }
        if (options.coordinator()) {
            Thread coordinator = new Thread(runner::coordinate, "firsthop-coordinator");
            coordinator.setDaemon(true);
            coordinator.start();
        } else if (options.rejoin()) {
            Thread asker = new Thread(runner::askForTheRun, "firsthop-rejoin");
            asker.setDaemon(true);
            asker.start();
        }
        return runner;
    }

    public Site site() {
        return site;
    }

    public Options options() {
        return options;
    }

    /** The trace file of this site. */
    public Path traceFile() {
        return traceFile.path();
    }

    /** Waits until this site's member is Up. */
    public void awaitUp(Duration timeout) throws TimeoutException, InterruptedException {
        try {
            site.up().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits until the run has started on this site (devices built and powering on at run time 0). */
    public void awaitStarted(Duration timeout) throws TimeoutException, InterruptedException {
        if (!started.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("site " + options.site() + ": the run did not start within " + timeout
                    + (startFailure != null ? " (" + startFailure + ")" : ""));
        }
        if (startFailure != null) throw new IllegalStateException("site " + options.site() + " failed to start the run", startFailure);
    }

    /** Whether the site's ActorSystem has terminated (left, downed, or closed). */
    public boolean terminated() {
        return site.terminated();
    }

    private void join() {
        List<Address> seeds = new ArrayList<>();
        if (!options.seedAddresses().isEmpty()) {
            for (String a : options.seedAddresses()) seeds.add(AddressFromURIString.parse(a));
        } else if (options.rejoin()) {
            for (String a : otherSitesAddresses()) seeds.add(AddressFromURIString.parse(a));
        } else if (options.coordinator()) {
            seeds.add(site.address());
        } else {
            seeds.add(AddressFromURIString.parse(awaitAddressFile(options.sites().get(0))));
        }
        site.join(seeds);
    }

    private String awaitAddressFile(String seedSite) {
        Path file = options.stateDir().resolve(seedSite + ".address");
        long deadline = System.nanoTime() + options.joinTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Files.exists(file)) {
                    String text = Files.readString(file, StandardCharsets.UTF_8).trim();
                    if (!text.isEmpty()) return text;
                }
                Thread.sleep(50);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + file, e);
            }
        }
        throw new IllegalStateException("site " + options.site() + ": the seed site " + seedSite + " published no address in "
                + file + " within " + options.joinTimeout());
    }

    /**
     * The addresses the other sites of the run published (a restarted site joins through them:
     * whichever answers first; the files of dead sites name addresses nobody answers at).
     */
    private List<String> otherSitesAddresses() {
        long deadline = System.nanoTime() + options.joinTimeout().toNanos();
        while (true) {
            List<String> found = new ArrayList<>();
            for (String other : options.sites()) {
                if (other.equals(options.site())) continue;
                try {
                    Path file = options.stateDir().resolve(other + ".address");
                    String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : "";
                    if (!text.isEmpty()) found.add(text);
                } catch (IOException e) {
                    // being rewritten: read it at the next pass
                }
            }
            if (!found.isEmpty()) return found;
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("site " + options.site() + " cannot rejoin: no other site of " + options.sites()
                        + " published an address in " + options.stateDir() + " within " + options.joinTimeout());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the other sites' addresses", e);
            }
        }
    }

    /**
     * A restarted site: once it is Up, asks the sites that are Up for the run's BeginRun (the
     * same epoch and seed every site started with) until one answers, then starts like the
     * others did, at the run's current time (its devices power on fresh, as configured).
     */
    private void askForTheRun() {
        long deadline = System.nanoTime() + options.joinTimeout().toNanos();
        try {
            while (!closed && started.getCount() > 0) {
                if (System.nanoTime() > deadline) {
                    startFailure = new TimeoutException("no site of " + options.sites() + " told the run within "
                            + options.joinTimeout() + " (Up: " + site.upSites() + ")");
                    System.err.println("site " + options.site() + ": " + startFailure.getMessage());
                    started.countDown();
                    return;
                }
                if (isUp()) {
                    for (String other : site.upSites()) {
                        if (!other.equals(options.site()) && options.sites().contains(other)) {
                            site.controlOf(other).tell(new SiteControl.RunQuery(site.control()));
                        }
                    }
                }
                Thread.sleep(300);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            startFailure = e;
            started.countDown();
        }
    }

    /** The coordinator: once every site is Up, sends each the BeginRun. */
    private void coordinate() {
        long deadline = System.nanoTime() + options.joinTimeout().toNanos();
        try {
            while (!closed && !allUp()) {
                if (System.nanoTime() > deadline) {
                    startFailure = new TimeoutException("not every site of " + options.sites() + " was Up within "
                            + options.joinTimeout() + " (Up: " + site.upSites() + ")");
                    System.err.println("site " + options.site() + ": " + startFailure.getMessage());
                    started.countDown();
                    return;
                }
                Thread.sleep(50);
            }
            if (closed) return;
            long epoch = options.epochUnixNanos() != null ? options.epochUnixNanos()
                    : RunClock.unixNanosNow() + options.startDelay().toNanos();
            for (String s : options.sites()) {
                site.controlOf(s).tell(new SiteControl.BeginRun(epoch, options.runSeed()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            startFailure = e;
            started.countDown();
        }
    }

    private boolean allUp() {
        Set<String> up = new HashSet<>(site.upSites());
        return up.containsAll(options.sites());
    }

    /** On the control actor's thread: the coordinator said go. */
    private void begin(SiteControl.BeginRun begin) {
        try {
            if (!clock.anchored()) clock.anchor(begin.epochUnixNanos());
            if (options.topology() != null && options.topology().sites().contains(options.site())) {
                site.instantiate(options.topology(), begin.runSeed());
            }
            site.traces().accept(options.site(), new TraceEvent.Note(clock.now(), "site:" + options.site(),
                    (options.rejoin() ? "run rejoined (a new incarnation of this site): epoch " : "run started: epoch ")
                            + begin.epochUnixNanos() + " unix ns, seed " + begin.runSeed()
                            + ", topology " + (options.topology() == null ? "none" : options.topology().name())
                            + ", " + site.deviceNames().size() + " devices here"));
            site.powerOnAll(0);
            state = "running";
            writeStatus();
        } catch (RuntimeException e) {
            startFailure = e;
            System.err.println("site " + options.site() + ": cannot start the run: " + e);
            state = "failed";
        } finally {
            started.countDown();
        }
    }

    private void writeStatusLoop() {
        while (!closed) {
            try {
                writeStatus();
                Thread.sleep(STATUS_EVERY_MS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the status file is advisory: a failed write must not take the site down
            }
        }
    }

    /** Writes {@code <state-dir>/<site>.status}. */
    public synchronized void writeStatus() {
        StringBuilder b = new StringBuilder();
        line(b, "site", options.site());
        line(b, "pid", ProcessHandle.current().pid());
        line(b, "address", site.address());
        String s = site.terminated() ? "stopped" : state;
        if ("joining".equals(s) && isUp()) s = "up";
        line(b, "state", s);
        line(b, "sites", String.join(",", options.sites()));
        line(b, "topology", options.topology() == null ? "none" : options.topology().name());
        line(b, "devices", site.deviceNames().size());
        line(b, "epoch-unix-ns", clock.anchored() ? clock.epochUnixNanos() : "");
        line(b, "run-time-ns", clock.anchored() ? clock.now() : "");
        line(b, "updated-unix-ms", System.currentTimeMillis());
        line(b, "trace-file", traceFile.path().toAbsolutePath());
        line(b, "trace-lines", traceFile.written());
        if (!site.terminated()) {
            KryoSerializer kryo = KryoSerializer.of(site.system());
            line(b, "kryo-rejected-inbound", kryo.codec().rejectedInbound());
            line(b, "kryo-rejected-outbound", kryo.codec().rejectedOutbound());
            var clusterState = Cluster.get(site.system()).state();
            Set<Member> unreachable = new HashSet<>();
            clusterState.getUnreachable().forEach(unreachable::add);
            for (Member m : clusterState.getMembers()) {
                List<String> roles = m.getRoles().stream().filter(r -> !r.startsWith("dc-")).sorted().toList();
                line(b, "member", m.address() + " " + String.join(",", roles) + " " + m.status()
                        + " " + (unreachable.contains(m) ? "unreachable" : "reachable"));
            }
        }
        writeAtomically(options.stateDir().resolve(options.site() + ".status"), b.toString());
    }

    private boolean isUp() {
        try {
            return Cluster.get(site.system()).selfMember().status() == MemberStatus.up();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void line(StringBuilder b, String key, Object value) {
        b.append(key).append('=').append(value).append('\n');
    }

    static void writeAtomically(Path file, String text) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Leaves the cluster, stops the site, flushes and closes the trace file, writes a last status. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        statusWriter.interrupt();
        try {
            site.close();
        } finally {
            try {
                traceFile.close();
            } finally {
                state = "stopped";
                try {
                    writeStatus();
                } catch (RuntimeException e) {
                    // the state directory may be gone already; nothing else to do
                }
            }
        }
    }
}
