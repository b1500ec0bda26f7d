// Raw better-sqlite3 baselines: bulk-filling `cases`, and inserting hotline_orders-shaped rows into a
// scratch copy of the table. Prepared statements, one transaction: the fastest the same machine can write.
import type Database from 'better-sqlite3';
import { orderRows, rng } from './generate';

const DAY = 86_400_000;
const STATUSES: [string, number][] = [
	['closed', 0.72],
	['void', 0.03],
	['reported', 0.03],
	['accepted', 0.02],
	['registered', 0.02],
	['dispatched', 0.04],
	['handling', 0.08],
	['return_requested', 0.01],
	['extension_requested', 0.01],
	['parked', 0.01],
	['feedback', 0.02],
	['checked', 0.01]
];
const SOURCES = ['patrol', 'patrol', 'patrol', 'resident', 'video', 'leader'];
const DESCRIPTIONS = [
	'人行道上有流动摊贩摆摊卖水果，占用通行',
	'沿街商铺把货架摆到店门外经营',
	'非机动车乱停放，堵塞盲道',
	'绿化带旁堆放生活垃圾，无人清运',
	'电线杆上张贴小广告',
	'窨井盖破损下沉，存在安全隐患',
	'人行道地砖松动破损',
	'行道树断枝悬挂，需修剪',
	'小区门口乱堆建筑垃圾'
];

function statusPicker(random: () => number): () => string {
	const cum: [string, number][] = [];
	let acc = 0;
	for (const [s, p] of STATUSES) cum.push([s, (acc += p)]);
	return () => {
		const r = random() * acc;
		return cum.find(([, c]) => r < c)![0];
	};
}

