// The command-line import while the centre works: another connection writing all the time, and an import stopped
// with SIGTERM half-way. Shared set-up: import-orders.fixtures.ts.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
	ROOT,
	SCRIPT,
	ROWS,
	SLOW_MACHINE_MS,
	seededDb,
	writeOrdersCsv,
	withDb,
	counts,
	env,
	useScratchDir
} from './import-orders.fixtures';

useScratchDir();

describe('operator commands while the centre works', () => {
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
