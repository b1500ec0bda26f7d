// Test fixtures (imported by *.test.ts only): hand-made case and order rows for the statistics.
// The rows are written directly: these tests are about counting, not about the workflow.
import { at, endOf } from '$lib/domain/fixtures/time';
import type { Db } from '../../db/create-database';
import { limitsInForce } from '../../repositories/category-limits';
import { limitColumns } from '../case-mapping';

let seq = 0;

export interface GridFields {
	status: string;
	category?: string;
	reportedAt: number;
	deadlineAt?: number | null;
	efficientAt?: number | null;
	feedbackAt?: number | null;
	closedAt?: number | null;
	rework?: number;
	dispatchedAt?: number | null;
	stageDeadlineAt?: number | null;
}

/**
 * The tests' usual January case: reported 2026-01-10 09:00, due 01-12 24:00 (高效处置 by 01-11 12:00),
 * closed; `fedBack` and `closed` say when its 处置反馈 came and when it was closed.
 */
export const januaryCase = (fedBack: string, closed: string, more: Partial<GridFields> = {}): GridFields => ({
	status: 'closed',
	reportedAt: at('2026-01-10 09:00'),
	deadlineAt: endOf('2026-01-12'),
	efficientAt: at('2026-01-11 12:00'),
	feedbackAt: at(fedBack),
	closedAt: at(closed),
	...more
});

export async function gridRow(db: Db, f: GridFields): Promise<number> {
	const c = await db.selectFrom('communities').selectAll().orderBy('id').executeTakeFirstOrThrow();
	const reporter = await db.selectFrom('users').select('id').where('username', '=', 'wangge').executeTakeFirstOrThrow();
	// The case carries its category's limits, as one filed through the services would.
	const limits = await limitsInForce(db, f.category ?? 'SH-HWSR-01', f.reportedAt);
	const r = await db
		.insertInto('cases')
		.values({
			code: `T${++seq}`,
			track: 'grid',
			source: 'patrol',
			status: f.status,
			resume_status: null,
			category_code: f.category ?? 'SH-HWSR-01',
			urgency: '一般',
			description: 'x',
			address: '',
			lng: c.lng,
			lat: c.lat,
			area_id: c.area_id,
			community_id: c.id,
			reporter_id: reporter.id,
			department_id: 2,
			handler_id: null,
			self_handled: 0,
			supervised: 0,
			rework_count: f.rework ?? 0,
			reported_at: f.reportedAt,
			dispatched_at: f.dispatchedAt ?? (f.deadlineAt ? f.reportedAt : null),
			deadline_at: f.deadlineAt ?? null,
			efficient_deadline_at: f.efficientAt ?? null,
			stage_started_at: f.reportedAt,
			stage_deadline_at: f.stageDeadlineAt ?? null,
			stage_warn_at: null,
			parked_at: null,
			requested_deadline_at: null,
			feedback_at: f.feedbackAt ?? null,
			closed_at: f.closedAt ?? null,
			version: 1,
			updated_at: f.reportedAt,
			...limitColumns(limits.handleLimit, limits.efficientLimit)
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

export async function orderRow(
	db: Db,
	f: {
		receivedAt: number;
		deadlineAt: number;
		firstContactDueAt?: number | null;
		firstContactAt?: number | null;
		hasPhone?: boolean;
		outcome?: string | null;
		firstReplyAt?: number | null;
		returnApprovedAt?: number | null;
		satisfaction?: string | null;
		completedAt?: number | null;
		status?: string;
	}
): Promise<number> {
	const r = await db
		.insertInto('hotline_orders')
		.values({
			order_no: `O${++seq}`,
			channel: '12345热线',
			order_type: '求助',
			urgency: '一般',
			citizen_name: null,
			phone: f.hasPhone === false ? null : '13800001111',
			has_phone: f.hasPhone === false ? 0 : 1,
			address: '',
			lng: null,
			lat: null,
			content: 'x',
			received_at: f.receivedAt,
			category_code: null,
			community_id: null,
			status: f.status ?? 'completed',
			resume_status: null,
			limit_value: 5,
			limit_unit: 'wd',
			department_id: 2,
			assigned_at: f.receivedAt,
			signed_at: f.receivedAt,
			first_contact_due_at: f.firstContactDueAt ?? null,
			first_contact_at: f.firstContactAt ?? null,
			contact_outcome: f.outcome ?? (f.firstContactAt ? 'contacted' : null),
			contact_method: null,
			deadline_at: f.deadlineAt,
			due_at: null,
			warn_at: null,
			requested_deadline_at: null,
			first_reply_at: f.firstReplyAt ?? null,
			last_reply_at: f.firstReplyAt ?? null,
			reply_resolved: null,
			redo_deadline_at: null,
			return_approved_at: f.returnApprovedAt ?? null,
			supervised_at: null,
			satisfaction: f.satisfaction ?? null,
			completed_at: f.completedAt ?? null,
			fingerprint: `fp${seq}`,
			origin: 'manual',
			import_id: null,
			created_at: f.receivedAt,
			updated_at: f.receivedAt
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}
