import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, onOwnConnection, type Db } from './create-database';
import { migrateToLatest } from './migrate';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridcase-gate-'));
let db: Db;
beforeAll(async () => {
	db = createDatabase(path.join(dir, 'gate.db'));
	await migrateToLatest(db);
	await db.insertInto('settings').values({ key: 'n', value: '0' }).execute();
});
afterAll(async () => {
	await db.destroy();
	fs.rmSync(dir, { recursive: true, force: true });
});

const tick = () => new Promise((resolve) => setImmediate(resolve));
const value = async (d: Db) =>
	(await d.selectFrom('settings').select('value').where('key', '=', 'n').executeTakeFirstOrThrow()).value;

describe('a long write on its own connection (the write gate)', () => {
	it("the app connection's reads go on while it writes, and see only its commit", async () => {
		const seen: string[] = [];
		let stepsDone = 0;
		const bulk = onOwnConnection(db, (own) =>
			own.transaction().execute(async (trx) => {
				for (let i = 1; i <= 20; i++) {
					await trx
						.updateTable('settings')
						.set({ value: String(i) })
						.where('key', '=', 'n')
						.execute();
					stepsDone = i;
					await tick();
				}
			})
		);
		// Reads answered in the middle of the bulk write: the last commit, not its uncommitted rows.
		for (let i = 0; i < 5; i++) {
			await tick();
			seen.push(await value(db));
		}
		expect(stepsDone).toBeGreaterThan(0);
		expect(stepsDone).toBeLessThan(20);
		expect(seen).toEqual(['0', '0', '0', '0', '0']);
		await bulk;
		expect(await value(db)).toBe('20');
	});

	it('writes on the app connection wait for the bulk commit without failing, and reads pass them', async () => {
		const order: string[] = [];
		let release!: () => void;
		const hold = new Promise<void>((resolve) => (release = resolve));
		const bulk = onOwnConnection(db, async (own) => {
			await own.transaction().execute(async (trx) => {
				await trx.updateTable('settings').set({ value: 'bulk' }).where('key', '=', 'n').execute();
				await hold;
			});
			order.push('bulk committed');
		});
		await tick();
		// A write in a transaction and a write on its own, both queued behind the gate.
		const inTransaction = db.transaction().execute(async (trx) => {
			await trx.updateTable('settings').set({ value: 'after' }).where('key', '=', 'n').execute();
			order.push('transaction');
		});
		const alone = db
			.insertInto('settings')
			.values({ key: 'alone', value: '1' })
			.execute()
			.then(() => order.push('alone'));
		await tick();
		// A read asked after them is answered first: the waiting writes gave the connection back.
		expect(await value(db)).toBe('20');
		order.push('read');
		release();
		await Promise.all([bulk, inTransaction, alone]);
		expect(order[0]).toBe('read');
		expect(order[1]).toBe('bulk committed');
		expect(order.slice(2).sort()).toEqual(['alone', 'transaction']);
		expect(await value(db)).toBe('after');
	});

	it('the bulk write waits for a write transaction already running on the app connection', async () => {
		const order: string[] = [];
		let release!: () => void;
		const hold = new Promise<void>((resolve) => (release = resolve));
		const running = db.transaction().execute(async (trx) => {
			await trx.updateTable('settings').set({ value: 'first' }).where('key', '=', 'n').execute();
			await hold;
			order.push('app committed');
		});
		await tick();
		const bulk = onOwnConnection(db, (own) =>
			own
				.updateTable('settings')
				.set({ value: 'second' })
				.where('key', '=', 'n')
				.execute()
				.then(() => order.push('bulk'))
		);
		await tick();
		release();
		await Promise.all([running, bulk]);
		expect(order).toEqual(['app committed', 'bulk']);
		expect(await value(db)).toBe('second');
	});

	it('a bulk write that fails rolls back and opens the gate again', async () => {
		await expect(
			onOwnConnection(db, (own) =>
				own.transaction().execute(async (trx) => {
					await trx.updateTable('settings').set({ value: 'lost' }).where('key', '=', 'n').execute();
					throw new Error('boom');
				})
			)
		).rejects.toThrow('boom');
		await db.updateTable('settings').set({ value: 'open' }).where('key', '=', 'n').execute();
		expect(await value(db)).toBe('open');
	});
});
