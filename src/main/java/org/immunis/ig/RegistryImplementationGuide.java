package org.immunis.ig;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.utilities.npm.NpmPackage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry's implementation guide: the FHIR NPM package the build lays out from ig/ onto the classpath.
 */
public final class RegistryImplementationGuide {

	public static final String PACKAGE_CLASSPATH = "/ig/org.immunis.registry-0.1.0.tgz";
	public static final String CANONICAL_BASE = "http://immunis.org/fhir";
	public static final String PATIENT_PROFILE = CANONICAL_BASE + "/StructureDefinition/registry-patient";
	public static final String IMMUNIZATION_PROFILE = CANONICAL_BASE + "/StructureDefinition/registry-immunization";
	public static final String ORGANIZATION_PROFILE = CANONICAL_BASE + "/StructureDefinition/registry-organization";
	public static final String DATA_SHARING_OBJECTION_PROFILE = CANONICAL_BASE + "/StructureDefinition/data-sharing-objection";
	public static final String DATA_SHARING_POLICY = CANONICAL_BASE + "/policy/data-sharing";

	private static final String PACKAGE_FOLDER = "package";
	private static final String EXAMPLE_FOLDER = "example";

	private final NpmPackage npmPackage;
	private final List<IBaseResource> conformanceResources;
	private final List<IBaseResource> examples;
	private final Map<String, String> profileUrlsByResourceType;

	private RegistryImplementationGuide(NpmPackage npmPackage, List<IBaseResource> conformanceResources, List<IBaseResource> examples) {
		this.npmPackage = npmPackage;
		this.conformanceResources = List.copyOf(conformanceResources);
		this.examples = List.copyOf(examples);
		Map<String, String> profileUrls = new LinkedHashMap<>();
		profiles().forEach(profile -> profileUrls.put(profile.getType(), profile.getUrl()));
		this.profileUrlsByResourceType = Collections.unmodifiableMap(profileUrls);
	}

	/** Reads the package the build put on the classpath; the FhirContext must be R4. */
	public static RegistryImplementationGuide loadFromClasspath(FhirContext fhirContext) {
		try (InputStream tgz = RegistryImplementationGuide.class.getResourceAsStream(PACKAGE_CLASSPATH)) {
			if (tgz == null) {
				throw new IllegalStateException("The registry IG package " + PACKAGE_CLASSPATH + " is not on the classpath: build with Maven");
			}
			NpmPackage npmPackage = NpmPackage.fromPackage(tgz);
			IParser parser = fhirContext.newJsonParser();
			return new RegistryImplementationGuide(npmPackage,
				parseFolder(npmPackage, PACKAGE_FOLDER, parser),
				parseFolder(npmPackage, EXAMPLE_FOLDER, parser));
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read the registry IG package " + PACKAGE_CLASSPATH, e);
		}
	}

	private static List<IBaseResource> parseFolder(NpmPackage npmPackage, String folderName, IParser parser) throws IOException {
		NpmPackage.NpmPackageFolder folder = npmPackage.getFolders().get(folderName);
		List<IBaseResource> resources = new ArrayList<>();
		if (folder == null) {
			return resources;
		}
		for (String fileName : folder.listFiles()) {
			if (fileName.endsWith(".json") && !fileName.equals("package.json") && !fileName.startsWith(".")) {
				resources.add(parser.parseResource(new String(folder.fetchFile(fileName), StandardCharsets.UTF_8)));
			}
		}
		return resources;
	}

	public String packageName() {
		return npmPackage.name();
	}

	public String packageVersion() {
		return npmPackage.version();
	}

	/** StructureDefinitions, ValueSets, CodeSystems, SearchParameters, the CapabilityStatement and the ImplementationGuide. */
	public List<IBaseResource> conformanceResources() {
		return conformanceResources;
	}

	/** The valid example instances shipped in the package (package/example). */
	public List<IBaseResource> examples() {
		return examples;
	}

	public Optional<CodeSystem> codeSystem(String url) {
		return ofType(CodeSystem.class).stream().filter(codeSystem -> url.equals(codeSystem.getUrl())).findFirst();
	}

	public List<StructureDefinition> profiles() {
		return ofType(StructureDefinition.class);
	}

	/** The registry profile of each resource type it profiles, e.g. "Patient" to {@link #PATIENT_PROFILE}. */
	public Map<String, String> profileUrlsByResourceType() {
		return profileUrlsByResourceType;
	}

	public Optional<String> profileUrlFor(String resourceType) {
		return Optional.ofNullable(profileUrlsByResourceType.get(resourceType));
	}

	public List<SearchParameter> searchParameters() {
		return ofType(SearchParameter.class);
	}

	public CapabilityStatement capabilityStatement() {
		return ofType(CapabilityStatement.class).stream()
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("The registry IG package has no CapabilityStatement"));
	}

	private <T extends IBaseResource> List<T> ofType(Class<T> type) {
		return conformanceResources.stream().filter(type::isInstance).map(type::cast).toList();
	}
}
