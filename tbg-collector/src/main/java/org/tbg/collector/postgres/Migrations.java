package org.tbg.collector.postgres;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The schema of spec/storage.md, owned by Flyway migrations in {@code db/migration}
 * ({@code V1__schema.sql}, …). Run at every collector start; Flyway's own lock lets two
 * collectors start together.
 */
public final class Migrations {
    private Migrations() {
    }

    /** Applies what is pending; returns how many migrations ran. */
    public static int migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return result.migrationsExecuted;
    }
}
