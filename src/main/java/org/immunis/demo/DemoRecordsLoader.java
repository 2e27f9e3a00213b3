package org.immunis.demo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Resource;
import org.immunis.database.StartupLock;
import org.immunis.ig.RegistryValidatorFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Loads the demo set on the first start of a registry that has none of it (its first record unknown), so that every
 * walkthrough works on a fresh machine. Every record must conform to the registry's profiles, as anything stored over
 * REST must; the records carry their recording organization. Later starts leave the records (and what the demo users
 * did to them) alone.
 */
@Component
class DemoRecordsLoader implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoRecordsLoader.class);

	private final DemoProperties properties;
	private final FhirContext fhirContext;
	private final DaoRegistry daos;
	private final IFhirSystemDao<Bundle, Meta> systemDao;
	private final RegistryValidatorFactory validatorFactory;
	private final StartupLock startupLock;

	DemoRecordsLoader(
			DemoProperties properties,
			FhirContext fhirContext,
			DaoRegistry daos,
			IFhirSystemDao<Bundle, Meta> systemDao,
			RegistryValidatorFactory validatorFactory,
			StartupLock startupLock) {
		this.properties = properties;
		this.fhirContext = fhirContext;
		this.daos = daos;
		this.systemDao = systemDao;
		this.validatorFactory = validatorFactory;
		this.startupLock = startupLock;
	}

	@Override
	public void run(ApplicationArguments arguments) throws IOException {
		if (properties.records() == null) {
			return;
		}
		Bundle bundle;
		try (InputStream in = properties.records().getInputStream()) {
			bundle = fhirContext.newJsonParser().parseResource(Bundle.class, in);
		}
		if (bundle.getEntry().isEmpty()) {
			return;
		}
		// servers starting together on an empty database: the first loads the set, the others then find it
		startupLock.runAlone(() -> loadUnlessLoaded(bundle));
	}

	private void loadUnlessLoaded(Bundle bundle) {
		if (alreadyLoaded(bundle.getEntryFirstRep().getResource())) {
			return;
		}
		bundle.getEntry().forEach(entry -> conform(entry.getResource()));
		systemDao.transaction(new SystemRequestDetails(), bundle);
		log.info("Loaded the demo set: {} records from {}", bundle.getEntry().size(), properties.records().getDescription());
	}

	private boolean alreadyLoaded(Resource first) {
		try {
			daos.getResourceDao(first.fhirType()).read(new IdType(first.fhirType(), first.getIdPart()), new SystemRequestDetails());
			return true;
		} catch (ResourceNotFoundException | ResourceGoneException unknown) {
			return false;
		}
	}

	private void conform(Resource resource) {
		List<SingleValidationMessage> errors = validatorFactory.validateAgainstRegistryProfile(resource).getMessages().stream()
				.filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
				.toList();
		if (!errors.isEmpty()) {
			throw new IllegalStateException("demo record " + resource.fhirType() + "/" + resource.getIdPart()
					+ " does not conform to the registry's profile: "
					+ errors.stream().map(error -> error.getLocationString() + " " + error.getMessage()).toList());
		}
	}
}
