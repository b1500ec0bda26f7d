import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../../repositories/calendar';
import { verifyChains } from '../records/verify-chains';
import { rebuildCounts } from '../stats/rebuild';
import { PG_BATCH } from './ingest-postgres';
import { ingestOrders } from './ingest';
import { valid, writeFile, type Row } from './import-jobs.files.fixtures';
import {
	analyse,
	commit,
	countEvents,
	countOrders,
	importRow,
	inputsOf,
	NOW,
	orders,
	store,
	useImportJobsEnv
} from './import-jobs.fixtures';
import { commitImport } from './import-commit';

// Commits of more than one set of rows: on PostgreSQL a set (PG_BATCH rows, one INSERT) is written
// while the next is read, and nothing is looked up before the insert. Run on both databases.

const env = useImportJobsEnv();
const ROWS = PG_BATCH + 300;
const rowsOf = (p: string, n: number) =>
	Array.from({ length: n }, (_, i) => valid(`${p}-${String(i).padStart(5, '0')}`));

describe('a commit of more than one set of rows', () => {
	it('all_or_nothing: a bad row met after a whole set was written writes nothing', async () => {
		const rows = rowsOf('SETS-AON', ROWS);
		rows.push(valid('SETS-AON-BAD', { type: '表扬' }));
		const file = await writeFile('utf-8', rows);
		const before = { orders: await countOrders(), events: await countEvents() };
		const { imp } = await analyse(file);
		await commitImport(env.db, imp, file, 'all_or_nothing', env.actorId, NOW);
		expect(await importRow(imp.id)).toMatchObject({ status: 'failed', written_rows: 0 });
		expect({ orders: await countOrders(), events: await countEvents() }).toEqual(before);
		expect((await rebuildCounts(env.db, { write: false })).differences).toEqual([]);
	});

	it('orders stored before, in the first and the last set, are left as they are; the rest written once each', async () => {
		const rows = rowsOf('SETS-MIX', ROWS);
		const same = rows[10];
		const changedFirst = rows[20];
		const changedLast = rows[ROWS - 5];
		await store([same, [...changedFirst.slice(0, 7), '另一件事', changedFirst[8]] as Row]);
		await store([[...changedLast.slice(0, 7), '又一件事', changedLast[8]] as Row]);
		const before = { orders: await countOrders(), events: await countEvents() };

		const { row } = await commit(await writeFile('utf-8', rows), 'all_or_nothing');
		expect(row).toMatchObject({ status: 'committed', written_rows: ROWS - 3, same_rows: 1, changed_rows: 2 });
		expect({ orders: await countOrders(), events: await countEvents() }).toEqual({
			orders: before.orders + ROWS - 3,
			events: before.events + ROWS - 3
		});
		const stored = await orders('SETS-MIX');
		expect(stored.length).toBe(ROWS);
		expect(new Set(stored.map((o) => o.order_no)).size).toBe(ROWS);
		expect(stored.find((o) => o.order_no === changedLast[0])!.content).toBe('又一件事');
		// Committing the same file again writes nothing more.
		const again = await commit(await writeFile('utf-8', rows), 'all_or_nothing');
		expect(again.row).toMatchObject({ status: 'committed', written_rows: 0 });
		expect(await countOrders()).toBe(before.orders + ROWS - 3);
		expect((await verifyChains(env.db, ['hotline_events'])).problems).toEqual([]);
		expect((await rebuildCounts(env.db, { write: false })).differences).toEqual([]);
	});
});

describe('ingestOrders', () => {
	it('a 工单号 given twice in one call is judged against what is stored, never written twice', async () => {
		const stored = valid('TWICE-001');
		await store([stored]);
		const other = (r: Row, content: string) => [...r.slice(0, 7), content, r[8]] as Row;
		const fresh = valid('TWICE-002');
		const result = await ingestOrders(
			env.db,
			await inputsOf([other(stored, '改了'), stored, fresh, other(fresh, '改了'), fresh]),
			{ origin: 'api', importId: null, actorId: null, apiKeyId: null, now: NOW, calendar: await loadCalendar(env.db) }
		);
		expect(result.created.map((c) => c.orderNo)).toEqual(['TWICE-002']);
		expect([...result.same].sort()).toEqual(['TWICE-001', 'TWICE-002']);
		expect([...result.changed].sort()).toEqual(['TWICE-001', 'TWICE-002']);
		expect((await orders('TWICE')).map((o) => [o.order_no, o.content])).toEqual([
			['TWICE-001', stored[7]],
			['TWICE-002', fresh[7]]
		]);
	});
});
