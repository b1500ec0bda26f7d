// There is no way to write a case, a 12345 order or an enforcement case (or their event logs) but
// the unit of work: this test reads every source file of the app, the scripts and the seeds and
// fails on any write to those tables outside their repository module, and on any call of those
// modules' write functions outside unit-of-work.ts. Tests and their fixtures are left out: they
// build odd states on purpose, and never run in the app.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../../..');
const REPO = 'src/lib/server/repositories';
const UNIT_OF_WORK = 'src/lib/server/services/unit-of-work.ts';
/** The sealed tables' one inserter: it takes the table as an argument, so its callers are what is checked. */
const SEALED = `${REPO}/sealed.ts`;

/** Which repository module may hold the SQL writing each table. */
const WRITER_OF: Record<string, string> = {
	cases: `${REPO}/cases.ts`,
	case_events: `${REPO}/case-events.ts`,
	hotline_orders: `${REPO}/hotline-order-writes.ts`,
	hotline_events: `${REPO}/hotline-order-writes.ts`,
	enforcement_cases: `${REPO}/enforcement.ts`,
	enforcement_events: `${REPO}/enforcement.ts`
};
/** The write functions of those modules: called by the unit of work only. */
const WRITE_FUNCTIONS: Record<string, string[]> = {
	[`${REPO}/cases.ts`]: ['insertCase', 'updateCaseIfVersion'],
	[`${REPO}/case-events.ts`]: ['appendEvent'],
	[`${REPO}/hotline-order-writes.ts`]: [
		'insertOrders',
		'insertOrdersWithStatements',
		'updateOrderIfVersion',
		'appendOrderEvent'
	],
	[`${REPO}/enforcement.ts`]: ['insertEnforcementCase', 'updateEnforcementIfVersion', 'appendEnforcementEvent']
};

