import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { at } from '$lib/domain/fixtures/time';
import { validateOrderRecord, type OrderColumnKey, type OrderInput } from '$lib/domain/hotline-order-input';
import { loadCalendar } from '../../repositories/calendar';
import { orderValidationContext } from '../../repositories/hotline-reference';
import { createTestDb, type TestDb, countRows } from '../../test-db';
import { analyseImport } from './import-analyse';
import { commitImport } from './import-commit';
import type { ImportMode } from './import-jobs';
import { ingestOrders } from './ingest';
import { registerImportFile } from './import-upload';
import { tmp, type Row } from './import-jobs.files.fixtures';

// Shared setup of the import-jobs.*.test.ts files, the database side. Each file calls useImportJobsEnv() once at top
// level and reads the database and the acting dispatcher through the handle it returns. The test files themselves:
// import-jobs.files.fixtures.ts.

export const NOW = at('2026-09-29 10:00');

const saved = { IMPORT_DIR: process.env.IMPORT_DIR, DATABASE_PATH: process.env.DATABASE_PATH };

let current: TestDb | undefined;
const db = () => {
	if (!current) throw new Error('call useImportJobsEnv() at the top of the test file');
	return current.db;
};
/** The dispatcher (diaodu) who registers and commits the imports. */
const dispatcher = () => current!.users.get('diaodu')!;

/**
 * Registers the file's hooks: IMPORT_DIR in a temporary directory, a fresh test database; restores the environment
 * after. The handle's fields are ready inside the tests.
 */
export function useImportJobsEnv() {
	beforeAll(() => {
		process.env.IMPORT_DIR = path.join(tmp.dir, 'imports');
	});
	afterAll(() => {
		for (const [k, v] of Object.entries(saved)) {
			if (v === undefined) delete process.env[k];
			else process.env[k] = v;
		}
		tmp.cleanup();
	});
	beforeAll(async () => {
		current = await createTestDb();
	});
	afterAll(async () => {
		await current?.cleanup();
		current = undefined;
	});
	return {
		get db() {
			return db();
		},
		/** The test database's folder. */
		get dir() {
			return current!.dir;
		},
		/** The dispatcher's user id. */
		get actorId() {
			return dispatcher();
		}
	};
}

// Registering, analysing and committing through the test database.

export async function register(file: string) {
	const r = await registerImportFile(db(), file, dispatcher(), NOW);
	if (!r.ok) throw new Error(r.code);
	return r.imp;
}
export const importRow = (id: number) =>
	db().selectFrom('hotline_imports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
export const reportOf = async (id: number) => JSON.parse((await importRow(id)).report ?? 'null');

/** Waits for a background job to move the import on from `from`; its row then. The test's timeout bounds the wait. */
export async function settle(id: number, from: string) {
	for (;;) {
		const r = await importRow(id);
		if (r.status !== from) return r;
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}
export const orders = (prefix: string) =>
	db().selectFrom('hotline_orders').selectAll().where('order_no', 'like', `${prefix}-%`).orderBy('order_no').execute();
export const countOrders = async () => countRows(db(), 'hotline_orders');
export const countEvents = async () => countRows(db(), 'hotline_events');

export async function analyse(file: string) {
	const imp = await register(file);
	await analyseImport(db(), imp, file, NOW);
	return { imp, row: await importRow(imp.id), report: await reportOf(imp.id) };
}

export async function commit(file: string, mode: ImportMode) {
	const { imp } = await analyse(file);
	await commitImport(db(), imp, file, mode, dispatcher(), NOW);
	return { imp, row: await importRow(imp.id), report: await reportOf(imp.id) };
}

/** The checked orders of file rows, as the validator makes them. */
export async function inputsOf(rows: Row[]): Promise<OrderInput[]> {
	const ctx = await orderValidationContext(db(), NOW);
	return rows.map((r) => {
		const raw = Object.fromEntries(
			['orderNo', 'channel', 'orderType', 'urgency', 'citizenName', 'phone', 'address', 'content', 'receivedAt'].map(
				(k, i) => [k, r[i]]
			)
		) as Partial<Record<OrderColumnKey, string>>;
		const v = validateOrderRecord(raw, ctx);
		if (!v.ok) throw new Error(JSON.stringify(v.errors));
		return v.order;
	});
}

/** Stores orders as if an earlier import had brought them in. */
export async function store(rows: Row[]) {
	await ingestOrders(db(), await inputsOf(rows), {
		origin: 'api',
		importId: null,
		actorId: null,
		apiKeyId: null,
		now: NOW,
		calendar: await loadCalendar(db())
	});
}
