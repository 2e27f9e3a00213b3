package org.immunis.ig;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Builds the validator that checks resources against the registry's implementation guide, offline: the R4 core
 * definitions, the IG package, in-memory terminology and snapshots generated once at start-up and then cached.
 * Create one per server and share it; the validator is thread-safe.
 */
public final class RegistryValidatorFactory {

	private final FhirContext fhirContext;
	private final RegistryImplementationGuide implementationGuide;
	private final ValidationSupportChain validationSupport;
	private final FhirInstanceValidator validatorModule;
	private final FhirValidator validator;

	public RegistryValidatorFactory(FhirContext fhirContext, RegistryImplementationGuide implementationGuide) {
		this.fhirContext = fhirContext;
		this.implementationGuide = implementationGuide;
		this.validationSupport = buildValidationSupport(fhirContext, implementationGuide);
		this.validatorModule = new ReusingInstanceValidator(validationSupport);
		this.validator = fhirContext.newValidator().registerValidatorModule(validatorModule);
		warmUp();
	}

	/** Loads the IG package from the classpath and builds its validator. */
	public static RegistryValidatorFactory forClasspathPackage(FhirContext fhirContext) {
		return new RegistryValidatorFactory(fhirContext, RegistryImplementationGuide.loadFromClasspath(fhirContext));
	}

	private static ValidationSupportChain buildValidationSupport(FhirContext fhirContext, RegistryImplementationGuide implementationGuide) {
		PrePopulatedValidationSupport registryPackage = new PrePopulatedValidationSupport(fhirContext);
		implementationGuide.conformanceResources().forEach(registryPackage::addResource);
		return new ValidationSupportChain(
			ValidationSupportChain.CacheConfiguration.defaultValues(),
			new DefaultProfileValidationSupport(fhirContext),
			registryPackage,
			new CommonCodeSystemsTerminologyService(fhirContext),
			new InMemoryTerminologyServerValidationSupport(fhirContext),
			new SnapshotGeneratingValidationSupport(fhirContext));
	}

	/**
	 * Generates the profiles' snapshots and expands the bound value sets now, so that the first requests do not pay
	 * for it: validating the package's own examples touches every profile.
	 */
	private void warmUp() {
		implementationGuide.profiles().forEach(profile -> validationSupport.fetchStructureDefinition(profile.getUrl()));
		implementationGuide.examples().forEach(validator::validateWithResult);
	}

	public FhirContext fhirContext() {
		return fhirContext;
	}

	public RegistryImplementationGuide implementationGuide() {
		return implementationGuide;
	}

	/** The validation support chain, e.g. for the server's own terminology or snapshot needs. */
	public IValidationSupport validationSupport() {
		return validationSupport;
	}

	/** The validator module for HAPI's RequestValidatingInterceptor or RepositoryValidatingRuleBuilder. */
	public FhirInstanceValidator validatorModule() {
		return validatorModule;
	}

	/** Validates against the profiles a resource declares in meta.profile (and its base definition). */
	public FhirValidator validator() {
		return validator;
	}

	/**
	 * Validates a resource against the registry profile of its type, whether or not it declares that profile;
	 * a resource type the registry does not profile is validated against its base definition only.
	 */
	public ValidationResult validateAgainstRegistryProfile(IBaseResource resource) {
		ValidationOptions options = new ValidationOptions();
		implementationGuide.profileUrlFor(fhirContext.getResourceType(resource)).ifPresent(options::addProfile);
		return validator.validateWithResult(resource, options);
	}
}
