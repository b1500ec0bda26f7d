// The crash test (issue 3, "Bad input and faults"): an import killed half-way leaves all of it or none of
// it, and running it again completes it. Runs the real command-line import in a child process.
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../src/lib/server/db/create-database';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '../src/lib/server/import/sniff';
import { seedDemoUsers } from '../seeds/demo-users';
import { loadReferenceData } from '../src/lib/server/repositories/reference-data';

const ROOT = path.resolve(import.meta.dirname, '..');
const SCRIPT = 'scripts/import-orders.ts';
const ROWS = 60_000;
// Each test runs the command-line import (tsx compiling the script, then up to 60,000 rows) one to three times.
// That takes seconds on an idle machine and minutes on a loaded 2-core one; the tests check outcomes, never speed,
// so every wait below is a guard against a hung child, not a measure.
const SLOW_MACHINE_MS = 10 * 60_000;

let dir: string;
beforeAll(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridcase-import-cli-'));
});
afterAll(() => {
	fs.rmSync(dir, { recursive: true, force: true });
});

/** A new database file: migrated, base data, and (unless told otherwise) the demo users. */
async function seededDb(name: string, users = true): Promise<string> {
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
function writeOrdersCsv(name: string, n: number, extra: string[] = []): string {
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

async function withDb<T>(file: string, fn: (db: Db) => Promise<T>): Promise<T> {
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
const counts = (file: string) =>
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
async function groupGone(pgid: number): Promise<void> {
	for (;;) {
		try {
			process.kill(-pgid, 0);
		} catch {
			return; // ESRCH: the whole group is gone
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

const env = (database: string) => ({ ...process.env, DATABASE_PATH: database, IMPORT_DIR: path.join(dir, 'imports') });

function runToEnd(database: string, args: string[]): SpawnSyncReturns<string> {
	return spawnSync('npx', ['tsx', SCRIPT, ...args], {
		cwd: ROOT,
		env: env(database),
		encoding: 'utf8',
		timeout: SLOW_MACHINE_MS
	});
}

describe('npm run import:orders', () => {
	it(
		'killed (SIGKILL) in the middle of the import: the database holds all of it or none of it; running it again completes it',
		async () => {
			const database = await seededDb('crash.db');
			const csv = writeOrdersCsv('orders-60k.csv', ROWS);
			expect(fs.statSync(csv).size).toBeLessThan(MAX_IMPORT_BYTES);
			expect(ROWS).toBeLessThan(MAX_IMPORT_ROWS);

			// 1. Start it and kill it at the first progress line, i.e. inside the write transaction. `npx tsx`
			// runs the script in a grandchild, so the child gets its own process group and the group is killed.
			const child = spawn('npx', ['tsx', SCRIPT, csv], {
				cwd: ROOT,
				env: env(database),
				detached: true,
				stdio: ['ignore', 'pipe', 'pipe']
			});
			let out = '';
			let err = '';
			let killedAt: string | null = null;
			child.stderr.on('data', (d: Buffer) => (err += d.toString()));
			const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
				child.on('exit', (code, signal) => resolve({ code, signal }))
			);
			child.stdout.on('data', (d: Buffer) => {
				out += d.toString();
				const progress = /^progress: (\d+)$/m.exec(out);
				if (progress && killedAt === null) {
					killedAt = progress[1];
					process.kill(-child.pid!, 'SIGKILL');
				}
			});
			const { signal } = await exited;
			expect(killedAt, `never printed a progress line\n${out}\n${err}`).not.toBeNull();
			expect(signal).toBe('SIGKILL');
			expect(out).not.toMatch(/^done:/m); // killed before the end, as intended
			expect(Number(killedAt)).toBeGreaterThan(0); // rows were already inserted in the open transaction
			expect(Number(killedAt)).toBeLessThan(ROWS);
			await groupGone(child.pid!); // the grandchild (tsx) holds the database until the kernel tears the group down

			const afterKill = await counts(database);
			expect([0, ROWS]).toContain(afterKill.orders);
			expect(afterKill.receiveEvents).toBe(afterKill.orders);
			await withDb(database, async (db) => {
				const { rows } = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db);
				expect(rows).toEqual([{ integrity_check: 'ok' }]);
				// The killed run's import row is left unfinished until a process notices its runner is gone.
				expect((await db.selectFrom('hotline_imports').select('status').executeTakeFirstOrThrow()).status).toBe(
					'committing'
				);
			});

			// 2. The same file again, to completion.
			const second = runToEnd(database, [csv]);
			expect(second.status, second.stderr + second.stdout).toBe(0);
			expect(second.stdout).toContain('import 1: its process is gone; marked interrupted');
			expect(second.stdout).toMatch(/^progress: \d+$/m);
			expect(second.stdout).toContain(
				`rows: ${ROWS} total, ${ROWS} valid, 0 with errors; ${ROWS - afterKill.orders} new, ${afterKill.orders} same, 0 changed`
			);
			expect(await counts(database)).toEqual({ orders: ROWS, receiveEvents: ROWS });

			// 3. And once more: nothing new.
			const third = runToEnd(database, [csv]);
			expect(third.status, third.stderr + third.stdout).toBe(0);
			expect(third.stdout).toContain(`0 new, ${ROWS} same, 0 changed`);
			expect(third.stdout).toMatch(/^done: 0 written/m);
			expect(await counts(database)).toEqual({ orders: ROWS, receiveEvents: ROWS });
			await withDb(database, async (db) => {
				const imports = await db
					.selectFrom('hotline_imports')
					.select(['status', 'new_rows', 'written_rows'])
					.orderBy('id')
					.execute();
				expect(imports).toEqual([
					{ status: 'interrupted', new_rows: ROWS, written_rows: 0 },
					{ status: 'committed', new_rows: ROWS - afterKill.orders, written_rows: ROWS - afterKill.orders },
					{ status: 'committed', new_rows: 0, written_rows: 0 }
				]);
			});
		},
		SLOW_MACHINE_MS
	);

	it(
		'all_or_nothing refuses a file with errors (exit 1, nothing written); valid_only writes the valid rows',
		async () => {
			const database = await seededDb('modes.db');
			const csv = writeOrdersCsv('with-errors.csv', 5, [
				'BAD-1,12345热线,表扬,一般,李四,12345,古美路,噪音,2025-02-30 10:00',
				'GD20250000001,12345热线,咨询,一般,,,古美路,重复,2025-06-01 09:00'
			]);

			const refused = runToEnd(database, [csv]);
			expect(refused.status).toBe(1);
			expect(refused.stdout).toContain('rows: 7 total, 5 valid, 2 with errors');
			expect(refused.stdout).toMatch(/line 7, 诉求类型: unknown_order_type/);
			expect(refused.stdout).toMatch(/line 7, 联系电话: invalid_phone/);
			expect(refused.stdout).toMatch(/line 7, 派单时间: invalid_date/);
			expect(refused.stdout).toMatch(/line 8, 工单号: duplicate_in_file/);
			expect(refused.stderr).toContain('import_has_errors');
			expect(refused.stdout + refused.stderr).not.toContain('李四'); // no personal data in the output
			expect(await counts(database)).toEqual({ orders: 0, receiveEvents: 0 });

			const written = runToEnd(database, [csv, '--mode', 'valid_only']);
			expect(written.status, written.stderr).toBe(0);
			expect(written.stdout).toMatch(/^done: 5 written/m);
			expect(await counts(database)).toEqual({ orders: 5, receiveEvents: 5 });
		},
		SLOW_MACHINE_MS
	);

	it(
		'fails clearly: no dispatcher in the database, a missing file, a bad option',
		async () => {
			const database = await seededDb('no-users.db', false);
			const csv = writeOrdersCsv('small.csv', 3);
			const noDispatcher = runToEnd(database, [csv]);
			expect(noDispatcher.status).toBe(1);
			expect(noDispatcher.stderr).toMatch(/no active dispatcher/);

			const withUsers = await seededDb('users.db');
			const missing = runToEnd(withUsers, [path.join(dir, 'nope.csv')]);
			expect(missing.status).toBe(1);
			expect(missing.stderr).toMatch(/import failed: .*ENOENT/);
			const badMode = runToEnd(withUsers, [csv, '--mode', 'sometimes']);
			expect(badMode.status).toBe(1);
			expect(badMode.stderr).toMatch(/unknown mode/);
			const pdf = path.join(dir, 'x.pdf');
			fs.writeFileSync(pdf, '%PDF-1.4\n');
			const notCsv = runToEnd(withUsers, [pdf]);
			expect(notCsv.status).toBe(1);
			expect(notCsv.stderr).toMatch(/not_csv_or_xlsx/);
			expect(await counts(withUsers)).toEqual({ orders: 0, receiveEvents: 0 });
		},
		SLOW_MACHINE_MS
	);
});

describe('operator commands while the centre works (issue 14 §7)', () => {
	/**
	 * Another connection writing all the time, as the server does under load: ~400 short write transactions a second.
	 * The server retries a write that outwaits its busy_timeout (db/busy.ts); this stand-in waits a minute instead,
	 * so that an import transaction that is slow on a loaded machine does not end the writer.
	 */
	function writerLoop(database: string) {
		const code = `
			const Database = require('better-sqlite3');
			const db = new Database(process.argv[1]);
			db.pragma('journal_mode = WAL'); db.pragma('busy_timeout = 60000');
			const put = db.prepare("INSERT INTO settings (key, value) VALUES ('test.writer', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
			let n = 0;
			setInterval(() => { db.exec('BEGIN IMMEDIATE'); put.run(String(++n)); db.exec('COMMIT'); if (n % 50 === 0) process.stdout.write(n + '\\n'); }, 2);
		`;
		const child = spawn(process.execPath, ['-e', code, database], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
		let written = 0;
		child.stdout.on('data', (d: Buffer) => (written = Number(d.toString().trim().split('\n').at(-1))));
		return { stop: () => child.kill('SIGKILL'), written: () => written };
	}

	it(
		'import:orders and stats:rebuild succeed while another connection writes continuously',
		async () => {
			const database = await seededDb('busy.db');
			const csv = writeOrdersCsv('busy-20k.csv', 20_000);
			const writer = writerLoop(database);
			try {
				// Writing before the commands start (a slow machine may take seconds to start the writer).
				while (writer.written() < 200) await new Promise((resolve) => setTimeout(resolve, 100));
				const before = writer.written();
				expect(before).toBeGreaterThan(0);
				const run = (script: string, args: string[]) =>
					new Promise<{ status: number | null; out: string }>((resolve) => {
						const child = spawn('npx', ['tsx', script, ...args], {
							cwd: ROOT,
							env: env(database),
							stdio: ['ignore', 'pipe', 'pipe']
						});
						let out = '';
						child.stdout.on('data', (d: Buffer) => (out += d.toString()));
						child.stderr.on('data', (d: Buffer) => (out += d.toString()));
						child.on('exit', (status) => resolve({ status, out }));
					});
				const imported = await run(SCRIPT, [csv]);
				expect(imported.status, imported.out).toBe(0);
				expect(imported.out).toMatch(/^done: 20000 written/m);
				const rebuilt = await run('scripts/stats-rebuild.ts', []);
				expect(rebuilt.status, rebuilt.out).toBe(0);
				expect(rebuilt.out).toContain('the kept counts agree with the rebuild');
				expect(writer.written()).toBeGreaterThan(before); // the writer went on meanwhile
			} finally {
				writer.stop();
			}
			expect(await counts(database)).toEqual({ orders: 20_000, receiveEvents: 20_000 });
		},
		SLOW_MACHINE_MS
	);

	it(
		'stopped with SIGTERM half-way, the import is marked interrupted, not left committing',
		async () => {
			const database = await seededDb('sigterm.db');
			const csv = writeOrdersCsv('orders-sigterm.csv', ROWS);
			const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, csv], {
				cwd: ROOT,
				env: env(database),
				stdio: ['ignore', 'pipe', 'pipe']
			});
			let out = '';
			let err = '';
			child.stderr.on('data', (d: Buffer) => (err += d.toString()));
			const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
			child.stdout.on('data', (d: Buffer) => {
				const first = !/^progress: /m.test(out);
				out += d.toString();
				if (first && /^progress: /m.test(out)) child.kill('SIGTERM');
			});
			expect(await exited, out + err).toBe(130);
			expect(err).toContain('interrupted; nothing written');
			expect(await counts(database)).toEqual({ orders: 0, receiveEvents: 0 });
			await withDb(database, async (db) =>
				expect((await db.selectFrom('hotline_imports').select('status').executeTakeFirstOrThrow()).status).toBe(
					'interrupted'
				)
			);
		},
		SLOW_MACHINE_MS
	);
});
