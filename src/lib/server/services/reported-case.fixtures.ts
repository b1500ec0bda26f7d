// Test fixtures (imported by tests only): a grid case reported through the real service, as the
// record many service tests start from.
import type { Db } from '../db/create-database';
import { actorOf, jpeg } from '../test-db';
import { patrolReport } from './patrol-report.fixtures';
import { reportCase, type ReportInput } from './report-case';

/**
 * Reports a case as a demo user (网格员 wangge unless told) through reportCase and returns its id: a
 * patrol find of 垃圾 at 东兰路 1 号 with one photo before, unless the test says otherwise.
 */
export async function reportTestCase(
	db: Db,
	when: number,
	over: Partial<ReportInput> & { username?: string } = {}
): Promise<number> {
	const { username = 'wangge', ...input } = over;
	const r = await reportCase(
		db,
		await actorOf(db, username),
		patrolReport(input.beforePhotos ?? [await jpeg()], input),
		when
	);
	if (!r.ok) throw new Error(JSON.stringify(r));
	return r.caseId;
}

/** What makes a report 自行处置: the handler's note and a photo after. */
export const selfHandled = async (handlingNote = '已清理', after = 'photo.jpg'): Promise<Partial<ReportInput>> => ({
	mode: 'self_handle',
	handlingNote,
	afterPhotos: [await jpeg(after)]
});
