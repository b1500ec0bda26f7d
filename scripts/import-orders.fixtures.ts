// Shared set-up of the command-line import tests (import-orders.test.ts, import-orders.busy.test.ts): a scratch
// folder, seeded database files, CSV files as the city platform exports them, and running the real command.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createDatabase, type Db } from '../src/lib/server/db/create-database';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { seedDemoUsers } from '../seeds/demo-users';
import { loadReferenceData } from '../src/lib/server/repositories/reference-data';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const SCRIPT = 'scripts/import-orders.ts';
export const ROWS = 60_000;
// Each test runs the command-line import (tsx compiling the script, then up to 60,000 rows) one to three times.
// That takes seconds on an idle machine and minutes on a loaded 2-core one; the tests check outcomes, never speed,
// so every wait below is a guard against a hung child, not a measure.
export const SLOW_MACHINE_MS = 10 * 60_000;

let dir: string;
/** A path in the scratch folder. */
export const inScratch = (name: string) => path.join(dir, name);

/** Registers the file's hooks: a scratch folder for its databases and CSV files, removed after. */
export function useScratchDir(): void {
	beforeAll(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridcase-import-cli-'));
	});
	afterAll(() => {
		fs.rmSync(dir, { recursive: true, force: true });
	});
}

/** A new database file: migrated, base data, and (unless told otherwise) the demo users. */
export async function seededDb(name: string, users = true): Promise<string> {
	const file = path.join(dir, name);
	const db = createDatabase(file);
	try {
		await migrateToLatest(db);
		await loadReferenceData(db);
		if (users) await seedDemoUsers(db, Date.parse('2025-01-01T00:00:00Z'));
	} finally {
		await db.destroy();
	}
	return file;
}

/** `n` valid orders as a UTF-8 CSV, the way the city platform exports them. */
export function writeOrdersCsv(name: string, n: number, extra: string[] = []): string {
	const types = ['咨询', '建议', '求助', '投诉', '督办', '复杂事项'];
	const lines = ['工单号,来源渠道,诉求类型,紧急程度,诉求人,联系电话,地址,诉求内容,派单时间'];
	for (let i = 1; i <= n; i++) {
		const day = String((i % 28) + 1).padStart(2, '0');
		const content = i % 10 === 0 ? `"噪音扰民, 夜间施工 ""第${i}次"""` : `小区门口道路破损需要维修${i % 97}`;
		lines.push(
			`GD2025${String(i).padStart(7, '0')},12345热线,${types[i % types.length]},${i % 9 === 0 ? '紧急' : '一般'},张${i % 100},139${String(i).padStart(8, '0')},古美路${i % 300}弄${i % 20}号,${content},2025-06-${day} ${String(8 + (i % 9)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`
		);
	}
	lines.push(...extra);
	const file = path.join(dir, name);
	fs.writeFileSync(file, lines.join('\r\n') + '\r\n');
	return file;
}

export async function withDb<T>(file: string, fn: (db: Db) => Promise<T>): Promise<T> {
	const db = createDatabase(file);
	try {
		return await fn(db);
	} finally {
		await db.destroy();
	}
}

const countOf = (db: Db, table: 'hotline_orders' | 'hotline_events') =>
	db
		.selectFrom(table)
		.select(({ fn }) => fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow()
		.then((r) => Number(r.n));
export const counts = (file: string) =>
	withDb(file, async (db) => ({
		orders: await countOf(db, 'hotline_orders'),
		receiveEvents: Number(
			(
				await db
					.selectFrom('hotline_events')
					.select(({ fn }) => fn.countAll<number>().as('n'))
					.where('action', '=', 'receive')
					.executeTakeFirstOrThrow()
			).n
		)
	}));

/** Resolves once no process of the group `pgid` is left (polls: the kernel gives no event for it). */
export async function groupGone(pgid: number): Promise<void> {
	for (;;) {
		try {
			process.kill(-pgid, 0);
		} catch {
			return; // ESRCH: the whole group is gone
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

export const env = (database: string) => ({
	...process.env,
	DATABASE_PATH: database,
	IMPORT_DIR: path.join(dir, 'imports')
});

export function runToEnd(database: string, args: string[]): SpawnSyncReturns<string> {
	return spawnSync('npx', ['tsx', SCRIPT, ...args], {
		cwd: ROOT,
		env: env(database),
		encoding: 'utf8',
		timeout: SLOW_MACHINE_MS
	});
}
