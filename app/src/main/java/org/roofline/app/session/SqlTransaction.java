package org.roofline.app.session;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

/** Work on a JDBC connection as one transaction, for the writes that are not a review decision. */
final class SqlTransaction {

    /** What runs inside the transaction. */
    @FunctionalInterface
    interface Work {
        void run() throws SQLException, IOException;
    }

    private SqlTransaction() {
    }

    /**
     * Runs the work with auto-commit off and commits it; on an exception rolls back and rethrows it. The connection's
     * auto-commit setting is restored either way.
     */
    static void run(Connection c, Work work) throws SQLException, IOException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            work.run();
            c.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
