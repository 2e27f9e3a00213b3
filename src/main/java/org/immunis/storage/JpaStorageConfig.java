package org.immunis.storage;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.entity.StorageSettings;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import jakarta.persistence.EntityManagerFactory;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.orm.jpa.JpaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/** HAPI's JPA persistence layer for R4, tuned for a registry that writes a lot and searches a few ways. */
@Configuration(proxyBeanMethods = false)
@Import({
	JpaR4Config.class,
	HapiJpaConfig.class,
	JpaBatch2Config.class,
	Batch2JobsConfig.class,
	ThreadPoolFactoryConfig.class,
	// the in-memory message channels that batch jobs (bulk export, reindexing) run on
	SubscriptionChannelConfig.class
})
class JpaStorageConfig {

	@Bean
	JpaStorageSettings storageSettings(StorageProperties storage) {
		JpaStorageSettings settings = new JpaStorageSettings();
		settings.setAllowExternalReferences(false);
		settings.setAutoCreatePlaceholderReferenceTargets(false);
		settings.setEnforceReferentialIntegrityOnWrite(true);
		settings.setEnforceReferentialIntegrityOnDelete(true);
		// the audit trail names patients, but never keeps a patient record from being deleted
		settings.setEnforceReferentialIntegrityOnDeleteDisableForPaths(Set.of("AuditEvent.entity.what", "AuditEvent.agent.who"));
		settings.setExpungeEnabled(false);
		settings.setDeleteExpungeEnabled(false);
		settings.setAllowMultipleDelete(false);
		// ids nobody can guess: a requester cannot walk the registry's ids to probe for records hidden from it
		settings.setResourceServerIdStrategy(JpaStorageSettings.IdStrategyEnum.UUID);
		settings.setFilterParameterEnabled(false);
		settings.setIndexOnContainedResources(false);
		settings.setIndexMissingFields(StorageSettings.IndexEnabledEnum.DISABLED);
		// Tags (the server's recorded-by stamp) live in the resource and its search index: HAPI's shared tag
		// definitions fail concurrent writes of the same new tag ("collection with two open sessions")
		settings.setTagStorageMode(StorageSettings.TagStorageModeEnum.INLINE);
		// the display text of codes is not searched (:text), so it is not indexed
		settings.setSuppressStringIndexingInTokens(true);
		settings.setStoreMetaSourceInformation(JpaStorageSettings.StoreMetaSourceInformationEnum.NONE);
		// the registry's search parameters are set at start-up, on an empty or already indexed database
		settings.setMarkResourcesForReindexingUponSearchParameterChange(false);
		// A cached search is shared between requesters; the registry never hands one requester's results to another.
		settings.setReuseCachedSearchResultsForMillis(null);
		// no full-text index (_content, _text): one per node would disagree between nodes and lose writes in a crash
		settings.setHibernateSearchIndexFullText(false);
		settings.setInlineResourceTextBelowSize(storage.inlineResourceTextBelowSize());
		settings.setIndexStorageOptimized(storage.indexStorageOptimized());
		settings.setBundleBatchPoolSize(storage.bundleBatchPoolSize());
		settings.setBundleBatchMaxPoolSize(storage.bundleBatchPoolSize());
		return settings;
	}

	@Bean
	PartitionSettings partitionSettings() {
		return new PartitionSettings();
	}

	@Primary
	@Bean
	LocalContainerEntityManagerFactoryBean entityManagerFactory(
			ConfigurableListableBeanFactory beanFactory,
			FhirContext fhirContext,
			JpaStorageSettings storageSettings,
			JpaProperties jpaProperties,
			DataSource dataSource) {
		LocalContainerEntityManagerFactoryBean factory =
				HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
		factory.setPersistenceUnitName("HAPI_PU");
		factory.setJpaPropertyMap(jpaProperties.getProperties());
		factory.setDataSource(dataSource);
		return factory;
	}

	@Primary
	@Bean
	JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
		return new JpaTransactionManager(entityManagerFactory);
	}
}
