package org.immunis.database;

import javax.sql.DataSource;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.orm.jpa.EntityManagerFactoryDependsOnPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * Migrates or validates the schema (immunis.database.schema.on-start) before Hibernate, which then only validates it,
 * and before anything else of the registry's uses the database.
 */
@Configuration(proxyBeanMethods = false)
class SchemaConfig {

	static final String SCHEMA_BEAN = "databaseSchema";

	@Bean(SCHEMA_BEAN)
	InitializingBean databaseSchema(DataSource dataSource, SchemaProperties properties, StartupLock startupLock) {
		SchemaMigration schema = new SchemaMigration(dataSource);
		return switch (properties.onStart()) {
			case MIGRATE -> () -> startupLock.runAlone(schema::migrate);
			case VALIDATE -> schema::validate;
		};
	}

	@Bean
	static EntityManagerFactoryDependsOnPostProcessor entityManagerFactoryOnMigratedSchema() {
		return new EntityManagerFactoryDependsOnPostProcessor(SCHEMA_BEAN);
	}

	@Bean
	static JdbcOnMigratedSchema jdbcOnMigratedSchema() {
		return new JdbcOnMigratedSchema();
	}

	static final class JdbcOnMigratedSchema extends AbstractDependsOnBeanFactoryPostProcessor {

		JdbcOnMigratedSchema() {
			super(JdbcOperations.class, SCHEMA_BEAN);
		}
	}
}
