// A generated Shanghai-scale year for the statistics benchmark: grid cases with their events and
// 12345 orders with theirs, written with raw prepared statements (indexes dropped during the load and
// built again after, as a bulk loader does). Deterministic; shares of outcomes like a real centre's.
import type Database from 'better-sqlite3';
import { GENESIS, rowHash, SEALED_TABLES, type SealedTable } from '../src/lib/server/records/chain-spec';
import { rng } from './generate';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function withoutIndexes(sqlite: Database.Database, tables: string[], load: () => void): void {
	const list = tables.map((t) => `'${t}'`).join(', ');
	// The chain index stays: the insert trigger finds each chain's last place through it (migration 016).
	const indexes = sqlite
		.prepare(
			`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN (${list}) AND sql IS NOT NULL AND name NOT LIKE '%_chain'`
		)
		.all() as { name: string; sql: string }[];
	for (const ix of indexes) sqlite.exec(`DROP INDEX ${ix.name}`);
	load();
	for (const ix of indexes) sqlite.exec(ix.sql);
}

/** An insert of sealed event rows, each chained to the one before in its record (rows of a record come together). */
function chainedInsert(sqlite: Database.Database, table: SealedTable, columns: string[]) {
	const key = SEALED_TABLES[table].chainKey as string;
	const stmt = sqlite.prepare(
		`INSERT INTO ${table} (${columns.join(', ')}, chain_seq, hash) VALUES (${columns.map(() => '?').join(', ')}, ?, ?)`
	);
	let chain: unknown = null;
	let seq = 0;
	let previous = GENESIS;
	return (...values: unknown[]) => {
		const row: Record<string, unknown> = Object.fromEntries(columns.map((c, i) => [c, values[i]]));
		if (row[key] !== chain) [chain, seq, previous] = [row[key], 0, GENESIS];
		const hash = rowHash(table, { ...row, chain_seq: seq }, previous);
		stmt.run(...values, seq, hash);
		[seq, previous] = [seq + 1, hash];
	};
}

export interface YearFill {
	cases: number;
	caseEvents: number;
	orders: number;
	orderEvents: number;
}

