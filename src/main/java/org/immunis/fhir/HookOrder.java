package org.immunis.fhir;

/**
 * The one place that says in which order the registry's HAPI hooks run at each pointcut (lower first). HAPI's own
 * {@code ConsentInterceptor}, which carries the sharing decision ({@code SharingEnforcement}), runs its hooks at 0.
 *
 * <pre>
 * SERVER_INCOMING_REQUEST_PRE_HANDLED   who asks, may its role and scopes do this (AccessInterceptor)
 *                                        -> who may get a proof of vaccination (ProofAccessInterceptor)
 *                                        -> paths the per-record decision cannot see, hidden = unknown (ReadPathGuard)
 *                                        -> searches the registry does not offer: _content, _text (FullTextSearchRefusal)
 *                                        -> HAPI's consent start (deny by default)
 * STORAGE_PREACCESS_RESOURCES,          one lookup of the sharing facts of the batch (SharingEnforcement)
 * STORAGE_PRESHOW_RESOURCES              -> what the role and scopes may read (ShownRecordsFilter, on show only)
 *                                        -> HAPI's consent: the sharing decision per record, the outgoing view
 *                                        -> what was disclosed, for the audit trail (AuditTrail)
 * STORAGE_PRESTORAGE_RESOURCE_*         may the requester write this record (WriteAccessInterceptor)
 *                                        -> text values: no control characters, lone surrogates, empty items, caps
 *                                           (RecordTextInterceptor), before any rule or profile reads them
 *                                        -> the objection's shape, no AuditEvent writes (ObjectionWriteInterceptor)
 *                                        -> the registry's record rules (RecordRulesInterceptor)
 *                                        -> the implementation guide's profiles (ProfileValidationInterceptor)
 * SERVER_OUTGOING_RESPONSE             HAPI's consent (the outgoing view) -> the request's audit events stored before the
 *                                        answer leaves (AuditTrail)
 * SERVER_PRE_PROCESS_OUTGOING_EXCEPTION a lost database answers 503 in the registry's words (DatabaseOutageInterceptor)
 *                                        -> the requester's view of an error: hidden = unknown, no hidden record named
 * </pre>
 */
public final class HookOrder {

	public static final int REQUESTER_AND_PERMISSIONS = -100;
	public static final int PROOF_ACCESS = -75;
	public static final int READ_PATH_GUARD = -50;
	public static final int UNOFFERED_SEARCHES = -25;

	public static final int SHARING_FACTS = -200;
	public static final int ROLE_FILTER = -100;
	public static final int DISCLOSURES = 1000;

	public static final int WRITE_ACCESS = -100;
	public static final int TEXT_VALUES = -90;
	public static final int OBJECTION_SHAPE = 0;
	public static final int RECORD_RULES = 50;
	public static final int PROFILE_VALIDATION = 100;

	public static final int DATABASE_OUTAGE = -10;
	public static final int ERROR_VIEW = 0;

	private HookOrder() {}
}
