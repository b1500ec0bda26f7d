// The shared set-up of the case-action tests: one test database per test file, demo users, and a
// case walked to any status.
import { afterAll, beforeAll, expect } from 'vitest';
import type { CaseCommand } from '$lib/domain/case-workflow';
import type { PhotoInput } from '../photos';
import { countEvents } from '../repositories/case-events';
import { getCaseRow } from '../repositories/cases';
import { actorOf, createTestDb, jpeg, type TestDb } from '../test-db';
import { applyCaseAction } from './case-actions';
import { reportTestCase } from './reported-case.fixtures';

export const at = (shanghai: string) => Date.parse(`${shanghai}:00+08:00`);
export const CATEGORY = 'SH-XQGL-01'; // 违法搭建: 城管中队, 4 working hours
export let t: TestDb;
export let photo: PhotoInput;
export let dept: (name: string) => Promise<number>;

beforeAll(async () => {
	t = await createTestDb();
	photo = await jpeg();
	dept = async (name) =>
		(await t.db.selectFrom('departments').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
	await t.cleanup();
});

export const row = async (id: number) => (await getCaseRow(t.db, id))!;

export async function report(
	username = 'wangge',
	mode: 'report' | 'self_handle' = 'report',
	when = at('2025-09-30T09:00')
): Promise<number> {
	return reportTestCase(t.db, when, {
		username,
		mode,
		categoryCode: CATEGORY,
		description: '楼顶违法搭建',
		address: '东兰路',
		beforePhotos: [photo],
		afterPhotos: mode === 'self_handle' ? [photo] : []
	});
}

/** One action by a demo user, at the case's current version unless told otherwise. */
export async function act(
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

export const feedback = (note = '已拆除'): CaseCommand => ({ action: 'feedback', note, photoCount: 1 });
export const checkPass: CaseCommand = { action: 'check_pass', photoCount: 1 };

/** A new case walked along the happy path until it reaches `status`. */
export async function caseIn(
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
export async function expectNothingWritten(id: number, fn: () => Promise<unknown>) {
	const [before, n] = [await row(id), await countEvents(t.db, id)];
	await fn();
	expect(await row(id)).toEqual(before);
	expect(await countEvents(t.db, id)).toBe(n);
}
