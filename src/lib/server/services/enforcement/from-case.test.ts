import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { at } from '$lib/domain/fixtures/time';
import { evidenceDir } from '../../config';
import { verifyEvidence } from '../../evidence';
import { listEvidence } from '../../repositories/enforcement';
import { actorOf, createTestDb, listFiles, type TestDb } from '../../test-db';
import { convertCaseToEnforcement } from './from-case';
import { reportTestCase } from '../reported-case.fixtures';

let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
});
afterEach(() => t.cleanup());

const T0 = at('2026-09-29 10:00');

async function patrolCase(categoryCode: string) {
	const c = await t.db.selectFrom('communities').selectAll().where('name', '=', '东兰一居').executeTakeFirstOrThrow();
	return reportTestCase(t.db, T0, {
		categoryCode,
		description: '流动摊贩占道卖水果',
		address: '东兰路口',
		lng: c.lng,
		lat: c.lat
	});
}

const counts = async () => ({
	enforcement: (await t.db.selectFrom('enforcement_cases').select('id').execute()).length,
	evidence: (await t.db.selectFrom('evidence_files').select('id').execute()).length,
	files: listFiles(evidenceDir()).length
});

describe('a patrol photo of 乱设摊 goes to enforcement', () => {
	it('voids the grid case with the reason and opens an enforcement case with its photo as hashed evidence', async () => {
		const caseId = await patrolCase('SH-JMZX-01');
		const r = await convertCaseToEnforcement(
			t.db,
			await actorOf(t.db, 'diaodu'),
			caseId,
			1,
			'摊主多次劝离未果，转非现场执法',
			T0 + 60_000
		);
		expect(r).toMatchObject({ ok: true, code: 'Z202609290001' });
		const gridCase = await t.db
			.selectFrom('cases')
			.select(['status', 'version'])
			.where('id', '=', caseId)
			.executeTakeFirstOrThrow();
		expect(gridCase).toEqual({ status: 'void', version: 2 });
		const voided = await t.db
			.selectFrom('case_events')
			.select(['action', 'note'])
			.where('case_id', '=', caseId)
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(voided).toEqual({ action: 'void', note: '转非现场执法：摊主多次劝离未果，转非现场执法' });
		const evidence = await listEvidence(t.db, r.ok ? r.enforcementId : 0);
		expect(evidence).toHaveLength(1);
		expect(evidence[0]).toMatchObject({ kind: 'photo' });
		const source = await t.db
			.selectFrom('evidence_files')
			.select('source')
			.where('id', '=', evidence[0].id)
			.executeTakeFirstOrThrow();
		expect(source.source).toMatch(/^case:W20260929/);
		expect(await verifyEvidence(evidenceDir(), evidence[0])).toBe('ok');
	});

	it('refuses other categories, other roles and a stale page, writing nothing', async () => {
		const other = await patrolCase('SH-HWSR-01');
		const eligible = await patrolCase('SH-JMZX-02');
		const before = await counts();
		expect(await convertCaseToEnforcement(t.db, await actorOf(t.db, 'diaodu'), other, 1, 'x', T0)).toMatchObject({
			ok: false,
			status: 400,
			code: 'not_enforcement_category'
		});
		expect(await convertCaseToEnforcement(t.db, await actorOf(t.db, 'diaodu'), eligible, 1, '  ', T0)).toMatchObject({
			ok: false,
			status: 400,
			code: 'description_required'
		});
		for (const u of ['zhifa', 'wangge', 'lingdao'])
			expect(await convertCaseToEnforcement(t.db, await actorOf(t.db, u), eligible, 1, 'x', T0)).toMatchObject({
				ok: false,
				status: 403
			});
		expect(await convertCaseToEnforcement(t.db, await actorOf(t.db, 'diaodu'), eligible, 5, 'x', T0)).toMatchObject({
			ok: false,
			status: 409
		});
		expect(await counts()).toEqual(before);
		expect(
			(await t.db.selectFrom('cases').select('status').where('id', '=', eligible).executeTakeFirstOrThrow()).status
		).toBe('reported');
	});
});
