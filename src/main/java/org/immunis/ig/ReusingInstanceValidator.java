package org.immunis.ig;

import ca.uhn.fhir.context.ConfigurationException;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.validation.IValidationContext;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.elementmodel.JsonParser;
import org.hl7.fhir.r5.elementmodel.Manager;
import org.hl7.fhir.r5.elementmodel.ParserBase;
import org.hl7.fhir.r5.elementmodel.ValidatedFragment;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;
import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.instance.InstanceValidator;

/**
 * HAPI's instance validator, except that each thread keeps its core validator for a number of resources instead of
 * building a new one for every resource: building one (its FHIRPath engines, profile utilities and type tables) costs
 * about as much as validating a small Immunization.
 *
 * <p>The core validator clears its per-resource state at the start of each validation, all but the list of codes it
 * has seen, which grows by a few entries per resource; a validator is therefore replaced after
 * {@value #VALIDATIONS_PER_VALIDATOR} resources. Settings and the handling of the messages are HAPI's, as its
 * {@code ValidatorWrapper} applies them; XML input is left to HAPI.
 */
final class ReusingInstanceValidator extends FhirInstanceValidator {

	static final int VALIDATIONS_PER_VALIDATOR = 1000;

	private final ThreadLocal<ThreadValidator> threadValidator = new ThreadLocal<>();

	ReusingInstanceValidator(IValidationSupport validationSupport) {
		super(validationSupport);
	}

	@Override
	protected List<ValidationMessage> validate(IValidationContext<?> context) {
		if (context.getResourceAsStringEncoding() != EncodingEnum.JSON) {
			return super.validate(context);
		}
		IWorkerContext workerContext = provideWorkerContext();
		List<ValidationMessage> unknownProfiles = new ArrayList<>();
		List<StructureDefinition> profiles = new ArrayList<>();
		context.getOptions().getProfiles().forEach(url -> addProfile(workerContext, url, profiles, unknownProfiles));
		String json = context.getResourceAsString();
		declaredProfiles(json).forEach(url -> addProfile(workerContext, url, profiles, unknownProfiles));

		List<ValidationMessage> messages =
				validatorForThisThread(workerContext).validate(context.getOptions().getAppContext(), json, profiles);
		if (profiles.isEmpty()) {
			messages.addAll(unknownProfiles);
		}
		messages.removeIf(ReusingInstanceValidator::isDroppedByHapi);
		messages.stream().filter(ReusingInstanceValidator::isUnknownProfile).forEach(message -> message.setLevel(
				isErrorForUnknownProfiles() ? ValidationMessage.IssueSeverity.ERROR : ValidationMessage.IssueSeverity.WARNING));
		return messages;
	}

	private ThreadValidator validatorForThisThread(IWorkerContext workerContext) {
		ThreadValidator current = threadValidator.get();
		if (current == null || current.uses >= VALIDATIONS_PER_VALIDATOR) {
			current = new ThreadValidator(newInstanceValidator(workerContext), new JsonParser(workerContext));
			threadValidator.set(current);
		}
		current.uses++;
		return current;
	}

	private InstanceValidator newInstanceValidator(IWorkerContext workerContext) {
		InstanceValidator validator;
		try {
			validator = new InstanceValidator(
					workerContext,
					Objects.requireNonNullElseGet(getHostApplicationServices(), FhirInstanceValidator.NullEvaluationContext::new),
					new XVerExtensionManagerOld(workerContext),
					new ValidatorSession(),
					new ValidatorSettings());
		} catch (Exception e) {
			throw new ConfigurationException("The profile validator could not be built: " + e.getMessage(), e);
		}
		validator.setAssumeValidRestReferences(isAssumeValidRestReferences());
		validator.setBestPracticeWarningLevel(getBestPracticeWarningLevel());
		validator.setAnyExtensionsAllowed(isAnyExtensionsAllowed());
		validator.setResourceIdRule(IdStatus.OPTIONAL);
		validator.setNoTerminologyChecks(isNoTerminologyChecks());
		validator.setErrorForUnknownProfiles(isErrorForUnknownProfiles());
		validator.setUnknownCodeSystemsCauseErrors(true);
		validator.getExtensionDomains().addAll(getExtensionDomains());
		validator.setFetcher(getValidatorResourceFetcher());
		validator.setPolicyAdvisor(getValidatorPolicyAdvisor());
		validator.setNoExtensibleWarnings(isNoExtensibleWarnings());
		validator.setNoBindingMsgSuppressed(isNoBindingMsgSuppressed());
		validator.setAllowExamples(isAllowExamples());
		validator.setAllowXsiLocation(true);
		return validator;
	}

