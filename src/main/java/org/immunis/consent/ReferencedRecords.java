package org.immunis.consent;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.immunis.records.RecordTypes;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads, as the server, the stored records that shown records refer to, so that each can be decided for the requester:
 * one query per type, in a read-only transaction of its own (records may be shown in the middle of a write).
 */
@Component
class ReferencedRecords {

	private final DaoRegistry daos;
	private final TransactionTemplate separateTransaction;

	ReferencedRecords(DaoRegistry daos, PlatformTransactionManager transactions) {
		this.daos = daos;
		this.separateTransaction = new TransactionTemplate(transactions);
		this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.separateTransaction.setReadOnly(true);
	}

	/** The stored records among these {@code Type/id}s; a type the registry does not classify is not looked at. */
	List<IBaseResource> load(Collection<String> references) {
		Map<String, List<String>> idsByType = references.stream()
				.filter(reference -> RecordTypes.of(reference.substring(0, reference.indexOf('/'))).isPresent())
				.filter(reference -> daos.isResourceTypeSupported(reference.substring(0, reference.indexOf('/'))))
				.collect(Collectors.groupingBy(reference -> reference.substring(0, reference.indexOf('/')),
						Collectors.mapping(reference -> reference.substring(reference.indexOf('/') + 1), Collectors.toList())));
		if (idsByType.isEmpty()) {
			return List.of();
		}
		return separateTransaction.execute(status -> {
			List<IBaseResource> found = new ArrayList<>();
			idsByType.forEach((type, ids) -> {
				TokenOrListParam anyOf = new TokenOrListParam();
				ids.forEach(id -> anyOf.addOr(new TokenParam(id)));
				SearchParameterMap query = SearchParameterMap.newSynchronous();
				query.add("_id", anyOf);
				found.addAll(daos.getResourceDao(type).search(query, new SystemRequestDetails()).getAllResources());
			});
			return found;
		});
	}
}
