// The crash test: an import killed half-way leaves all of it or none of it, and running it again completes it;
// the import modes and the clear failures. Runs the real command-line import in a child process. An import
// stopped with SIGTERM and imports while another connection writes: import-orders.busy.test.ts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '../src/lib/server/import/sniff';
import { markInterruptedImports } from '../src/lib/server/services/hotline/import-runner';
import {
	ROOT,
	SCRIPT,
	ROWS,
	SLOW_MACHINE_MS,
	seededDb,
	writeOrdersCsv,
	withDb,
	counts,
	groupGone,
	env,
	runToEnd,
	useScratchDir,
	inScratch
} from './import-orders.fixtures';

useScratchDir();

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
		'a running commit is left alone by another process that looks for interrupted imports (a second run, a server starting)',
		async () => {
			const database = await seededDb('alive.db');
			const csv = writeOrdersCsv('orders-alive.csv', ROWS);
			const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, csv], {
				cwd: ROOT,
				env: env(database),
				stdio: ['ignore', 'pipe', 'inherit']
			});
			let out = '';
			const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
			const looked = new Promise<{ status: string; marked: number[] }>((resolve, reject) => {
				let asked = false;
				child.stdout.on('data', (d: Buffer) => {
					out += d.toString();
					if (asked || !/^progress: \d+$/m.test(out)) return;
					asked = true;
					withDb(database, async (db) => {
						const { status } = await db.selectFrom('hotline_imports').select('status').executeTakeFirstOrThrow();
						return { status, marked: await markInterruptedImports(db) };
					}).then(resolve, reject);
				});
			});
			const { status, marked } = await looked;
			expect(status).toBe('committing'); // looked at while it wrote
			expect(marked).toEqual([]);
			expect(await exited, out).toBe(0);
			expect(out).toMatch(new RegExp(`^done: ${ROWS} written`, 'm'));
			expect(await counts(database)).toEqual({ orders: ROWS, receiveEvents: ROWS });
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
			const missing = runToEnd(withUsers, [inScratch('nope.csv')]);
			expect(missing.status).toBe(1);
			expect(missing.stderr).toMatch(/import failed: .*ENOENT/);
			const badMode = runToEnd(withUsers, [csv, '--mode', 'sometimes']);
			expect(badMode.status).toBe(1);
			expect(badMode.stderr).toMatch(/unknown mode/);
			const pdf = inScratch('x.pdf');
			fs.writeFileSync(pdf, '%PDF-1.4\n');
			const notCsv = runToEnd(withUsers, [pdf]);
			expect(notCsv.status).toBe(1);
			expect(notCsv.stderr).toMatch(/not_csv_or_xlsx/);
			expect(await counts(withUsers)).toEqual({ orders: 0, receiveEvents: 0 });
		},
		SLOW_MACHINE_MS
	);
});
