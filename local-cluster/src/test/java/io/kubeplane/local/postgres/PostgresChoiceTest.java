package io.kubeplane.local.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import io.kubeplane.local.postgres.PostgresChoice.Choice;
import io.kubeplane.local.postgres.PostgresChoice.CreateRole;
import io.kubeplane.local.postgres.PostgresChoice.Facts;
import io.kubeplane.local.postgres.PostgresChoice.GiveUp;
import io.kubeplane.local.postgres.PostgresChoice.StartEmbedded;
import io.kubeplane.local.postgres.PostgresChoice.StartInstalled;
import io.kubeplane.local.postgres.PostgresChoice.UseServer;
import io.kubeplane.local.postgres.ProbeResult.Outcome;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decision table of {@link PostgresChoice}. The default target is
 * {@code jdbc:postgresql://localhost:5432/kubeplane}; installed clusters are Debian's 15/main on 5432
 * (owner postgres) unless a row says otherwise.
 */
class PostgresChoiceTest {

    private static final PostgresTarget LOCAL = new PostgresTarget("jdbc:postgresql://localhost:5432/kubeplane", "postgres", "");
    private static final PostgresTarget REMOTE = new PostgresTarget("jdbc:postgresql://db.example:5432/kubeplane", "kp", "pw");
    private static final InstalledCluster MAIN_DOWN = new InstalledCluster("15", "main", 5432, false, "postgres");
    private static final InstalledCluster MAIN_UP = new InstalledCluster("15", "main", 5432, true, "postgres");
    private static final InstalledCluster OTHER_PORT_DOWN = new InstalledCluster("16", "main", 5433, false, "postgres");
    private static final ProbeResult NOTHING = ProbeResult.of(Outcome.UNREACHABLE, "Connection refused");
    private static final ProbeResult REJECTED = ProbeResult.of(Outcome.CREDENTIALS_REJECTED, "no password supplied");

    static Stream<Arguments> table() {
        return Stream.of(
                row("the local server answers", facts(LOCAL, false, ProbeResult.answers(), List.of(), "root"),
                        new UseServer(false)),
                row("the server answers but has no kubeplane database",
                        facts(LOCAL, false, ProbeResult.of(Outcome.DATABASE_MISSING, "database \"kubeplane\" does not exist"),
                                List.of(), "dev"),
                        new UseServer(true)),
                row("a configured remote server answers", facts(REMOTE, true, ProbeResult.answers(), List.of(), "dev"),
                        new UseServer(false)),
                row("a server that is not the distribution's rejects the default user",
                        facts(LOCAL, false, REJECTED, List.of(), "root"),
                        giveUp("rejected user 'postgres' (no password supplied): set KUBEPLANE_DB_USER and KUBEPLANE_DB_PASSWORD")),
                row("the distribution's server rejects the default user, running as root",
                        facts(LOCAL, false, REJECTED, List.of(MAIN_UP), "root"),
                        new CreateRole(MAIN_UP)),
                row("the distribution's server rejects the default user, running as its owner",
                        facts(LOCAL, false, REJECTED, List.of(MAIN_UP), "postgres"),
                        new CreateRole(MAIN_UP)),
                row("the distribution's server rejects the default user, running as someone else",
                        facts(LOCAL, false, REJECTED, List.of(MAIN_UP), "dev"),
                        giveUp("set KUBEPLANE_DB_USER and KUBEPLANE_DB_PASSWORD")),
                row("the server rejects a user the user named: never replaced",
                        new Facts(LOCAL, false, REJECTED, List.of(MAIN_UP), "root", true, false, false),
                        giveUp("rejected user 'postgres'")),
                row("the server rejects even the role created for us",
                        new Facts(LOCAL, false, REJECTED, List.of(MAIN_UP), "root", false, true, false),
                        giveUp("rejected user 'postgres'")),
                row("a remote server rejects the default user",
                        facts(REMOTE, true, REJECTED, List.of(MAIN_UP), "root"),
                        giveUp("rejected user 'kp'")),
                row("nothing answers, the installed cluster on that port is down, running as root",
                        facts(LOCAL, false, NOTHING, List.of(OTHER_PORT_DOWN, MAIN_DOWN), "root"),
                        new StartInstalled(MAIN_DOWN)),
                row("nothing answers, the installed cluster is down, running as its owner",
                        facts(LOCAL, false, NOTHING, List.of(MAIN_DOWN), "postgres"),
                        new StartInstalled(MAIN_DOWN)),
                row("nothing answers, the installed cluster is down, running as someone else",
                        facts(LOCAL, false, NOTHING, List.of(MAIN_DOWN), "dev"),
                        giveUp("15/main is installed but stopped: start it with `sudo pg_ctlcluster 15 main start`")),
                row("a configured local URL, its installed cluster is down",
                        facts(LOCAL, true, NOTHING, List.of(MAIN_DOWN), "root"),
                        new StartInstalled(MAIN_DOWN)),
                row("nothing answers though the installed cluster is online",
                        facts(LOCAL, false, NOTHING, List.of(MAIN_UP), "root"),
                        giveUp("PostgreSQL 15/main is running on port 5432 but does not answer")),
                row("a configured remote server does not answer: never replaced",
                        facts(REMOTE, true, NOTHING, List.of(MAIN_DOWN), "dev"),
                        giveUp("no PostgreSQL answers at jdbc:postgresql://db.example:5432/kubeplane (Connection refused)")),
                row("a configured local URL with nothing installed: never replaced by an embedded one",
                        facts(LOCAL, true, NOTHING, List.of(), "dev"),
                        giveUp("leave KUBEPLANE_DB_URL/--db-url unset")),
                row("nothing answers, nothing installed, running as root",
                        facts(LOCAL, false, NOTHING, List.of(), "root"),
                        giveUp("PostgreSQL refuses to run as root")),
                row("nothing answers, installed only on another port, running as root",
                        facts(LOCAL, false, NOTHING, List.of(OTHER_PORT_DOWN), "root"),
                        giveUp("apt-get install postgresql")),
                row("nothing answers, nothing installed, an ordinary user",
                        facts(LOCAL, false, NOTHING, List.of(), "dev"),
                        new StartEmbedded()),
                row("the embedded server was started but does not answer",
                        new Facts(LOCAL, false, NOTHING, List.of(), "dev", false, false, true),
                        giveUp("the embedded PostgreSQL server was started but does not answer")),
                row("the embedded server answers with no database yet",
                        new Facts(LOCAL, false, ProbeResult.of(Outcome.DATABASE_MISSING, "no db"), List.of(), "dev", false, false, true),
                        new UseServer(true)));
    }

    @ParameterizedTest
    @MethodSource("table")
    void decides(Facts facts, Choice expected) {
        Choice choice = PostgresChoice.decide(facts);

        if (expected instanceof GiveUp(String fragment)) {
            assertThat(choice).isInstanceOf(GiveUp.class);
            assertThat(((GiveUp) choice).message()).contains(fragment).doesNotContain("\n");
        } else {
            assertThat(choice).isEqualTo(expected);
        }
    }

    private static Arguments row(String situation, Facts facts, Choice expected) {
        return Arguments.of(named(situation, facts), expected);
    }

    private static Facts facts(PostgresTarget target, boolean urlGiven, ProbeResult probe, List<InstalledCluster> installed,
                               String user) {
        return new Facts(target, urlGiven, probe, installed, user, false, false, false);
    }

    /** A give-up whose message contains this fragment. */
    private static GiveUp giveUp(String fragment) {
        return new GiveUp(fragment);
    }
}
