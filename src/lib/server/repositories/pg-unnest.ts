// PostgreSQL only: many rows as one set, `unnest($1::text[], $2::bigint[], …)`, one array parameter per
// column however many rows. A multi-row VALUES needs a parameter per value (26 columns × 400 rows is
// 10,400 to bind, parse and plan per statement, and PostgreSQL stops at 65,535); this is one small
// statement, so a batch can be thousands of rows. The arrays are typed from the table's own columns,
// read from the catalogue once per table: a column added later needs nothing here.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/create-database';

const typesOf = new Map<string, Map<string, string>>();

/** Each column's type as PostgreSQL writes it ('bigint', 'double precision', 'text'). */
async function columnTypes(db: Db, table: string): Promise<Map<string, string>> {
	const known = typesOf.get(table);
	if (known) return known;
	const { rows } = await sql<{ name: string; type: string }>`
		SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
		WHERE attrelid = ${table}::regclass AND attnum > 0 AND NOT attisdropped`.execute(db);
	const types = new Map(rows.map((r) => [r.name, r.type]));
	typesOf.set(table, types);
	return types;
}

const QUOTE_OR_BACKSLASH = /["\\]/;

/**
 * One element of an array literal as PostgreSQL's array input reads it: NULL, a number, or a string in
 * double quotes with its quotes and backslashes escaped. Written here rather than by the driver, whose
 * generic conversion (two replaces for every string) costs twice as long for a few thousand rows.
 */
function element(v: unknown): string {
	if (v === null || v === undefined) return 'NULL';
	if (typeof v === 'string') return QUOTE_OR_BACKSLASH.test(v) ? `"${v.replace(/["\\]/g, '\\$&')}"` : `"${v}"`;
	if (typeof v === 'number' || typeof v === 'bigint') return String(v);
	if (typeof v === 'boolean') return v ? 't' : 'f';
	throw new Error(`an array element cannot be a ${typeof v}`);
}

/** The literal `{…}` of one column's values over the rows. */
function arrayLiteral(rows: readonly Record<string, unknown>[], column: string): string {
	let literal = '{';
	for (let i = 0; i < rows.length; i++) literal += (i ? ',' : '') + element(rows[i][column]);
	return literal + '}';
}

/** The columns rows give a value for (undefined: left to the column's default, as Kysely does). */
const givenColumns = (row: Record<string, unknown>) => Object.keys(row).filter((c) => row[c] !== undefined);

/**
 * `SELECT … FROM unnest(…)` over `rows`, with the columns in the same order, for an INSERT … SELECT.
 * Null when the rows do not all give the same columns (one set of columns cannot say "default" for
 * some rows only): the caller then inserts them as VALUES.
 */
export async function unnestRows(
	db: Db,
	table: string,
	rows: readonly Record<string, unknown>[]
): Promise<{ columns: string[]; select: RawBuilder<unknown> } | null> {
	if (!rows.length) return null;
	const first = rows[0];
	const columns = givenColumns(first);
	const sameColumns = (row: Record<string, unknown>) => {
		let n = 0;
		for (const c in row) {
			if (row[c] === undefined) continue;
			if (first[c] === undefined) return false;
			n++;
		}
		return n === columns.length;
	};
	if (!rows.every(sameColumns)) return null;
	const types = await columnTypes(db, table);
	const typeOf = (c: string) => {
		const type = types.get(c);
		if (!type) throw new Error(`${table} has no column ${c}`);
		return sql.raw(type);
	};
	// A column with one value in every row (the import, the instant, the event's action) goes once, as
	// a scalar; the others as arrays. The first column goes as an array whatever, so there is one.
	const varying = columns.filter((c, k) => k === 0 || rows.some((r) => r[c] !== first[c]));
	const arrays = varying.map((c) => sql`${arrayLiteral(rows, c)}::${typeOf(c)}[]`);
	const values = columns.map((c) =>
		varying.includes(c) ? sql.ref(`u.${c}`) : sql`${(first[c] ?? null) as unknown}::${typeOf(c)}`
	);
	return {
		columns,
		select: sql`SELECT ${sql.join(values)} FROM unnest(${sql.join(arrays)}) AS u(${sql.join(varying.map((c) => sql.id(c)))})`
	};
}
