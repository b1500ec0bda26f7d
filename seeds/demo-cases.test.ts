import fs from 'node:fs';
import path from 'node:path';
import { CASE_STATUSES } from '$lib/domain/case-status';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../src/lib/server/test-db';
import { photoDir } from '../src/lib/server/config';
import { seedDemoCases } from './demo-cases';

const NOW = Date.parse('2025-11-20T12:00:00+08:00');
let t: TestDb;
let made: number;

beforeAll(async () => {
	t = await createTestDb();
	made = await seedDemoCases(t.db, t.users, NOW);
}, 60_000);
afterAll(async () => {
	await t.cleanup();
});

describe('seedDemoCases', () => {
	it('makes the cases it reports, in every status of the loop, with some 自行处置', async () => {
		const cases = await t.db.selectFrom('cases').select(['status']).execute();
		expect(made).toBeGreaterThan(0);
		expect(cases).toHaveLength(made);
		const statuses = new Set(cases.map((c) => c.status));
		expect([...statuses].sort()).toEqual([...CASE_STATUSES].sort());
		const selfHandled = await t.db.selectFrom('cases').select('id').where('self_handled', '=', 1).execute();
		expect(selfHandled.length).toBeGreaterThan(0);
	});

	it('every case has events, and its last event explains its status', async () => {
		const rows = await t.db
			.selectFrom('cases')
			.leftJoin('case_events', 'case_events.case_id', 'cases.id')
			.select([
				'cases.id',
				'cases.status',
				'case_events.id as event_id',
				'case_events.from_status',
				'case_events.to_status'
			])
			.orderBy('cases.id')
			.orderBy('case_events.id')
			.execute();
		const byCase = new Map<number, typeof rows>();
		for (const r of rows) byCase.set(r.id, [...(byCase.get(r.id) ?? []), r]);
		expect(byCase.size).toBe(made);
		for (const [id, events] of byCase) {
			expect(events[0].event_id, `case ${id} has no event`).not.toBeNull();
			expect(events[0].from_status, `case ${id} starts with a report`).toBeNull();
			// each event starts where the previous one ended
			for (let i = 1; i < events.length; i++) expect(events[i].from_status).toBe(events[i - 1].to_status);
			expect(events.at(-1)!.to_status, `case ${id}`).toBe(events[0].status);
		}
	});

	it('every case is in the past, and closed cases went through 核查', async () => {
		const cases = await t.db.selectFrom('cases').selectAll().execute();
		for (const c of cases) expect(c.reported_at).toBeLessThan(NOW);
		const closed = cases.filter((c) => c.status === 'closed');
		const checks = await t.db
			.selectFrom('case_events')
			.select('case_id')
			.where('action', '=', 'check_pass')
			.where(
				'case_id',
				'in',
				closed.map((c) => c.id)
			)
			.execute();
		expect(new Set(checks.map((e) => e.case_id)).size).toBe(closed.length);
		for (const c of closed) expect(c.closed_at).not.toBeNull();
	});

	it('every case whose handling clock started has an efficient deadline no later than its handling deadline', async () => {
		const cases = await t.db.selectFrom('cases').selectAll().where('deadline_at', 'is not', null).execute();
		const closed = cases.filter((c) => c.status === 'closed');
		expect(closed.some((c) => c.self_handled === 0)).toBe(true);
		for (const c of cases) {
			expect(c.efficient_deadline_at, `case ${c.id}`).not.toBeNull();
			expect(c.efficient_deadline_at!, `case ${c.id}`).toBeGreaterThan(c.dispatched_at!);
			// 延期 moves only the handling deadline, so the efficient one stays at or before it.
			expect(c.efficient_deadline_at!, `case ${c.id}`).toBeLessThanOrEqual(c.deadline_at!);
		}
		const notStarted = await t.db
			.selectFrom('cases')
			.select(['id', 'efficient_deadline_at'])
			.where('dispatched_at', 'is', null)
			.execute();
		for (const c of notStarted) expect(c.efficient_deadline_at, `case ${c.id}`).toBeNull();
	});

	it('every attachment has its photo file', async () => {
		const rows = await t.db.selectFrom('attachments').select(['path', 'thumb_path']).execute();
		expect(rows.length).toBeGreaterThanOrEqual(made);
		for (const r of rows)
			for (const p of [r.path, r.thumb_path]) expect(fs.existsSync(path.join(photoDir(), p))).toBe(true);
	});
});
