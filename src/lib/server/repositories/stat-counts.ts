// The maintained statistics counts (migration 006). A count key is the tuple
// [month, area, community, category, department, item, detail, verdict], joined by tabs (no part
// holds one: months, ids, codes and fixed words).
// stat_counts_area holds the same counts without 居民区 and department, for the 片区-level sums.
import type Database from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from '../db/create-database';
import { isPostgres } from '../db/postgres';
import { unnestRows } from './pg-unnest';

export const COUNT_COLUMNS = [
	'month',
	'area',
	'community',
	'category',
	'department',
	'item',
	'detail',
	'verdict'
] as const;
const AREA_COLUMNS = ['month', 'area', 'category', 'item', 'detail', 'verdict'] as const;
export type CountKey = [string, string, string, string, string, string, string, string];
export type CountGroup = 'month' | 'area' | 'community' | 'category' | 'department';

export const encodeKey = (parts: readonly string[]) => parts.join('\t');
export const decodeKey = (key: string) => key.split('\t') as CountKey;

const toRow = (key: string, n: number) => {
	const [month, area, community, category, department, item, detail, verdict] = decodeKey(key);
	return { month, area, community, category, department, item, detail, verdict, n };
};
// Category is kept only where the 片区 sums read it (the by-category volume of reported cases): the
// roll-up stays a few hundred rows a month. Grouping by category reads the fine table.
const toAreaRow = ({ month, area, category, item, detail, verdict, n }: ReturnType<typeof toRow>) => ({
	month,
	area,
	category: item === 'reported' ? category : '',
	item,
	detail,
	verdict,
	n
});

/** The fine counts rolled up to the 片区 table's key. */
function rollUp(rows: ReturnType<typeof toRow>[]) {
	const out = new Map<string, ReturnType<typeof toAreaRow>>();
	for (const r of rows) {
		const a = toAreaRow(r);
		const k = encodeKey(AREA_COLUMNS.map((c) => a[c]));
		const had = out.get(k);
		if (had) had.n += a.n;
		else out.set(k, a);
	}
	// In key order: see applyCountChanges.
	return [...out]
		.filter(([, r]) => r.n !== 0)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([, r]) => r);
}

/** Count rows per upsert statement: 9 values each, well under SQLite's 32,766 variables. */
const UPSERT_ROWS = 500;

/**
 * Adds each non-zero change to its counts in both tables (a count may fall to zero and stay: it adds
 * nothing). Each is one `n = n + change` upsert, never a read then a write, so concurrent writers on
 * PostgreSQL add up instead of overwriting each other; in key order, so two of them touching the
 * same counts queue for them rather than deadlock.
 */
export async function applyCountChanges(db: Db, changes: Map<string, number>): Promise<void> {
	const rows = [...changes]
		.filter(([, d]) => d !== 0)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([k, d]) => toRow(k, d));
	// Many rows per statement (a bulk import adds thousands of counts; one round trip each was most of
	// its time on PostgreSQL). Each key appears once, and rows are taken in key order.
	if (isPostgres(db) && (await applyAsSets(db, rows))) return;
	for (let i = 0; i < rows.length; i += UPSERT_ROWS)
		await db
			.insertInto('stat_counts')
			.values(rows.slice(i, i + UPSERT_ROWS))
			.onConflict((oc) =>
				oc.columns([...COUNT_COLUMNS]).doUpdateSet((eb) => ({ n: eb('stat_counts.n', '+', eb.ref('excluded.n')) }))
			)
			.execute();
	const area = rollUp(rows);
	for (let i = 0; i < area.length; i += UPSERT_ROWS)
		await db
			.insertInto('stat_counts_area')
			.values(area.slice(i, i + UPSERT_ROWS))
			.onConflict((oc) =>
				oc.columns([...AREA_COLUMNS]).doUpdateSet((eb) => ({ n: eb('stat_counts_area.n', '+', eb.ref('excluded.n')) }))
			)
			.execute();
}

/**
 * PostgreSQL: all of them in one statement per table, one array per column (pg-unnest.ts), in key
 * order still. False when there is nothing to send that way (no rows): the caller's VALUES do it.
 */
