import { describe, expect, it } from 'vitest';
import { getCaseRow } from '../repositories/cases';
import { actorOf, caseTableCounts, countRows, gridWorkerDb } from '../test-db';
import { submitFieldWork, type FieldWork } from './field-submit';
import { CAPTURED, NOW, fieldWorkOn } from './field-submit.fixtures';

const t = gridWorkerDb();
const { report, caseAwaitingCheck } = fieldWorkOn(t);
const count = async () => countRows(t.db, 'field_submissions');

/**
 * The same 核查 of a case awaiting it, sent twice by another 网格员 (an hour after NOW, then 100 s later)
 * under these two keys, as it stood when the form was loaded.
 */
async function checkTwice(note: string, keys: [string, string]) {
	const caseId = await caseAwaitingCheck();
	const version = (await getCaseRow(t.db, caseId))!.version;
	const work: FieldWork = { kind: 'check_pass', caseId, version, note, photos: [t.photo] };
	const wangge2 = await actorOf(t.db, 'wangge2');
	const sent = [];
	for (const [i, key] of keys.entries())
		sent.push(await submitFieldWork(t.db, wangge2, { key, capturedAt: CAPTURED }, work, NOW + 3600_000 + i * 100_000));
	return { caseId, version, sent };
}

describe('submitFieldWork', () => {
	it('creates a report once per key, keeping the capture time and the photo time from the phone', async () => {
		const key = crypto.randomUUID();
		const before = await caseTableCounts(t.db);
		const first = await submitFieldWork(t.db, t.wangge, { key, capturedAt: CAPTURED }, report(), NOW);
		const again = await submitFieldWork(t.db, t.wangge, { key, capturedAt: CAPTURED }, report(), NOW + 60_000);
		expect(first).toMatchObject({ ok: true, duplicate: false });
		expect(again).toEqual({ ...first, duplicate: true });
		const after = await caseTableCounts(t.db);
		expect(after.cases - before.cases).toBe(1);
		expect(after.attachments - before.attachments).toBe(1);
		const row = (await getCaseRow(t.db, first.ok ? first.caseId : 0))!;
		expect(row.captured_at).toBe(CAPTURED);
		expect(row.reported_at).toBe(NOW);
		const attachment = await t.db
			.selectFrom('attachments')
			.select(['captured_at', 'lng'])
			.where('case_id', '=', row.id)
			.executeTakeFirstOrThrow();
		expect(attachment).toEqual({ captured_at: CAPTURED, lng: 121.37792 });
	});

	it('two sends of the same item at once create one case', async () => {
		const key = crypto.randomUUID();
		const before = await caseTableCounts(t.db);
		const results = await Promise.all(
			[1, 2, 3].map(() => submitFieldWork(t.db, t.wangge, { key, capturedAt: CAPTURED }, report(), NOW))
		);
		expect(results.filter((r) => r.ok && !r.duplicate)).toHaveLength(1);
		expect(results.filter((r) => r.ok && r.duplicate)).toHaveLength(2);
		expect((await caseTableCounts(t.db)).cases - before.cases).toBe(1);
	});

	it('refuses a key already used by someone else, and writes nothing', async () => {
		const key = crypto.randomUUID();
		await submitFieldWork(t.db, t.wangge, { key, capturedAt: CAPTURED }, report(), NOW);
		const before = await caseTableCounts(t.db);
		const other = await submitFieldWork(
			t.db,
			await actorOf(t.db, 'wangge2'),
			{ key, capturedAt: CAPTURED },
			report(),
			NOW
		);
		expect(other).toEqual({ ok: false, status: 409, code: 'key_taken' });
		expect(await caseTableCounts(t.db)).toEqual(before);
	});

	it('an invalid report keeps its field errors and leaves no key behind', async () => {
		const n = await count();
		const r = await submitFieldWork(
			t.db,
			t.wangge,
			{ key: crypto.randomUUID(), capturedAt: CAPTURED },
			report({ description: ' ' }),
			NOW
		);
		expect(r).toMatchObject({ ok: false, status: 400, errors: { description: 'required' } });
		expect(await count()).toBe(n);
	});

	it('applies a 核查 once, even when sent again after its answer was lost', async () => {
		const key = crypto.randomUUID();
		const { caseId, sent } = await checkTwice('已复原', [key, key]);
		const [first, again] = sent;
		expect(first).toMatchObject({ ok: true, duplicate: false });
		expect(again).toMatchObject({ ok: true, duplicate: true, caseId });
		const events = await t.db
			.selectFrom('case_events')
			.select('action')
			.where('case_id', '=', caseId)
			.where('action', '=', 'check_pass')
			.execute();
		expect(events).toHaveLength(1);
	});

	it('a 核查 that arrives after someone else checked the case is answered with where the case stands', async () => {
		const { version, sent } = await checkTwice('', [crypto.randomUUID(), crypto.randomUUID()]);
		const [other, late] = sent;
		expect(other.ok).toBe(true);
		expect(late).toMatchObject({
			ok: false,
			status: 409,
			code: 'stale',
			current: { status: 'checked', version: version + 1 }
		});
	});
});