/** Fills `cases` grid cases and `orders` 12345 orders reported during `year` (Asia/Shanghai). */
export function fillYear(
	sqlite: Database.Database,
	year: number,
	cases: number,
	orders: number,
	log: (s: string) => void
): YearFill {
	const random = rng(year * 7919);
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
	const categories = sqlite
		.prepare(
			'SELECT k.code, k.department_id, l.handle_value, l.handle_unit FROM categories k LEFT JOIN category_limits l ON l.category_code = k.code AND l.effective_from = 0'
		)
		.all() as { code: string; department_id: number | null; handle_value: number | null; handle_unit: string | null }[];
	const communities = sqlite.prepare('SELECT id, area_id, lng, lat FROM communities').all() as {
		id: number;
		area_id: number;
		lng: number;
		lat: number;
	}[];
	const worker = (sqlite.prepare("SELECT id FROM users WHERE role = 'grid_worker' LIMIT 1").get() as { id: number }).id;
	const dispatcher = (sqlite.prepare("SELECT id FROM users WHERE role = 'dispatcher' LIMIT 1").get() as { id: number })
		.id;
	const from = Date.parse(`${year}-01-01T00:00:00+08:00`);
	const span = Date.parse(`${year + 1}-01-01T00:00:00+08:00`) - from;
	const result: YearFill = { cases: 0, caseEvents: 0, orders: 0, orderEvents: 0 };
	sqlite.pragma('foreign_keys = OFF');
	sqlite.pragma('cache_size = -1000000');

	const insertCase = sqlite.prepare(
		`INSERT INTO cases (id, code, track, source, status, category_code, urgency, description, address, lng, lat, area_id, community_id, reporter_id,
		 department_id, supervised, rework_count, reported_at, dispatched_at, deadline_at, efficient_deadline_at, stage_started_at, feedback_at, closed_at, updated_at,
		 handle_value, handle_unit)
		 VALUES (?, ?, 'grid', ?, ?, ?, '一般', '人行道上有流动摊贩摆摊', '古美路街道1号', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const insertEvent = {
		run: chainedInsert(sqlite, 'case_events', ['case_id', 'at', 'actor_id', 'action', 'from_status', 'to_status'])
	};
	withoutIndexes(sqlite, ['cases', 'case_events'], () => {
		const t0 = performance.now();
		sqlite.transaction(() => {
			for (let i = 1; i <= cases; i++) {
				const cat = pick(categories);
				const c = pick(communities);
				const reportedAt = from + Math.floor(random() * span);
				const r = random();
				// 96 % closed, 1.5 % 作废, 0.5 % 挂账, the rest still open (some of them past their deadline).
				const status =
					r < 0.96
						? 'closed'
						: r < 0.975
							? 'void'
							: r < 0.98
								? 'parked'
								: pick(['handling', 'feedback', 'checked', 'dispatched']);
				const dispatched = status !== 'void';
				const dispatchedAt = dispatched ? reportedAt + Math.floor(random() * 2 * HOUR) : null;
				const limit = (1 + Math.floor(random() * 5)) * DAY;
				const deadlineAt = dispatchedAt !== null ? dispatchedAt + limit : null;
				const efficientAt = dispatchedAt !== null ? dispatchedAt + limit / 2 : null;
				let feedbackAt: number | null = null;
				if (dispatchedAt !== null && (status === 'closed' || status === 'feedback' || status === 'checked')) {
					const f = random();
					// 70 % inside the efficient limit, 0.3 % after the deadline.
					feedbackAt =
						dispatchedAt +
						Math.floor((f < 0.7 ? random() * 0.5 : f < 0.997 ? 0.5 + random() * 0.5 : 1 + random()) * limit);
				}
				const closedAt = status === 'closed' ? feedbackAt! + Math.floor(random() * 4 * HOUR) : null;
				const extended = dispatched && random() < 0.02;
				const rework = status === 'closed' && random() < 0.03 ? 1 : 0;
				insertCase.run(
					i,
					`Y${year}${String(i).padStart(8, '0')}`,
					pick(['patrol', 'patrol', 'patrol', 'resident', 'video', 'leader']),
					status,
					cat.code,
					c.lng,
					c.lat,
					c.area_id,
					c.id,
					worker,
					dispatched ? cat.department_id : null,
					random() < 0.01 ? 1 : 0,
					rework,
					reportedAt,
					dispatchedAt,
					deadlineAt,
					efficientAt,
					reportedAt,
					feedbackAt,
					closedAt,
					closedAt ?? reportedAt,
					cat.handle_value,
					cat.handle_unit
				);
				insertEvent.run(i, reportedAt, worker, 'report', null, 'reported');
				result.caseEvents++;
				if (dispatchedAt !== null) {
					insertEvent.run(i, dispatchedAt, dispatcher, 'dispatch', 'registered', 'dispatched');
					result.caseEvents++;
				}
				if (extended) {
					insertEvent.run(i, dispatchedAt! + HOUR, dispatcher, 'approve_extension', 'extension_requested', 'handling');
					result.caseEvents++;
				}
				if (status === 'closed' || status === 'void' || status === 'parked') {
					insertEvent.run(
						i,
						closedAt ?? reportedAt + HOUR,
						dispatcher,
						status === 'closed' ? 'close' : status === 'void' ? 'void' : 'park',
						'checked',
						status
					);
					result.caseEvents++;
				}
				result.cases++;
				if (i % 1_000_000 === 0)
					log(`  ${i.toLocaleString('en')} cases (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
			}
		})();
		log(`  cases written in ${((performance.now() - t0) / 1000).toFixed(0)} s; building their indexes`);
	});

	const insertOrder = sqlite.prepare(
		`INSERT INTO hotline_orders (id, order_no, channel, order_type, urgency, has_phone, address, content, received_at, category_code, community_id, status,
		 limit_value, limit_unit, department_id, signed_at, first_contact_due_at, first_contact_at, contact_outcome, deadline_at, first_reply_at,
		 return_approved_at, satisfaction, completed_at, fingerprint, origin, created_at, updated_at, area_id)
		 VALUES (?, ?, '12345热线', '投诉', '一般', ?, '古美路1号', '垃圾箱房垃圾满溢', ?, ?, ?, ?, 5, 'wd', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', 'api', ?, ?, ?)`
	);
	const insertOrderEvent = {
		run: chainedInsert(sqlite, 'hotline_events', ['order_id', 'at', 'action', 'from_status', 'to_status'])
	};
	const withLimit = categories.filter((c) => c.department_id !== null);
	withoutIndexes(sqlite, ['hotline_orders', 'hotline_events'], () => {
		sqlite.transaction(() => {
			for (let i = 1; i <= orders; i++) {
				const cat = pick(withLimit);
				const c = pick(communities);
				const receivedAt = from + Math.floor(random() * span);
				const hasPhone = random() < 0.95 ? 1 : 0;
				const returned = random() < 0.03;
				const signedAt = receivedAt + Math.floor(random() * 4 * HOUR);
				const fcDue = signedAt + DAY;
				const fc = random();
				const firstContactAt = hasPhone ? signedAt + Math.floor((fc < 0.97 ? random() : 1 + random()) * DAY) : null;
				const deadlineAt = receivedAt + 7 * DAY;
				const open = !returned && random() < 0.01;
				const firstReplyAt = returned || open ? null : receivedAt + Math.floor(random() * 6.9 * DAY);
				const completedAt = firstReplyAt === null ? null : firstReplyAt + Math.floor(random() * 3 * DAY);
				const satisfaction =
					completedAt === null ? null : pick(['满意', '满意', '满意', '基本满意', '不满意', 'unreachable']);
				const status = returned ? 'returned' : open ? 'handling' : 'completed';
				insertOrder.run(
					i,
					`Y${year}H${String(i).padStart(8, '0')}`,
					hasPhone,
					receivedAt,
					cat.code,
					c.id,
					status,
					cat.department_id,
					signedAt,
					fcDue,
					firstContactAt,
					hasPhone ? 'reached' : 'no_phone',
					deadlineAt,
					firstReplyAt,
					returned ? signedAt + 2 * HOUR : null,
					satisfaction,
					completedAt,
					receivedAt,
					completedAt ?? receivedAt,
					c.area_id
				);
				insertOrderEvent.run(i, receivedAt, 'receive', null, 'received');
				result.orders++;
				result.orderEvents++;
			}
		})();
	});
	sqlite.pragma('foreign_keys = ON');
	return result;
}