const TABLES = Object.keys(WRITER_OF).join('|');
/** Kysely: insertInto('cases'), updateTable("hotline_orders as o"), deleteFrom(`case_events`), … */
const KYSELY_WRITE = new RegExp(
	String.raw`\b(?:insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(\s*['"\x60](${TABLES})\b`,
	'g'
);
/** A Kysely write whose table is not written out: it could be any table, so it is not allowed either. */
const DYNAMIC_WRITE = /\b(?:insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(\s*(?!['"`)])/g;
/** Through the sealed tables' inserter: insertSealed(trx, 'case_events', rows), insertSealedRow(db, table, row), … */
const SEALED_WRITE = new RegExp(
	String.raw`\binsertSealed(?:Row)?\(\s*[^,()]+,\s*(?:['"\x60](${TABLES})\b|(?![\s'"\x60]))`,
	'g'
);
/** SQL text (prepared statements, sql`` templates): INSERT [OR …] INTO, REPLACE INTO, UPDATE, DELETE FROM. */
const RAW_WRITE = new RegExp(
	String.raw`\b(?:INSERT\s+(?:OR\s+[A-Z]+\s+)?INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+[A-Z]+)?|DELETE\s+FROM)\s+["\x60]?(${TABLES})\b`,
	'g'
);
const CALL = new RegExp(String.raw`\b(${Object.values(WRITE_FUNCTIONS).flat().join('|')})\b`, 'g');
const DEFINED_IN = new Map(Object.entries(WRITE_FUNCTIONS).flatMap(([file, names]) => names.map((n) => [n, file])));

const isTestOnly = (path: string) => /\.test\.ts$|(^|[/.-])fixtures?\.ts$|\/test-db\.ts$/.test(path);

function sourceFiles(dir: string, out: string[] = []): string[] {
	for (const name of readdirSync(dir)) {
		const full = join(dir, name);
		if (statSync(full).isDirectory()) {
			if (name !== 'node_modules' && name !== 'paraglide') sourceFiles(full, out);
		} else if (/\.(ts|js|svelte)$/.test(name)) out.push(full);
	}
	return out;
}

/** The lines of one file that write the guarded tables, or call their write functions, where they may not. */
function violations(path: string, text: string): string[] {
	const found: string[] = [];
	const lineOf = (index: number) => text.slice(0, index).split('\n').length;
	for (const m of text.matchAll(KYSELY_WRITE))
		if (WRITER_OF[m[1]] !== path) found.push(`${path}:${lineOf(m.index)} writes ${m[1]}`);
	for (const m of text.matchAll(RAW_WRITE))
		if (WRITER_OF[m[1]] !== path) found.push(`${path}:${lineOf(m.index)} writes ${m[1]} in SQL text`);
	for (const m of text.matchAll(SEALED_WRITE)) {
		if (m[1] === undefined) found.push(`${path}:${lineOf(m.index)} writes a table named at run time`);
		else if (WRITER_OF[m[1]] !== path) found.push(`${path}:${lineOf(m.index)} writes ${m[1]}`);
	}
	if (path !== SEALED)
		for (const m of text.matchAll(DYNAMIC_WRITE))
			found.push(`${path}:${lineOf(m.index)} writes a table named at run time`);
	for (const m of text.matchAll(CALL)) {
		if (path !== UNIT_OF_WORK && DEFINED_IN.get(m[1]) !== path)
			found.push(`${path}:${lineOf(m.index)} calls ${m[1]} outside the unit of work`);
	}
	return found;
}

describe('the unit of work is the only way to write cases, orders and enforcement cases', () => {
	it('finds no other write in src, scripts or seeds', () => {
		const files = ['src', 'scripts', 'seeds']
			.flatMap((d) => sourceFiles(join(ROOT, d)))
			.map((f) => relative(ROOT, f).replaceAll('\\', '/'));
		expect(files.length).toBeGreaterThan(300);
		const found = files
			.filter((f) => !isTestOnly(f))
			.flatMap((f) => violations(f, readFileSync(join(ROOT, f), 'utf8')));
		expect(found).toEqual([]);
	});

	it('catches each way of writing around it', () => {
		const svc = 'src/lib/server/services/some-service.ts';
		expect(violations(svc, "await trx.updateTable('cases').set({ status: 'closed' })")).toEqual([
			`${svc}:1 writes cases`
		]);
		expect(violations(svc, 'db.insertInto("hotline_orders as o")')).toHaveLength(1);
		expect(violations(svc, 'x\ndb.deleteFrom(`enforcement_cases`)')).toEqual([`${svc}:2 writes enforcement_cases`]);
		expect(violations(svc, "trx.insertInto('case_events').values(row)")).toHaveLength(1);
		expect(violations(svc, 'sqlite.prepare(`INSERT OR IGNORE INTO hotline_orders (a) VALUES (?)`)')).toHaveLength(1);
		expect(violations(svc, 'sql`UPDATE cases SET status = ${s}`')).toHaveLength(1);
		expect(violations(svc, 'db.updateTable(table).set(x)')).toEqual([`${svc}:1 writes a table named at run time`]);
		expect(violations(svc, "await insertSealedRow(trx, 'hotline_events', row)")).toEqual([
			`${svc}:1 writes hotline_events`
		]);
		expect(violations(svc, 'insertSealed(db, `case_events`, rows)')).toHaveLength(1);
		expect(violations(svc, 'insertSealed(db, table, rows)')).toEqual([`${svc}:1 writes a table named at run time`]);
		expect(violations(svc, 'await updateCaseIfVersion(trx, id, 3, {})')).toEqual([
			`${svc}:1 calls updateCaseIfVersion outside the unit of work`
		]);
		expect(violations(svc, "import { appendEvent } from '../repositories/case-events';")).toHaveLength(1);
	});

	it('lets the repositories and the unit of work do their part, and reads are free', () => {
		expect(
			violations(`${REPO}/cases.ts`, "db.insertInto('cases').values(c)\nexport async function updateCaseIfVersion() {}")
		).toEqual([]);
		expect(violations(`${REPO}/hotline-order-writes.ts`, 'INSERT INTO hotline_events (a) VALUES (?)')).toEqual([]);
		expect(violations(UNIT_OF_WORK, 'await insertCase(this.trx, row); await appendOrderEvent(trx, 1, e)')).toEqual([]);
		expect(
			violations(
				'src/lib/server/services/x.ts',
				"db.selectFrom('cases').where('status', '=', 'update')\n// update cases here"
			)
		).toEqual([]);
		expect(violations(`${REPO}/case-events.ts`, "insertSealedRow(db, 'case_events', { case_id: 1 })")).toEqual([]);
		expect(violations(`${REPO}/audit.ts`, "insertSealed(db, 'audit_log', [row])")).toEqual([]);
		expect(violations(SEALED, 'await trx.insertInto(table).values(rows).execute()')).toEqual([]);
		// A table only named like a guarded one is not guarded.
		expect(violations('src/lib/server/services/x.ts', "db.insertInto('cases_archive')")).toEqual([]);
	});
});
