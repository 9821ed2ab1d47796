/**
 * The SQL that opens a rollback restore into an existing PostgreSQL database. Pure.
 *
 * pg_restore --clean drops only the objects the backup holds, in the backup's order, so objects
 * made since (a table with a foreign key to a restored one, a new schema, an added enum value)
 * either block it ("cannot drop constraint … because other objects depend on it") or survive it.
 * Instead, inside ONE transaction: every user schema of the database is dropped with CASCADE,
 * `public` is made again with its owner, privileges and comment, large objects are unlinked, and
 * then the backup's own SQL recreates everything. The caller commits only after the whole backup
 * was applied; any error, a kill or a cut-off stream rolls everything back and leaves the
 * database as it was. Extensions kept in pg_catalog (plpgsql) are not touched; the backup
 * recreates the others with CREATE EXTENSION IF NOT EXISTS.
 */
export const REPLACE_SCHEMAS_SQL = `BEGIN;
-- A DROP waiting for another session's lock does not notice that psql was killed (timeout, cancelled
-- job) until it gets the lock, holding the locks it already has. From PostgreSQL 14 the server can
-- check the connection while it waits; older servers do not know the setting, which is fine.
DO $deploy_actions$
BEGIN
  PERFORM pg_catalog.set_config('client_connection_check_interval', '1s', true);
EXCEPTION WHEN undefined_object THEN NULL;
END
$deploy_actions$;
DO $deploy_actions$
DECLARE
  kept record;
  victim record;
  privilege record;
BEGIN
  SELECT pg_catalog.pg_get_userbyid(n.nspowner) AS owner, n.nspacl AS acl, pg_catalog.obj_description(n.oid, 'pg_namespace') AS note
    INTO kept FROM pg_catalog.pg_namespace n WHERE n.nspname = 'public';
  FOR victim IN
    SELECT nspname FROM pg_catalog.pg_namespace
    WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_toast%' AND nspname NOT LIKE 'pg\\_temp\\_%'
  LOOP
    EXECUTE pg_catalog.format('DROP SCHEMA %I CASCADE', victim.nspname);
  END LOOP;
  PERFORM pg_catalog.lo_unlink(oid) FROM pg_catalog.pg_largeobject_metadata;
  IF kept.owner IS NOT NULL THEN
    EXECUTE pg_catalog.format('CREATE SCHEMA public AUTHORIZATION %I', kept.owner);
    IF kept.acl IS NOT NULL THEN
      FOR privilege IN SELECT grantee, privilege_type, is_grantable FROM pg_catalog.aclexplode(kept.acl) LOOP
        EXECUTE pg_catalog.format('GRANT %s ON SCHEMA public TO %s%s', privilege.privilege_type,
          CASE WHEN privilege.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(privilege.grantee)) END,
          CASE WHEN privilege.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);
      END LOOP;
    END IF;
    IF kept.note IS NOT NULL THEN
      EXECUTE pg_catalog.format('COMMENT ON SCHEMA public IS %L', kept.note);
    END IF;
  END IF;
END
$deploy_actions$;
`

/** Ends the restore script: reached only when pg_restore turned the whole backup into SQL. */
export const COMMIT_SQL = '\nCOMMIT;\n'
