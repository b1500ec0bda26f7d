import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { photoDir } from '../config';
import type { PhotoInput } from '../photos';
import { actorOf, caseTableCounts, gridWorkerDb, jpeg, listFiles } from '../test-db';
import { reportCase, type ReportInput } from './report-case';

const NOW = Date.parse('2025-09-30T10:00:00+08:00');
const DONGLAN_1 = { lng: 121.37792, lat: 31.15505 }; // the 东兰一居 marker

const t = gridWorkerDb('before.jpg');

const input = (over: Partial<ReportInput> = {}): ReportInput => ({
	mode: 'report',
	source: 'patrol',
	categoryCode: 'SH-HWSR-01',
	description: '绿化带旁堆放生活垃圾',
	address: '东兰路 1 号',
	...DONGLAN_1,
	communityId: null,
	handlingNote: '',
	beforePhotos: [t.photo],
	afterPhotos: [],
	...over
});

const idOf = async (table: 'areas' | 'communities', name: string) =>
	(await t.db.selectFrom(table).select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

/** What a rejected report must leave untouched. */
async function snapshot() {
	return { ...(await caseTableCounts(t.db)), files: listFiles(photoDir()) };
}

describe('reportCase', () => {
	it('stores photos under PHOTO_DIR in the test dir', () => {
		expect(photoDir()).toBe(path.join(t.dir, 'photos'));
	});

	it('a grid worker reports at the 东兰一居 marker: reported, 西片区/东兰一居, one event, one clean before photo', async () => {
		const r = await reportCase(t.db, t.wangge, input(), NOW);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.code).toMatch(/^W20250930\d{4}$/);
		const row = await t.db.selectFrom('cases').selectAll().where('id', '=', r.caseId).executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			status: 'reported',
			track: 'grid',
			source: 'patrol',
			area_id: await idOf('areas', '西片区'),
			community_id: await idOf('communities', '东兰一居'),
			reporter_id: t.wangge.id,
			self_handled: 0,
			reported_at: NOW,
			deadline_at: null, // both clocks start at 派遣
			efficient_deadline_at: null,
			version: 1
		});
		const events = await t.db.selectFrom('case_events').selectAll().where('case_id', '=', r.caseId).execute();
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			action: 'report',
			from_status: null,
			to_status: 'reported',
			actor_id: t.wangge.id
		});
		const atts = await t.db.selectFrom('attachments').selectAll().where('case_id', '=', r.caseId).execute();
		expect(atts).toHaveLength(1);
		expect(atts[0]).toMatchObject({
			kind: 'before',
			event_id: events[0].id,
			mime: 'image/jpeg',
			original_name: 'before.jpg'
		});
		for (const rel of [atts[0].path, atts[0].thumb_path]) {
			const file = path.join(photoDir(), rel);
			expect(fs.existsSync(file)).toBe(true);
			expect((await sharp(file).metadata()).exif).toBeUndefined();
			expect(fs.readFileSync(file).toString('latin1')).not.toContain('GridCaseTestCam');
		}
		// the source really had EXIF, so the check above means something
		expect((await sharp(t.photo.bytes).metadata()).exif).toBeDefined();
	});

	it('the reporter may override the 居民区; its 片区 follows', async () => {
		const other = await idOf('communities', '平南三居');
		const r = await reportCase(t.db, t.wangge, input({ communityId: other }), NOW);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const row = await t.db
			.selectFrom('cases')
			.select(['community_id', 'area_id'])
			.where('id', '=', r.caseId)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ community_id: other, area_id: await idOf('areas', '中片区') });
	});

	it('自行处置 with before and after photos goes straight to 核查, handled by the reporter', async () => {
		const r = await reportCase(
			t.db,
			t.wangge,
			input({ mode: 'self_handle', afterPhotos: [await jpeg('after.jpg')], handlingNote: '已清理' }),
			NOW
		);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const row = await t.db.selectFrom('cases').selectAll().where('id', '=', r.caseId).executeTakeFirstOrThrow();
		expect(row).toMatchObject({ status: 'feedback', self_handled: 1, handler_id: t.wangge.id, feedback_at: NOW });
		// 暴露垃圾: 4 wh handling, 2 wh efficient, both from the report at 10:00.
		expect(row).toMatchObject({
			deadline_at: Date.parse('2025-09-30T15:00:00+08:00'),
			efficient_deadline_at: Date.parse('2025-09-30T12:00:00+08:00')
		});
		const kinds = await t.db
			.selectFrom('attachments')
			.select('kind')
			.where('case_id', '=', r.caseId)
			.orderBy('kind')
			.execute();
		expect(kinds.map((k) => k.kind)).toEqual(['after', 'before']);
	});

	const textAsJpeg: PhotoInput = { name: 'evil.jpg', bytes: new TextEncoder().encode('just some text, not a picture') };
	const rejected: [string, () => Partial<ReportInput>, Record<string, string>][] = [
		['自行处置 without an after photo', () => ({ mode: 'self_handle', afterPhotos: [] }), { afterPhotos: 'empty' }],
		['an unknown category', () => ({ categoryCode: 'NO-SUCH-01' }), { categoryCode: 'unknown_category' }],
		['a point outside the subdistrict', () => ({ lng: 121.3, lat: 31.1 }), { point: 'outside_subdistrict' }],
		['no point at all', () => ({ lng: Number.NaN, lat: Number.NaN }), { point: 'required' }],
		['a missing photo', () => ({ beforePhotos: [] }), { beforePhotos: 'empty' }],
		['a 10 MB description', () => ({ description: '垃圾'.repeat(5 * 1024 * 1024 + 1) }), { description: 'too_long' }],
		['a blank description', () => ({ description: '   ' }), { description: 'required' }],
		['a text file renamed .jpg', () => ({ beforePhotos: [textAsJpeg] }), { beforePhotos: 'not_image' }],
		[
			'a good before photo but a bad after photo',
			() => ({ mode: 'self_handle', afterPhotos: [textAsJpeg] }),
			{ afterPhotos: 'not_image' }
		],
		['an override to a 居民区 that does not exist', () => ({ communityId: 999_999 }), { communityId: 'invalid' }],
		// 古美十村, the last marker the seed loads, is on the far side of the subdistrict (> 1 km).
		['an override to a 居民区 far from the point', () => ({ communityId: 39 }), { communityId: 'invalid' }]
	];

	it.each(rejected)('%s → 400 with the field error and nothing written', async (_name, over, errors) => {
		const before = await snapshot();
		const r = await reportCase(t.db, t.wangge, input(over()), NOW);
		expect(r).toEqual({ ok: false, status: 400, errors });
		expect(await snapshot()).toEqual(before);
	});

	it('reports several problems at once', async () => {
		const r = await reportCase(t.db, t.wangge, input({ categoryCode: 'NO-SUCH-01', beforePhotos: [] }), NOW);
		expect(r).toEqual({ ok: false, status: 400, errors: { categoryCode: 'unknown_category', beforePhotos: 'empty' } });
	});

	it.each(['chengguan', 'lingdao', 'admin', 'zhifa'])('%s may not report → 403, nothing written', async (username) => {
		const before = await snapshot();
		const r = await reportCase(t.db, await actorOf(t.db, username), input(), NOW);
		expect(r).toEqual({ ok: false, status: 403, errors: { form: 'forbidden' } });
		expect(await snapshot()).toEqual(before);
	});

	it('numbers the cases of a Shanghai day 0001, 0002, … (the day is Shanghai, not the server zone)', async () => {
		// 2025-10-01 00:30 in Shanghai is still 2025-09-30 in UTC and in Los Angeles.
		const lateNight = Date.parse('2025-10-01T00:30:00+08:00');
		const codes: string[] = [];
		for (let i = 0; i < 2; i++) {
			const r = await reportCase(t.db, t.wangge, input(), lateNight + i);
			if (r.ok) codes.push(r.code);
		}
		expect(codes).toEqual(['W202510010001', 'W202510010002']);
	});
});
