// Vitest global set-up of the "unit-pg" project: the repository, service and statistics suites on
// PostgreSQL. One throwaway cluster for the run, and in it one template database migrated, with the
// reference data and the demo users, made once here; createTestDb() then copies it per call
// (CREATE DATABASE … TEMPLATE), which is far faster than migrating and hashing passwords every time.
import { sql } from 'kysely';
import type { TestProject } from 'vitest/node';
import { seedDemoUsers } from '../../../../seeds/demo-users';
import { loadReferenceData } from '../repositories/reference-data';
import { openDatabase } from './create-database';
import { migrateToLatest } from './migrate';
import { startPgCluster } from './pg-cluster';

declare module 'vitest' {
	export interface ProvidedContext {
		/** Name of the template database createTestDb() copies, in the cluster of pgClusterUrl. */
		pgTemplate: string;
	}
}

const TEMPLATE = 'gridcase_template';
/** When the demo users were made: the same instant createTestDb() uses on SQLite. */
const DEMO_USERS_AT = Date.parse('2025-01-01T00:00:00Z');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const cluster = await startPgCluster();
	try {
		const started = Date.now();
		// No JIT: compiling a test's queries costs more than running them over its few rows.
		const admin = openDatabase(cluster.url);
		await sql`ALTER SYSTEM SET jit = off`.execute(admin);
		await sql`SELECT pg_reload_conf()`.execute(admin);
		await admin.destroy();
		const db = openDatabase(await cluster.createDatabase(TEMPLATE));
		try {
			await migrateToLatest(db);
			await loadReferenceData(db);
			await seedDemoUsers(db, DEMO_USERS_AT);
		} finally {
			// A template must have no sessions left, or copying it fails.
			await db.destroy();
		}
		console.log(
			`PostgreSQL test cluster on port ${cluster.port} (initdb ${cluster.timings.initdb} ms, start ${cluster.timings.start} ms), template database in ${Date.now() - started} ms`
		);
	} catch (e) {
		await cluster.stop();
		throw e;
	}
	project.provide('pgClusterUrl', cluster.url);
	project.provide('pgTemplate', TEMPLATE);
	return () => cluster.stop();
}
