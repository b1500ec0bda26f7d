import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoUsers } from '../../../../../seeds/demo-users';
import type { OrderInput } from '$lib/domain/hotline-order-input';
import { migrateToLatest } from '../../db/migrate';
import { pgTestDatabase, type PgTestDb } from '../../db/pg-test-db';
import { transact } from '../../db/transact';
import { loadCalendar } from '../../repositories/calendar';
import { orderValidationContext } from '../../repositories/hotline-reference';
import { loadReferenceData } from '../../repositories/reference-data';
import { verifyChains } from '../records/verify-chains';
import { rebuildCounts } from '../stats/rebuild';
import { ingestOrders, type IngestContext, type IngestResult } from './ingest';
import { validOrder } from './order-input.fixtures';

// Two writers (two app servers' imports, or an import and the city's push) storing overlapping orders
// at once. Nothing is looked up before the INSERT: the second one's INSERT waits on the 工单号 the
// first has inserted but not committed, and then leaves them out (first committed) or writes them
// (first rolled back). Either way every order is stored once, and the second one reports the orders
// it left out as same or changed against what the first stored.
const NOW = Date.parse('2026-10-09T10:00:00+08:00');

let t: PgTestDb;
let ctx: IngestContext;
let validation: Awaited<ReturnType<typeof orderValidationContext>>;
beforeAll(async () => {
	t = await pgTestDatabase();
	await migrateToLatest(t.db);
	await loadReferenceData(t.db);
	await seedDemoUsers(t.db, NOW - 86_400_000);
	validation = await orderValidationContext(t.db, NOW);
	ctx = { origin: 'api', importId: null, actorId: null, apiKeyId: null, now: NOW, calendar: await loadCalendar(t.db) };
}, 60_000);
afterAll(async () => {
	await t?.cleanup();
});

const order = (orderNo: string, content = '楼道堆物'): OrderInput => validOrder(validation, orderNo, { content });

/** Until the database shows a session waiting for a lock (the second writer on the first one's rows). */
async function someoneWaits(): Promise<void> {
	for (;;) {
		const waiting = sql<{ n: number }>`SELECT count(*) AS n FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock'`;
		if ((await waiting.execute(t.db)).rows[0].n > 0) return;
		await new Promise((r) => setTimeout(r, 10));
	}
}

/** The first writer ingests `first` and holds its transaction open until `end` says commit or roll back. */
async function race(first: OrderInput[], second: OrderInput[], end: 'commit' | 'rollback') {
	let release!: () => void;
	const held = new Promise<void>((r) => (release = r));
	let inserted!: () => void;
	const firstIn = new Promise<void>((r) => (inserted = r));
	const a = transact(t.db, async (trx) => {
		const result = await ingestOrders(trx, first, ctx);
		inserted();
		await held;
		if (end === 'rollback') throw new Error('rolled back');
		return result;
	}).catch((e: Error) => e);
	await firstIn;
	const b = ingestOrders(t.db, second, ctx);
	await someoneWaits();
	release();
	return { a: await a, b: await b };
}

const numbers = (r: IngestResult) => ({
	created: r.created.map((c) => c.orderNo).sort(),
	same: [...r.same].sort(),
	changed: [...r.changed].sort()
});

async function stored(prefix: string) {
	return t.db
		.selectFrom('hotline_orders')
		.select(['order_no', 'content'])
		.where('order_no', 'like', `${prefix}-%`)
		.orderBy('order_no')
		.execute();
}

describe('two writers storing the same 工单号 at once', () => {
	it('the second waits for the first, then reports what the first stored as same or changed', async () => {
		const { a, b } = await race(
			[order('RACE-1'), order('RACE-2'), order('RACE-3')],
			[order('RACE-2'), order('RACE-3', '另一件事'), order('RACE-4')],
			'commit'
		);
		expect(numbers(a as IngestResult).created).toEqual(['RACE-1', 'RACE-2', 'RACE-3']);
		expect(numbers(b)).toEqual({ created: ['RACE-4'], same: ['RACE-2'], changed: ['RACE-3'] });
		expect((await stored('RACE')).map((o) => [o.order_no, o.content])).toEqual([
			['RACE-1', '楼道堆物'],
			['RACE-2', '楼道堆物'],
			['RACE-3', '楼道堆物'],
			['RACE-4', '楼道堆物']
		]);
	});

	it('when the first rolls back, the second stores the orders itself', async () => {
		const { a, b } = await race(
			[order('BACK-1'), order('BACK-2')],
			[order('BACK-2', '另一件事'), order('BACK-3')],
			'rollback'
		);
		expect(a).toBeInstanceOf(Error);
		expect(numbers(b)).toEqual({ created: ['BACK-2', 'BACK-3'], same: [], changed: [] });
		expect((await stored('BACK')).map((o) => [o.order_no, o.content])).toEqual([
			['BACK-2', '另一件事'],
			['BACK-3', '楼道堆物']
		]);
	});

	it('afterwards the event chains verify and the kept counts equal a rebuild', async () => {
		expect((await verifyChains(t.db, ['hotline_events'])).problems).toEqual([]);
		expect((await rebuildCounts(t.db, { write: false })).differences).toEqual([]);
	});
});
