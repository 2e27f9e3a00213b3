-- The registry's own tables, as the release before versioned migrations made them at start-up ("if not exists": that
-- release's databases already hold them). Never edit an applied migration: add the next version.

-- The patients with a data-sharing objection in force (ObjectionRegister)
create table if not exists immunis_objection (
    consent_id varchar(100) primary key,
    patient_id varchar(100) not null
);
create index if not exists immunis_objection_patient on immunis_objection (patient_id);

-- Bulk export jobs and their output files (ExportJobStore)
create table if not exists immunis_export_job (
    id varchar(36) primary key,
    owner varchar(1000) not null,
    claims text not null,
    request text not null,
    status varchar(16) not null,
    created_at timestamptz not null,
    transaction_time timestamptz,
    worker varchar(64),
    heartbeat_at timestamptz,
    progress varchar(300),
    error text,
    expires_at timestamptz
);
create index if not exists immunis_export_job_status on immunis_export_job (status, created_at);
create table if not exists immunis_export_file (
    job_id varchar(36) not null references immunis_export_job (id) on delete cascade,
    number integer not null,
    resource_type varchar(64) not null,
    resource_count integer not null,
    patients text not null,
    content bytea not null,
    primary key (job_id, number)
);

-- The embedded authorization server's signing key (SharedSigningKey)
create table if not exists immunis_authorization_server_key (
    id int primary key,
    jwk text not null
);

-- The SMART Backend Services client assertions already used (AssertionReplayGuard)
create table if not exists immunis_used_client_assertion (
    client_id varchar(200) not null,
    jti varchar(200) not null,
    expires_at timestamptz not null,
    primary key (client_id, jti)
);

-- Spring Authorization Server's authorizations (its oauth2-authorization-schema.sql of 1.4, text for its blobs on
-- PostgreSQL as that file says)
create table if not exists oauth2_authorization (
    id varchar(100) not null,
    registered_client_id varchar(100) not null,
    principal_name varchar(200) not null,
    authorization_grant_type varchar(100) not null,
    authorized_scopes varchar(1000) default null,
    attributes text default null,
    state varchar(500) default null,
    authorization_code_value text default null,
    authorization_code_issued_at timestamp default null,
    authorization_code_expires_at timestamp default null,
    authorization_code_metadata text default null,
    access_token_value text default null,
    access_token_issued_at timestamp default null,
    access_token_expires_at timestamp default null,
    access_token_metadata text default null,
    access_token_type varchar(100) default null,
    access_token_scopes varchar(1000) default null,
    oidc_id_token_value text default null,
    oidc_id_token_issued_at timestamp default null,
    oidc_id_token_expires_at timestamp default null,
    oidc_id_token_metadata text default null,
    refresh_token_value text default null,
    refresh_token_issued_at timestamp default null,
    refresh_token_expires_at timestamp default null,
    refresh_token_metadata text default null,
    user_code_value text default null,
    user_code_issued_at timestamp default null,
    user_code_expires_at timestamp default null,
    user_code_metadata text default null,
    device_code_value text default null,
    device_code_issued_at timestamp default null,
    device_code_expires_at timestamp default null,
    device_code_metadata text default null,
    primary key (id)
);
