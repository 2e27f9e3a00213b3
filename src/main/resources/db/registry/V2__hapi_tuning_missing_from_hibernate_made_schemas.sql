-- HAPI's tuning of its busiest tables, which its migrations make but Hibernate's hbm2ddl never did: a database of the
-- release before (schema by hbm2ddl) gets it here, as HAPI's migrator takes that schema as already initialized. On a
-- database HAPI's migrations made, these statements change nothing. Compared with pg_dump --schema-only, this is all
-- that differed between the two.

alter table hfj_forced_id set (autovacuum_vacuum_scale_factor = 0.01);
alter table hfj_res_link set (autovacuum_vacuum_scale_factor = 0.01);
alter table hfj_resource set (autovacuum_vacuum_scale_factor = 0.01);
alter table hfj_spidx_coords set (autovacuum_vacuum_scale_factor = 0.01);
alter table hfj_spidx_date set (autovacuum_vacuum_scale_factor = 0.01);
alter table hfj_spidx_number set (autovacuum_vacuum_scale_factor = 0.01);
alter table hfj_spidx_quantity set (autovacuum_vacuum_scale_factor = 0.01);
alter table hfj_spidx_quantity_nrml set (autovacuum_vacuum_scale_factor = 0.01);
alter table hfj_spidx_string set (autovacuum_vacuum_scale_factor = 0.01);
alter table hfj_spidx_token set (autovacuum_vacuum_scale_factor = 0.01);
alter table hfj_spidx_uri set (autovacuum_vacuum_scale_factor = 0.01);
alter table hfj_res_link alter column src_path set statistics 10000;
alter table hfj_res_link alter column src_resource_id set statistics 10000;
alter table hfj_res_link alter column target_resource_id set statistics 10000;
alter table hfj_spidx_coords alter column hash_identity set statistics 1000;
alter table hfj_spidx_date alter column hash_identity set statistics 1000;
alter table hfj_spidx_number alter column hash_identity set statistics 1000;
alter table hfj_spidx_quantity alter column hash_identity set statistics 1000;
alter table hfj_spidx_quantity alter column hash_identity_and_units set statistics 10000;
alter table hfj_spidx_quantity alter column hash_identity_sys_units set statistics 10000;
alter table hfj_spidx_quantity_nrml alter column hash_identity set statistics 1000;
alter table hfj_spidx_quantity_nrml alter column hash_identity_and_units set statistics 10000;
alter table hfj_spidx_quantity_nrml alter column hash_identity_sys_units set statistics 10000;
alter table hfj_spidx_string alter column hash_identity set statistics 1000;
alter table hfj_spidx_string alter column hash_exact set statistics 10000;
alter table hfj_spidx_string alter column hash_norm_prefix set statistics 10000;
alter table hfj_spidx_token alter column hash_identity set statistics 1000;
alter table hfj_spidx_token alter column hash_sys set statistics 10000;
alter table hfj_spidx_token alter column hash_sys_and_value set statistics 10000;
alter table hfj_spidx_token alter column hash_value set statistics 10000;
alter table hfj_spidx_uri alter column hash_identity set statistics 1000;
alter table hfj_spidx_uri alter column hash_uri set statistics 10000;
