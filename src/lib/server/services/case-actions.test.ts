import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseCommand } from '$lib/domain/case-workflow';
import { computeDeadline, extendForPause } from '$lib/domain/deadlines';
import { photoDir } from '../config';
import type { PhotoInput } from '../photos';
import { loadCalendar } from '../repositories/calendar';
import { countEvents, listEvents } from '../repositories/case-events';
import { getCaseRow } from '../repositories/cases';
import { insertLimitVersion, limitsInForce } from '../repositories/category-limits';
import { actorOf, createTestDb, jpeg, listFiles, type TestDb } from '../test-db';
import { applyCaseAction } from './case-actions';
import { reportCase } from './report-case';

const at = (shanghai: string) => Date.parse(`${shanghai}:00+08:00`);
const CATEGORY = 'SH-XQGL-01'; // 违法搭建: 城管中队, 4 working hours
let t: TestDb;
let photo: PhotoInput;
let dept: (name: string) => Promise<number>;

beforeAll(async () => {
	t = await createTestDb();
	photo = await jpeg();
	dept = async (name) =>
		(await t.db.selectFrom('departments').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
	await t.cleanup();
});

const row = async (id: number) => (await getCaseRow(t.db, id))!;

async function report(
	username = 'wangge',
	mode: 'report' | 'self_handle' = 'report',
	when = at('2025-09-30T09:00')
): Promise<number> {
	const r = await reportCase(
		t.db,
		await actorOf(t.db, username),
		{
			mode,
			source: 'patrol',
			categoryCode: CATEGORY,
			description: '楼顶违法搭建',
			address: '东兰路',
			lng: 121.37792,
			lat: 31.15505,
			communityId: null,
			handlingNote: '',
			beforePhotos: [photo],
			afterPhotos: mode === 'self_handle' ? [photo] : []
		},
		when
	);
	if (!r.ok) throw new Error(JSON.stringify(r));
	return r.caseId;
}

/** One action by a demo user, at the case's current version unless told otherwise. */
async function act(
	username: string,
	id: number,
	cmd: CaseCommand,
	when: number,
	photos: PhotoInput[] = [],
	version?: number
) {
	return applyCaseAction(
		t.db,
		await actorOf(t.db, username),
		id,
		version ?? (await row(id)).version,
		cmd,
		photos,
		when
	);
}

const feedback = (note = '已拆除'): CaseCommand => ({ action: 'feedback', note, photoCount: 1 });
const checkPass: CaseCommand = { action: 'check_pass', photoCount: 1 };

/** A new case walked along the happy path until it reaches `status`. */
async function caseIn(
	status: 'reported' | 'registered' | 'dispatched' | 'handling' | 'feedback' | 'checked',
	department = '城管中队'
): Promise<number> {
	const id = await report();
	const handler = department === '城管中队' ? 'chengguan' : 'shirong';
	const steps: [string, CaseCommand, PhotoInput[]][] = [
		['diaodu', { action: 'accept' }, []],
		[
			'diaodu',
			{ action: 'register', categoryCode: CATEGORY, urgency: '一般', handleLimit: null, efficientLimit: null },
			[]
		],
		['diaodu', { action: 'dispatch', departmentId: await dept(department) }, []],
		[handler, { action: 'sign' }, []],
		[handler, feedback(), [photo]],
		['wangge', checkPass, [photo]]
	];
	let when = at('2025-09-30T09:00');
	for (const [who, cmd, photos] of steps) {
		if ((await row(id)).status === status) break;
		const r = await act(who, id, cmd, (when += 600_000), photos);
		if (!r.ok) throw new Error(`${cmd.action}: ${JSON.stringify(r)}`);
	}
	expect((await row(id)).status).toBe(status);
	return id;
}

/** Runs `fn` and asserts it changed neither the case row nor its event log. */
async function expectNothingWritten(id: number, fn: () => Promise<unknown>) {
	const [before, n] = [await row(id), await countEvents(t.db, id)];
	await fn();
	expect(await row(id)).toEqual(before);
	expect(await countEvents(t.db, id)).toBe(n);
}

describe('the closed loop', () => {
	it('上报 → 受理 → 立案 → 派遣 → 签收 → 延期 → 处置反馈 → 核查不通过 → 处置反馈 → 核查通过 → 结案', async () => {
		const calendar = await loadCalendar(t.db);
		const limit = (await limitsInForce(t.db, CATEGORY, at('2025-09-30T09:00'))).handleLimit!;
		const id = await report('wangge', 'report', at('2025-09-30T09:00'));
		const ok = async (who: string, cmd: CaseCommand, when: string, status: string, photos: PhotoInput[] = []) =>
			expect(await act(who, id, cmd, at(when), photos)).toEqual({ ok: true, status });

		await ok('diaodu', { action: 'accept' }, '2025-09-30T09:10', 'accepted');
		await ok(
			'diaodu',
			{ action: 'register', categoryCode: CATEGORY, urgency: '一般', handleLimit: null, efficientLimit: null },
			'2025-09-30T09:20',
			'registered'
		);
		const dispatchedAt = at('2025-09-30T16:00');
		await ok('diaodu', { action: 'dispatch', departmentId: await dept('城管中队') }, '2025-09-30T16:00', 'dispatched');
		// 4 working hours from 16:00 on the eve of National Day: 1 h today, 3 h after the 10-01…10-08 holiday.
		expect((await row(id)).deadline_at).toBe(computeDeadline(dispatchedAt, limit, calendar));
		expect((await row(id)).deadline_at).toBe(at('2025-10-09T12:00'));
		// The category sets no efficient limit: half of 4 wh, 1 h today and 1 h after the holiday.
		expect((await row(id)).efficient_deadline_at).toBe(
			computeDeadline(dispatchedAt, { value: 2, unit: 'wh' }, calendar)
		);
		expect((await row(id)).efficient_deadline_at).toBe(at('2025-10-09T10:00'));
		expect((await row(id)).department_id).toBe(await dept('城管中队'));

		await ok('chengguan', { action: 'sign' }, '2025-09-30T16:10', 'handling');
		const proposed = at('2025-10-10T17:00');
		await ok(
			'chengguan',
			{ action: 'request_extension', reason: '需协调房东', proposedDeadline: proposed },
			'2025-09-30T16:20',
			'extension_requested'
		);
		expect((await row(id)).deadline_at).toBe(at('2025-10-09T12:00'));
		await ok('diaodu', { action: 'approve_extension' }, '2025-09-30T16:30', 'handling');
		expect(await row(id)).toMatchObject({ deadline_at: proposed, requested_deadline_at: null });
		// 延期 moves the handling deadline only: 高效处置 is still judged against the original 2 wh.
		expect((await row(id)).efficient_deadline_at).toBe(at('2025-10-09T10:00'));

		await ok('chengguan', feedback(), '2025-10-09T10:00', 'feedback', [photo]);
		expect((await row(id)).handler_id).toBe((await actorOf(t.db, 'chengguan')).id);
		await ok('wangge2', { action: 'check_fail', note: '仍有残留', photoCount: 1 }, '2025-10-09T11:00', 'handling', [
			photo
		]);
		expect((await row(id)).rework_count).toBe(1);
		await ok('chengguan', feedback('已彻底拆除'), '2025-10-09T14:00', 'feedback', [photo]);
		await ok('wangge', checkPass, '2025-10-09T15:00', 'checked', [photo]);
		await ok('diaodu', { action: 'close' }, '2025-10-09T15:30', 'closed');

		const final = await row(id);
		expect(final).toMatchObject({
			status: 'closed',
			rework_count: 1,
			closed_at: at('2025-10-09T15:30'),
			feedback_at: at('2025-10-09T14:00'),
			version: 12
		});
		const events = await listEvents(t.db, id);
		expect(events.map((e) => [e.action, e.from_status, e.to_status])).toEqual([
			['report', null, 'reported'],
			['accept', 'reported', 'accepted'],
			['register', 'accepted', 'registered'],
			['dispatch', 'registered', 'dispatched'],
			['sign', 'dispatched', 'handling'],
			['request_extension', 'handling', 'extension_requested'],
			['approve_extension', 'extension_requested', 'handling'],
			['feedback', 'handling', 'feedback'],
			['check_fail', 'feedback', 'handling'],
			['feedback', 'handling', 'feedback'],
			['check_pass', 'feedback', 'checked'],
			['close', 'checked', 'closed']
		]);
		const kinds = await t.db.selectFrom('attachments').select('kind').where('case_id', '=', id).execute();
		expect(kinds.map((k) => k.kind).sort()).toEqual(['after', 'after', 'before', 'check', 'check']);
	});

	it('回退: request + approve → registered with the department cleared, then 改派 restarts the clock', async () => {
		const id = await caseIn('handling');
		expect(
			await act(
				'chengguan',
				id,
				{ action: 'request_return', reasonCode: 'not_our_duty', note: '属市容范围' },
				at('2025-10-09T09:00')
			)
		).toEqual({ ok: true, status: 'return_requested' });
		expect(await act('diaodu', id, { action: 'approve_return' }, at('2025-10-09T09:30'))).toEqual({
			ok: true,
			status: 'registered'
		});
		expect(await row(id)).toMatchObject({
			department_id: null,
			dispatched_at: null,
			deadline_at: null,
			efficient_deadline_at: null,
			resume_status: null
		});
		expect((await act('chengguan', id, { action: 'sign' }, at('2025-10-09T09:35'))).ok).toBe(false);

		const redispatch = at('2025-10-09T10:00');
		expect(await act('diaodu', id, { action: 'dispatch', departmentId: await dept('市容所') }, redispatch)).toEqual({
			ok: true,
			status: 'dispatched'
		});
		expect(await row(id)).toMatchObject({
			department_id: await dept('市容所'),
			dispatched_at: redispatch,
			deadline_at: at('2025-10-09T15:00'),
			efficient_deadline_at: at('2025-10-09T12:00')
		});
		expect(await act('chengguan', id, { action: 'sign' }, at('2025-10-09T10:05'))).toEqual({
			ok: false,
			status: 403,
			code: 'forbidden'
		});
		expect(await act('shirong', id, { action: 'sign' }, at('2025-10-09T10:05'))).toEqual({
			ok: true,
			status: 'handling'
		});
	});

	it('挂账 stops the clock; 解挂 moves the deadline by the paused working time', async () => {
		const id = await caseIn('handling'); // dispatched 2025-09-30 09:30 → due 14:30 the same day
		const before = await row(id);
		expect(before.deadline_at).toBe(at('2025-09-30T14:30'));
		expect(before.efficient_deadline_at).toBe(at('2025-09-30T11:30'));
		expect(await act('diaodu', id, { action: 'park', reason: '等待季节性施工' }, at('2025-09-30T10:00'))).toEqual({
			ok: true,
			status: 'parked'
		});
		expect(await row(id)).toMatchObject({
			parked_at: at('2025-09-30T10:00'),
			stage_deadline_at: null,
			deadline_at: before.deadline_at
		});
		expect(await act('diaodu', id, { action: 'unpark' }, at('2025-10-09T10:30'))).toEqual({
			ok: true,
			status: 'handling'
		});
		// paused: 09-30 10:00–17:00 less lunch = 6 h, 10-09 09:00–10:30 = 1.5 h → 7.5 working hours later,
		// i.e. 2.5 h on 09-30 and 5 h on 10-09 (the holiday does not count).
		const calendar = await loadCalendar(t.db);
		const after = await row(id);
		expect(after.deadline_at).toBe(
			extendForPause(before.deadline_at!, at('2025-09-30T10:00'), at('2025-10-09T10:30'), 'wh', calendar)
		);
		expect(after.deadline_at).toBe(at('2025-10-09T15:00'));
		// The efficient deadline moves by the same 7.5 working hours: 11:30 + 4.5 h on 09-30 + 3 h on 10-09.
		expect(after.efficient_deadline_at).toBe(
			extendForPause(before.efficient_deadline_at!, at('2025-09-30T10:00'), at('2025-10-09T10:30'), 'wh', calendar)
		);
		expect(after.efficient_deadline_at).toBe(at('2025-10-09T12:00'));
		expect(after).toMatchObject({ parked_at: null, resume_status: null, stage_deadline_at: after.deadline_at });
	});
});

describe('a case keeps the limits it took', () => {
	it('a new version of the category’s limits applies to cases registered from its effective time only', async () => {
		const earlier = await caseIn('handling'); // registered 09:20, dispatched 09:30 with the default 2 wh → 11:30
		expect((await row(earlier)).efficient_deadline_at).toBe(at('2025-09-30T11:30'));
		const { handleLimit } = await limitsInForce(t.db, CATEGORY, at('2025-09-30T09:00'));
		// An admin's new version, in force from 09:15: the same handling limit, an efficient limit of 1 wh.
		const versionId = await insertLimitVersion(
			t.db,
			CATEGORY,
			{ effectiveFrom: at('2025-09-30T09:15'), handleLimit, efficientLimit: { value: 1, unit: 'wh' } },
			at('2025-09-30T09:00'),
			null
		);
		try {
			// Working on the earlier case keeps its stored limits and deadline …
			expect(await act('lingdao', earlier, { action: 'supervise', note: '请加快' }, at('2025-09-30T10:00'))).toEqual({
				ok: true,
				status: 'handling'
			});
			expect(await row(earlier)).toMatchObject({
				efficient_deadline_at: at('2025-09-30T11:30'),
				efficient_value: 2,
				efficient_unit: 'wh'
			});
			// … while a case registered at 09:20 takes the new version: dispatched 09:30 → 10:30.
			const later = await caseIn('handling');
			expect(await row(later)).toMatchObject({
				efficient_deadline_at: at('2025-09-30T10:30'),
				deadline_at: at('2025-09-30T14:30'),
				efficient_value: 1,
				efficient_unit: 'wh'
			});
		} finally {
			await t.db.deleteFrom('category_limits').where('id', '=', versionId).execute();
		}
	});
});

describe('who may act', () => {
	const forbidden: [string, string, () => Promise<number>, CaseCommand][] = [
		['wangge3 (古美一村) checks a 东兰一居 case', 'wangge3', () => caseIn('feedback'), checkPass],
		['chengguan signs a case of 市容所', 'chengguan', () => caseIn('dispatched', '市容所'), { action: 'sign' }],
		['chengguan gives feedback on a case of 市容所', 'chengguan', () => caseIn('handling', '市容所'), feedback()],
		['lingdao dispatches', 'lingdao', () => caseIn('registered'), { action: 'dispatch', departmentId: 1 }],
		['admin accepts', 'admin', () => caseIn('reported'), { action: 'accept' }],
		['admin dispatches', 'admin', () => caseIn('registered'), { action: 'dispatch', departmentId: 1 }],
		['admin closes', 'admin', () => caseIn('checked'), { action: 'close' }],
		['admin supervises', 'admin', () => caseIn('handling'), { action: 'supervise', note: '快' }],
		['a handler checks', 'chengguan', () => caseIn('feedback'), checkPass],
		['a grid worker closes', 'wangge', () => caseIn('checked'), { action: 'close' }],
		['the reporter checks her own self-handled case', 'wangge', () => report('wangge', 'self_handle'), checkPass]
	];
	it.each(forbidden)('%s → 403, nothing written', async (_name, who, make, cmd) => {
		const id = await make();
		await expectNothingWritten(id, async () => {
			expect(await act(who, id, cmd, at('2025-10-09T10:00'), [photo])).toEqual({
				ok: false,
				status: 403,
				code: 'forbidden'
			});
		});
	});

	it('someone else of the 居民区 checks the self-handled case', async () => {
		const id = await report('wangge', 'self_handle');
		expect(await act('wangge2', id, checkPass, at('2025-09-30T10:00'), [photo])).toEqual({
			ok: true,
			status: 'checked'
		});
	});
});

describe('refusals that write nothing', () => {
	it('close on a reported case → 400 not_allowed_in_state', async () => {
		const id = await caseIn('reported');
		await expectNothingWritten(id, async () => {
			expect(await act('diaodu', id, { action: 'close' }, at('2025-09-30T10:00'))).toEqual({
				ok: false,
				status: 400,
				code: 'not_allowed_in_state'
			});
		});
	});

	it('feedback needs a real photo, whatever photoCount says', async () => {
		const id = await caseIn('handling');
		const files = listFiles(photoDir());
		await expectNothingWritten(id, async () => {
			expect(await act('chengguan', id, feedback(), at('2025-09-30T11:00'), [])).toMatchObject({
				ok: false,
				status: 400,
				code: 'photo_required'
			});
			const text = { name: 'x.jpg', bytes: new TextEncoder().encode('not a photo') };
			expect(await act('chengguan', id, feedback(), at('2025-09-30T11:00'), [text])).toMatchObject({
				status: 400,
				code: 'photo_invalid',
				photoCode: 'not_image'
			});
		});
		expect(listFiles(photoDir())).toEqual(files);
	});

	it('a stale version passed sequentially → 409', async () => {
		const id = await caseIn('reported');
		const old = (await row(id)).version;
		expect((await act('diaodu', id, { action: 'accept' }, at('2025-09-30T10:00'), [], old)).ok).toBe(true);
		await expectNothingWritten(id, async () => {
			expect(
				await act(
					'diaodu',
					id,
					{ action: 'register', categoryCode: CATEGORY, urgency: '一般', handleLimit: null, efficientLimit: null },
					at('2025-09-30T10:05'),
					[],
					old
				)
			).toEqual({ ok: false, status: 409, code: 'stale' });
		});
	});

	const races: [string, [string, CaseCommand][], 'reported' | 'handling'][] = [
		[
			'accept twice',
			[
				['diaodu', { action: 'accept' }],
				['diaodu', { action: 'accept' }]
			],
			'reported'
		],
		[
			'accept vs void',
			[
				['diaodu', { action: 'accept' }],
				['diaodu', { action: 'void', reason: '重复上报' }]
			],
			'reported'
		],
		[
			'two feedbacks with photos',
			[
				['chengguan', feedback('甲')],
				['chengguan', feedback('乙')]
			],
			'handling'
		]
	];
	it.each(races)('concurrent %s at the same version → one ok, one 409, one new event', async (_name, pair, start) => {
		const id = await caseIn(start);
		const { version } = await row(id);
		const [n, files] = [await countEvents(t.db, id), listFiles(photoDir()).length];
		const results = await Promise.all(
			pair.map(([who, cmd]) => act(who, id, cmd, at('2025-09-30T11:00'), [photo], version))
		);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, status: 409, code: 'stale' }]);
		expect(await countEvents(t.db, id)).toBe(n + 1);
		expect((await row(id)).version).toBe(version + 1);
		// the loser's photos are not left behind (feedback stores a photo and its thumbnail)
		expect(listFiles(photoDir()).length).toBe(files + (start === 'handling' ? 2 : 0));
	});

	it('the event log refuses UPDATE and DELETE', async () => {
		const id = await caseIn('registered');
		const events = await listEvents(t.db, id);
		await expect(sql`UPDATE case_events SET note = 'edited' WHERE case_id = ${id}`.execute(t.db)).rejects.toThrow(
			/append-only/
		);
		await expect(sql`DELETE FROM case_events WHERE case_id = ${id}`.execute(t.db)).rejects.toThrow(/append-only/);
		await expect(t.db.deleteFrom('case_events').execute()).rejects.toThrow(/append-only/);
		expect(await listEvents(t.db, id)).toEqual(events);
	});
});

it('photo files exist for every attachment row', async () => {
	const rows = await t.db.selectFrom('attachments').select(['path', 'thumb_path']).execute();
	expect(rows.length).toBeGreaterThan(0);
	for (const r of rows) for (const p of [r.path, r.thumb_path]) expect(fs.existsSync(`${photoDir()}/${p}`)).toBe(true);
});
