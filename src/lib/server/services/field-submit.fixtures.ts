// Test fixtures (tests only): a grid worker's field work sent from the phone's outbox, and a case
// walked to 待核查 for a 核查 to be sent against.
import type { CaseCommand } from '$lib/domain/case-workflow';
import type { PhotoInput } from '../photos';
import { getCaseRow } from '../repositories/cases';
import { actorOf, type gridWorkerDb } from '../test-db';
import { applyCaseAction } from './case-actions';
import { submitFieldWork, type FieldWork } from './field-submit';
import type { ReportInput } from './report-case';

export const NOW = Date.parse('2025-09-30T10:00:00+08:00');
/** Recorded in a basement three hours before the upload. */
export const CAPTURED = NOW - 3 * 3600_000;

export function fieldWorkOn(t: ReturnType<typeof gridWorkerDb>) {
	const report = (over: Partial<ReportInput> = {}): FieldWork => ({
		kind: 'report',
		report: {
			mode: 'report',
			source: 'patrol',
			categoryCode: 'SH-XQGL-01',
			description: '地下车库违法搭建',
			address: '',
			lng: 121.37792,
			lat: 31.15505,
			communityId: null,
			handlingNote: '',
			beforePhotos: [{ ...t.photo, recorded: { at: CAPTURED, lng: 121.37792, lat: 31.15505 } }],
			afterPhotos: [],
			...over
		}
	});

	/** A case reported, dispatched, signed and fed back: waiting for 核查. */
	async function caseAwaitingCheck(): Promise<number> {
		const r = await submitFieldWork(t.db, t.wangge, { key: crypto.randomUUID(), capturedAt: NOW }, report(), NOW);
		if (!r.ok) throw new Error(JSON.stringify(r));
		const dept = (
			await t.db.selectFrom('departments').select('id').where('name', '=', '城管中队').executeTakeFirstOrThrow()
		).id;
		const steps: [string, CaseCommand, PhotoInput[]][] = [
			['diaodu', { action: 'accept' }, []],
			[
				'diaodu',
				{ action: 'register', categoryCode: 'SH-XQGL-01', urgency: '一般', handleLimit: null, efficientLimit: null },
				[]
			],
			['diaodu', { action: 'dispatch', departmentId: dept }, []],
			['chengguan', { action: 'sign' }, []],
			['chengguan', { action: 'feedback', note: '已拆除', photoCount: 1 }, [t.photo]]
		];
		let when = NOW;
		for (const [who, cmd, photos] of steps) {
			const row = (await getCaseRow(t.db, r.caseId))!;
			const done = await applyCaseAction(
				t.db,
				await actorOf(t.db, who),
				r.caseId,
				row.version,
				cmd,
				photos,
				(when += 60_000)
			);
			if (!done.ok) throw new Error(`${cmd.action}: ${JSON.stringify(done)}`);
		}
		return r.caseId;
	}
	return { report, caseAwaitingCheck };
}
