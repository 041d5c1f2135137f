package io.kubeplane.local.postgres;

/**
 * What connecting to a {@link PostgresTarget} found.
 *
 * @param outcome what kind of answer
 * @param detail  the driver's message, for the user
 */
public record ProbeResult(Outcome outcome, String detail) {

    public enum Outcome {
        /** Connected to the database. */
        ANSWERS,
        /** The server answers and accepted the user, but the database does not exist. */
        DATABASE_MISSING,
        /** The server answers but refused the user or password. */
        CREDENTIALS_REJECTED,
        /** Nothing answered (or the server is still starting). */
        UNREACHABLE
    }

    public static ProbeResult answers() {
        return new ProbeResult(Outcome.ANSWERS, "");
    }

    public static ProbeResult of(Outcome outcome, String detail) {
        return new ProbeResult(outcome, detail);
    }
}
