package io.firsthop.cluster;

import org.apache.pekko.actor.AbstractActorWithTimers;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.Props;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.DowningProvider;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.UniqueAddress;
import org.apache.pekko.event.Logging;
import org.apache.pekko.event.LoggingAdapter;
import scala.Option;
import scala.concurrent.duration.FiniteDuration;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * firsthop's downing provider: every site downs a member that has stayed unreachable for
 * {@code firsthop.downing.stable-after}, so a dead site is removed and the others go on,
 * whichever site died (set as {@code pekko.cluster.downing-provider-class}).
 *
 * <p>Why not one of Pekko's Split Brain Resolver strategies: in the two-site runs this
 * emulator is mostly about, none keeps the survivor in every case. {@code keep-oldest} downs
 * the survivor when the oldest site dies (its {@code down-if-alone} needs three members);
 * {@code keep-majority} breaks the 1-1 tie by address, so the survivor lives or not by port
 * number; {@code static-quorum} with a quorum of 1 downs everyone once there are two members.
 * What split-brain resolution protects (one owner of shared state) does not exist here:
 * sites share no state, each runs its own devices. In a real network partition between
 * machines both sides go on, each seeing the other site as gone (its frames dropped as
 * LINK_DOWN), which is what such a partition does to the emulated network too. An emulated
 * partition ({@link Failure.Partition}) never touches membership.
 */
public final class SiteDowning extends DowningProvider {
    private final FiniteDuration stableAfter;

    public SiteDowning(ActorSystem system) {
        Duration d = system.settings().config().getDuration("firsthop.downing.stable-after");
        this.stableAfter = FiniteDuration.create(d.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public FiniteDuration downRemovalMargin() {
        return FiniteDuration.Zero();
    }

    @Override
    public Option<Props> downingActorProps() {
        FiniteDuration after = stableAfter;
        return Option.apply(Props.create(Downer.class, () -> new Downer(after)));
    }

    /** Watches reachability; downs a member still unreachable {@code stableAfter} after it became so. */
    static final class Downer extends AbstractActorWithTimers {
        private record Check(UniqueAddress member) {}

        private final FiniteDuration stableAfter;
        private final Cluster cluster = Cluster.get(getContext().getSystem());
        private final LoggingAdapter log = Logging.getLogger(getContext().getSystem(), this);

        Downer(FiniteDuration stableAfter) {
            this.stableAfter = stableAfter;
        }

        @Override
        public void preStart() {
            cluster.subscribe(getSelf(), ClusterEvent.initialStateAsEvents(), ClusterEvent.ReachabilityEvent.class);
        }

        @Override
        public void postStop() {
            cluster.unsubscribe(getSelf());
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(ClusterEvent.UnreachableMember.class, u ->
                            getTimers().startSingleTimer(u.member().uniqueAddress(), new Check(u.member().uniqueAddress()), stableAfter))
                    .match(ClusterEvent.ReachableMember.class, r -> getTimers().cancel(r.member().uniqueAddress()))
                    .match(Check.class, this::check)
                    .build();
        }

        private void check(Check check) {
            for (Member m : cluster.state().getUnreachable()) {
                if (m.uniqueAddress().equals(check.member()) && !m.uniqueAddress().equals(cluster.selfUniqueAddress())) {
                    Address address = m.address();
                    log.warning("downing {} (roles {}): unreachable for {}", address, m.getRoles(), stableAfter);
                    cluster.down(address);
                }
            }
        }
    }
}