	/** The profiles the resource names in meta.profile, read as HAPI reads them. */
	private static List<String> declaredProfiles(String json) {
		JsonObject meta = com.google.gson.JsonParser.parseString(json).getAsJsonObject().getAsJsonObject("meta");
		JsonElement profiles = meta == null ? null : meta.get("profile");
		if (profiles == null || !profiles.isJsonArray()) {
			return List.of();
		}
		List<String> urls = new ArrayList<>();
		profiles.getAsJsonArray().forEach(url -> urls.add(url.getAsString()));
		return urls;
	}

	private static void addProfile(
			IWorkerContext workerContext, String url, List<StructureDefinition> profiles, List<ValidationMessage> unknownProfiles) {
		StructureDefinition profile;
		try {
			profile = workerContext.fetchResource(StructureDefinition.class, url);
		} catch (FHIRException e) {
			return;
		}
		if (profile != null) {
			profiles.add(profile);
		} else {
			ValidationMessage unknown = new ValidationMessage();
			unknown.setMessageId(I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN);
			unknown.setLevel(ValidationMessage.IssueSeverity.ERROR);
			unknown.setMessage("Invalid profile. Failed to retrieve profile with url=" + url);
			unknownProfiles.add(unknown);
		}
	}

	private static boolean isDroppedByHapi(ValidationMessage message) {
		String id = message.getMessageId();
		return id != null && (id.equals(I18nConstants.TERMINOLOGY_TX_BINDING_NOSOURCE)
				|| (id.equals(I18nConstants.TERMINOLOGY_TX_VALUESET_NOTFOUND)
						&& message.getMessage().contains("http://hl7.org/fhir/ValueSet/mimetypes")));
	}

	private static boolean isUnknownProfile(ValidationMessage message) {
		return I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN.equals(message.getMessageId())
				|| I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN_NOT_POLICY.equals(message.getMessageId());
	}

	/**
	 * A core validator with the element-model parser it validates from. The core validator's own stream method builds
	 * a new parser per resource, with its own FHIRPath engine and table of resource types, which costs more than
	 * parsing; this does what that method does for JSON with the thread's parser, which keeps no state between parses.
	 */
	private static final class ThreadValidator {
		private final InstanceValidator validator;
		private final JsonParser parser;
		private int uses;

		private ThreadValidator(InstanceValidator validator, JsonParser parser) {
			this.validator = validator;
			this.parser = parser;
		}

		List<ValidationMessage> validate(Object appContext, String json, List<StructureDefinition> profiles) {
			List<ValidationMessage> messages = new ArrayList<>();
			InputStream content = new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
			if (profiles.stream().anyMatch(profile -> profile.getKind() == StructureDefinition.StructureDefinitionKind.LOGICAL)) {
				validator.validate(appContext, messages, content, Manager.FhirFormat.JSON, profiles);
				return messages;
			}
			parser.setupValidation(ParserBase.ValidationPolicy.EVERYTHING);
			parser.setAllowComments(validator.isAllowComments());
			List<ValidatedFragment> fragments;
			try {
				fragments = parser.parse(content);
			} catch (IOException e) {
				throw new FHIRException(e);
			}
			for (ValidatedFragment fragment : fragments) {
				if (fragment.getElement() != null) {
					validator.validate(appContext, fragment.getErrors(), fragments.size() > 1 ? fragment.path() : null,
							fragment.getElement(), profiles);
				}
				messages.addAll(fragment.getErrors());
			}
			return messages;
		}
	}
}
