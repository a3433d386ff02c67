package io.seqcast.registry;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The PostgreSQL store, when {@code seqcast.registry.store=postgres}. The data source is Spring
 * Boot's ({@code spring.datasource.*}), enabled by the {@code postgres} profile (the default
 * configuration excludes it so that the file-system default starts without a database); Flyway
 * creates the schema from {@code db/migration}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "seqcast.registry.store", havingValue = "postgres")
class PostgresStoreConfiguration {

    @Bean(destroyMethod = "close")
    @DependsOnDatabaseInitialization
    PostgresModelStore postgresModelStore(ObjectProvider<DataSource> dataSource) {
        DataSource ds = dataSource.getIfAvailable();
        if (ds == null) {
            throw new IllegalStateException("seqcast.registry.store=postgres needs a data source: run with the 'postgres' "
                    + "profile (SPRING_PROFILES_ACTIVE=postgres) and set spring.datasource.url, username and password");
        }
        return new PostgresModelStore(ds);
    }
}
