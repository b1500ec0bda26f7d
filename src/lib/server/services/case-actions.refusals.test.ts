import fs from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { CaseCommand } from '$lib/domain/case-workflow';
import { photoDir } from '../config';
import { countEvents, listEvents } from '../repositories/case-events';
import { listFiles } from '../test-db';
import {
	at,
	CATEGORY,
	t,
	photo,
	row,
	report,
	act,
	feedback,
	checkPass,
	caseIn,
	expectNothingWritten
} from './case-actions.fixtures';

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
