import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, waitWithoutBlocking } from './create-database';
import { migrateToLatest } from './migrate';

const db = createDatabase(':memory:');
afterAll(async () => {
	await db.destroy();
});

describe('the SQLite dialect (statement cache, first-come-first-served connection)', () => {
	it('a transaction holds the one connection: 50 concurrent read-then-write transactions lose no update', async () => {
		await migrateToLatest(db);
		await db.insertInto('settings').values({ key: 'counter', value: '0' }).execute();
		const read = async (trx: typeof db) =>
			Number(
				(await trx.selectFrom('settings').select('value').where('key', '=', 'counter').executeTakeFirstOrThrow()).value
			);
		const order: number[] = [];
		await Promise.all(
			Array.from({ length: 50 }, (_, i) =>
				db.transaction().execute(async (trx) => {
					const n = await read(trx);
					await new Promise((r) => setTimeout(r, 0));
					await trx
						.updateTable('settings')
						.set({ value: String(n + 1) })
						.where('key', '=', 'counter')
						.execute();
					order.push(i);
				})
			)
		);
		expect(await read(db)).toBe(50);
		// Served in the order they asked.
		expect(order).toEqual(Array.from({ length: 50 }, (_, i) => i));
	});

	it('a failed transaction rolls back and the next caller gets the connection', async () => {
		await expect(
			db.transaction().execute(async (trx) => {
				await trx.updateTable('settings').set({ value: 'x' }).where('key', '=', 'counter').execute();
				throw new Error('boom');
			})
		).rejects.toThrow('boom');
		expect(
			(await db.selectFrom('settings').select('value').where('key', '=', 'counter').executeTakeFirstOrThrow()).value
		).toBe('50');
	});

	it('a streamed statement is reused once its stream is done; statements of other SQL are unaffected', async () => {
		for (let i = 0; i < 5; i++)
			await db
				.insertInto('settings')
				.values({ key: `zz${i}`, value: String(i) })
				.execute();
		const q = () => db.selectFrom('settings').select('key').where('key', 'like', 'zz%').orderBy('key');
		const seen: string[] = [];
		for await (const row of q().stream()) seen.push(row.key);
		expect(seen).toEqual(['zz0', 'zz1', 'zz2', 'zz3', 'zz4']);
		expect((await q().execute()).map((r) => r.key)).toEqual(seen);
		// Stopping a stream early releases both the statement and the connection.
		for await (const row of q().stream()) if (row.key === 'zz1') break;
		expect((await q().execute()).length).toBe(5);
	});
});

describe('another process writing (an operator command), as the server waits for it', () => {
	it('writes wait without stopping the thread: reads, timers and other requests go on; the writes go through once it ends', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridcase-other-writer-'));
		const file = path.join(dir, 'gridcase.db');
		const server = createDatabase(file);
		try {
			await migrateToLatest(server);
			waitWithoutBlocking(server);
			const other = new Database(file); // as another process would: its own connection, holding the write lock
			other.exec('BEGIN IMMEDIATE');
			const held = Date.now();
			let lastTick = Date.now();
			let longestGap = 0;
			const ticks = setInterval(() => {
				longestGap = Math.max(longestGap, Date.now() - lastTick);
				lastTick = Date.now();
			}, 10);
			const released = new Promise<void>((resolve) =>
				setTimeout(() => {
					other.exec('ROLLBACK');
					other.close();
					resolve();
				}, 1_500)
			);
			const inTransaction = server
				.transaction()
				.execute((trx) => trx.insertInto('settings').values({ key: 'a', value: '1' }).execute());
			const onItsOwn = server.insertInto('settings').values({ key: 'b', value: '2' }).execute();
			await new Promise((r) => setTimeout(r, 200));
			const read = await server.selectFrom('settings').select('key').where('key', '=', 'a').execute();
			const readAfter = Date.now() - held;
			await Promise.all([inTransaction, onItsOwn, released]);
			clearInterval(ticks);
			expect(read).toEqual([]); // read while the other process held the lock, before the writes
			expect(readAfter).toBeLessThan(1_500);
			expect(longestGap).toBeLessThan(500); // SQLite's own wait never held the thread for long
			const keys = await server.selectFrom('settings').select('key').where('key', 'in', ['a', 'b']).execute();
			expect(keys.map((k) => k.key).sort()).toEqual(['a', 'b']);
		} finally {
			await server.destroy();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
