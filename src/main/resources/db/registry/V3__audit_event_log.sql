-- The audit trail as the registry's own append-only log (AuditEventLog): one row per AuditEvent, one event per patient,
-- written in batches by the audit writer and served read-only as FHIR AuditEvent. Rows are only ever inserted.
create table immunis_audit_event (
    seq bigint generated always as identity primary key,
    -- the id it is served under: random, so that ids say nothing of how many events other patients have
    id uuid not null unique default gen_random_uuid(),
    recorded timestamptz not null,
    -- the patient the event is about (its entity), or null; named by reference when it was a stored Patient
    patient varchar(64),
    patient_stored boolean not null,
    -- who: the token's subject, client, role and the organization acted for; the patients a patient or guardian acts for
    subject varchar(255),
    client_id varchar(255),
    role varchar(64),
    organization varchar(255),
    acting_for text[] not null,
    -- what: the RESTful interaction, the action (C R U D E), the target and the query string of a search
    interaction varchar(64) not null,
    action char(1) not null,
    target text,
    query text,
    -- the outcome: the HTTP status answered, why it failed, and the AuditEvent outcome code (0, 4 or 8)
    status integer not null,
    outcome_text text,
    outcome char(1) not null,
    -- an AuditEvent the release before stored as a HAPI resource, copied here at start-up: its id and its JSON as stored
    legacy_id varchar(64) unique,
    legacy_resource text
);
create index immunis_audit_event_patient on immunis_audit_event (patient, recorded);
create index immunis_audit_event_recorded on immunis_audit_event (recorded);