async function applyAsSets(db: Db, rows: ReturnType<typeof toRow>[]): Promise<boolean> {
	const fine = await unnestRows(db, 'stat_counts', rows);
	if (!fine) return false;
	await db
		.insertInto('stat_counts')
		.columns(fine.columns as (keyof (typeof rows)[number])[])
		.expression(fine.select)
		.onConflict((oc) =>
			oc.columns([...COUNT_COLUMNS]).doUpdateSet((eb) => ({ n: eb('stat_counts.n', '+', eb.ref('excluded.n')) }))
		)
		.execute();
	const area = await unnestRows(db, 'stat_counts_area', rollUp(rows));
	if (area)
		await db
			.insertInto('stat_counts_area')
			.columns(area.columns as (keyof ReturnType<typeof toAreaRow>)[])
			.expression(area.select)
			.onConflict((oc) =>
				oc.columns([...AREA_COLUMNS]).doUpdateSet((eb) => ({ n: eb('stat_counts_area.n', '+', eb.ref('excluded.n')) }))
			)
			.execute();
	return true;
}

/**
 * applyCountChanges on SQLite's own handle, inside the caller's transaction on it: for the many
 * thousand counts one bulk import adds, where a Kysely statement per count held the database a second.
 */
export async function applyCountChangesWithStatements(
	sqlite: Database.Database,
	changes: Map<string, number>,
	/** Called between slices of rows: a 100,000-order import changes some 25,000 counts. */
	pause: () => Promise<unknown> = () => Promise.resolve()
): Promise<void> {
	const rows = [...changes].filter(([, d]) => d !== 0).map(([k, d]) => toRow(k, d));
	const upsert = (table: string, columns: readonly string[]) =>
		sqlite.prepare(
			`INSERT INTO ${table} (${columns.join(', ')}, n) VALUES (${columns.map(() => '?').join(', ')}, ?) ON CONFLICT (${columns.join(', ')}) DO UPDATE SET n = ${table}.n + excluded.n`
		);
	let done = 0;
	const fine = upsert('stat_counts', COUNT_COLUMNS);
	for (const r of rows) {
		fine.run(...COUNT_COLUMNS.map((c) => r[c]), r.n);
		if (++done % COUNTS_SLICE === 0) await pause();
	}
	const area = upsert('stat_counts_area', AREA_COLUMNS);
	for (const r of rollUp(rows)) {
		area.run(...AREA_COLUMNS.map((c) => r[c]), r.n);
		if (++done % COUNTS_SLICE === 0) await pause();
	}
}

/** Counts written between two pauses (a few milliseconds). */
const COUNTS_SLICE = 2000;

/** Every non-zero count of both tables, keyed as above (the 片区 table's rows with '' for the two missing columns), for verification. */
export async function readAllCounts(db: Db): Promise<{ fine: Map<string, number>; area: Map<string, number> }> {
	const fine = await db.selectFrom('stat_counts').selectAll().where('n', '!=', 0).execute();
	const area = await db.selectFrom('stat_counts_area').selectAll().where('n', '!=', 0).execute();
	return {
		fine: new Map(fine.map((r) => [encodeKey(COUNT_COLUMNS.map((c) => r[c])), r.n])),
		area: new Map(area.map((r) => [encodeKey(AREA_COLUMNS.map((c) => r[c])), r.n]))
	};
}

/** The 片区 table's counts that a set of fine counts rolls up to, keyed like readAllCounts' `area`. */
export function rolledUp(counts: Map<string, number>): Map<string, number> {
	return new Map(
		rollUp([...counts].map(([k, n]) => toRow(k, n))).map((r) => [encodeKey(AREA_COLUMNS.map((c) => r[c])), r.n])
	);
}

/**
 * For a rebuild on PostgreSQL: the count tables locked against writes (reads go on) until the
 * transaction ends, so the counts the rebuild reads and replaces do not move under it. A writer
 * meanwhile waits at its count change, and adds it to the rebuilt counts afterwards. SQLite: the
 * rebuild's transaction already holds the only write lock.
 */
export async function holdCountsForRebuild(trx: Db): Promise<void> {
	if (!isPostgres(trx)) return;
	await sql`lock table stat_counts, stat_counts_area in exclusive mode`.execute(trx);
}

/** Replaces all counts in both tables; call inside the caller's transaction. */
export async function replaceAllCounts(trx: Db, counts: Map<string, number>): Promise<void> {
	await trx.deleteFrom('stat_counts').execute();
	await trx.deleteFrom('stat_counts_area').execute();
	const rows = [...counts].filter(([, n]) => n !== 0).map(([k, n]) => toRow(k, n));
	// At most 9 values a row: 100 rows stay under every dialect's limit on bound parameters.
	for (let i = 0; i < rows.length; i += 100)
		await trx
			.insertInto('stat_counts')
			.values(rows.slice(i, i + 100))
			.execute();
	const area = rollUp(rows);
	for (let i = 0; i < area.length; i += 100)
		await trx
			.insertInto('stat_counts_area')
			.values(area.slice(i, i + 100))
			.execute();
}