/** Inserts `count` plausible cases (valid references, instants over 2023–2026); returns elapsed ms. */
export function fillCases(sqlite: Database.Database, count: number, now: number): number {
	const random = rng(20230101);
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
	const status = statusPicker(random);
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
	const workers = (sqlite.prepare("SELECT id FROM users WHERE role = 'grid_worker'").all() as { id: number }[]).map(
		(u) => u.id
	);
	const handlers = new Map(
		(
			sqlite.prepare("SELECT department_id, id FROM users WHERE role = 'handler'").all() as {
				department_id: number;
				id: number;
			}[]
		).map((u) => [u.department_id, u.id])
	);
	const insert = sqlite.prepare(
		`INSERT INTO cases (code, track, source, status, category_code, urgency, description, address, lng, lat, area_id, community_id, reporter_id,
		 department_id, handler_id, reported_at, dispatched_at, deadline_at, stage_started_at, stage_deadline_at, stage_warn_at, closed_at, updated_at, handle_value, handle_unit)
		 VALUES (?, 'grid', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const from = Date.parse('2023-01-01T00:00:00+08:00');
	const span = now - from;
	const t0 = performance.now();
	sqlite.transaction(() => {
		for (let i = 0; i < count; i++) {
			const cat = pick(categories);
			const c = pick(communities);
			const s = status();
			const reportedAt = from + Math.floor(random() * span);
			const dispatched = s !== 'reported' && s !== 'accepted' && s !== 'registered' && s !== 'void';
			const deadlineAt = reportedAt + (1 + Math.floor(random() * 7)) * DAY;
			const closedAt = s === 'closed' ? reportedAt + Math.floor(random() * 6 * DAY) : null;
			insert.run(
				`B${String(i).padStart(8, '0')}`,
				pick(SOURCES),
				s,
				cat.code,
				random() < 0.1 ? '紧急' : '一般',
				pick(DESCRIPTIONS),
				`古美路街道${1 + Math.floor(random() * 999)}号`,
				c.lng + (random() - 0.5) * 0.004,
				c.lat + (random() - 0.5) * 0.004,
				c.area_id,
				c.id,
				pick(workers),
				dispatched ? cat.department_id : null,
				dispatched && cat.department_id !== null ? (handlers.get(cat.department_id) ?? null) : null,
				reportedAt,
				dispatched ? reportedAt + 3_600_000 : null,
				deadlineAt,
				reportedAt,
				closedAt === null ? deadlineAt : null,
				closedAt === null ? deadlineAt - DAY : null,
				closedAt,
				closedAt ?? reportedAt,
				cat.handle_value,
				cat.handle_unit
			);
		}
	})();
	return performance.now() - t0;
}

export const ORDER_COLS = [
	'order_no',
	'channel',
	'order_type',
	'urgency',
	'citizen_name',
	'phone',
	'has_phone',
	'address',
	'lng',
	'lat',
	'content',
	'received_at',
	'category_code',
	'community_id',
	'status',
	'limit_value',
	'limit_unit',
	'deadline_at',
	'due_at',
	'warn_at',
	'fingerprint',
	'origin',
	'import_id',
	'created_at',
	'updated_at'
];
/** hotline_orders' own indexes (as the migrations made them), re-targeted at the scratch copy. */
function orderIndexes(sqlite: Database.Database): string[] {
	const own = sqlite
		.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'hotline_orders' AND sql IS NOT NULL")
		.all() as { sql: string }[];
	// The UNIQUE(order_no) constraint is an automatic index with no SQL of its own.
	return [
		'CREATE UNIQUE INDEX scratch_order_no ON scratch (order_no)',
		...own.map((r, i) => r.sql.replace(/INDEX\s+"?\w+"?\s+ON\s+"?hotline_orders"?/i, `INDEX scratch_ix${i} ON scratch`))
	];
}
export const orderIndexCount = (sqlite: Database.Database) => orderIndexes(sqlite).length;

/** The same columns the import writes, values prepared before timing (like the generated files). */
export function orderParams(count: number, now: number): unknown[][] {
	const communities = new Map<string, number>();
	const params: unknown[][] = [];
	for (const r of orderRows(count, now, 'RAW')) {
		const receivedAt = Date.parse(`${r[10].replace(' ', 'T')}+08:00`);
		const fingerprint = JSON.stringify({
			orderNo: r[0],
			channel: r[1],
			type: r[2],
			urgency: r[3],
			name: r[4],
			phone: r[5],
			address: r[6],
			lng: r[7],
			lat: r[8],
			content: r[9],
			receivedAt
		});
		if (!communities.has(r[12])) communities.set(r[12], communities.size + 1);
		params.push([
			r[0],
			r[1],
			r[2],
			r[3],
			r[4] || null,
			r[5] || null,
			r[5] ? 1 : 0,
			r[6],
			r[7] ? Number(r[7]) : null,
			r[8] ? Number(r[8]) : null,
			r[9],
			receivedAt,
			r[11] || null,
			r[12] ? communities.get(r[12]) : null,
			'received',
			5,
			'wd',
			receivedAt + 7 * DAY,
			receivedAt + 7 * DAY,
			receivedAt + 5 * DAY,
			fingerprint,
			'file',
			null,
			now,
			now
		]);
	}
	return params;
}

/**
 * Inserts prepared rows into `scratch` (CREATE TABLE … AS SELECT * FROM hotline_orders WHERE 0), with
 * or without hotline_orders' indexes (unique 工单号 and the others the migrations create); returns elapsed ms.
 */
export function rawOrderInsert(sqlite: Database.Database, params: unknown[][], indexed: boolean): number {
	sqlite.exec('DROP TABLE IF EXISTS scratch; CREATE TABLE scratch AS SELECT * FROM hotline_orders WHERE 0');
	if (indexed) for (const ix of orderIndexes(sqlite)) sqlite.exec(ix);
	const insert = sqlite.prepare(
		`INSERT INTO scratch (${ORDER_COLS.join(', ')}) VALUES (${ORDER_COLS.map(() => '?').join(', ')})`
	);
	const t0 = performance.now();
	sqlite.transaction(() => {
		for (const p of params) insert.run(p);
	})();
	const ms = performance.now() - t0;
	sqlite.exec('DROP TABLE scratch');
	return ms;
}
