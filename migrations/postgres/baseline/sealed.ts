import { sql, type Kysely } from 'kysely';

// Part of the PostgreSQL baseline (see ../2026-12-06-001-baseline.ts): the append-only rules, as
// the SQLite triggers state them, in PL/pgSQL. Every sealed table refuses UPDATE and DELETE row by
// row, TRUNCATE as a statement (SQLite has no TRUNCATE), and an INSERT whose id is taken or that
// does not carry the next place of its chain and a 64-character hash (so an upsert's ON CONFLICT
// never reaches an UPDATE, like SQLite's REPLACE). The phone submission keys and the order ↔ case
// links are append-only without a chain. The messages are SQLite's, word for word.

/** Sealed tables and the column whose value names a row's chain (null: one chain per table). Frozen here. */
const SEALED: [table: string, chainKey: string | null][] = [
	['case_events', 'case_id'],
	['attachments', 'case_id'],
	['hotline_events', 'order_id'],
	['hotline_attachments', 'order_id'],
	['enforcement_events', 'enforcement_id'],
	['evidence_files', null],
	['audit_log', null],
	['enforcement_documents', 'enforcement_id']
];

const message = (t: string, what: 'update' | 'delete') =>
	t === 'evidence_files'
		? what === 'delete'
			? 'evidence files are never deleted'
			: 'evidence files are fixed once recorded'
		: `${t} is append-only`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function refuse(db: Kysely<any>, t: string, update: string, del: string): Promise<void> {
	const trigger = (name: string, when: string, level: string, text: string) =>
		sql
			.raw(`CREATE TRIGGER ${t}_${name} ${when} ON ${t} FOR EACH ${level} EXECUTE FUNCTION gridcase_refuse('${text}')`)
			.execute(db);
	await trigger('no_update', 'BEFORE UPDATE', 'ROW', update);
	await trigger('no_delete', 'BEFORE DELETE', 'ROW', del);
	await trigger('no_truncate', 'BEFORE TRUNCATE', 'STATEMENT', del);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function onInsert(db: Kysely<any>, t: string, name: string, body: string): Promise<void> {
	await sql
		.raw(`CREATE FUNCTION ${t}_${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN ${body} RETURN NEW; END $fn$`)
		.execute(db);
	await sql
		.raw(`CREATE TRIGGER ${t}_${name} BEFORE INSERT ON ${t} FOR EACH ROW EXECUTE FUNCTION ${t}_${name}()`)
		.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function create(db: Kysely<any>): Promise<void> {
	await sql`CREATE FUNCTION gridcase_refuse() RETURNS trigger LANGUAGE plpgsql AS $fn$
		BEGIN RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation'; END $fn$`.execute(db);
	for (const [t, key] of SEALED) {
		await refuse(db, t, message(t, 'update'), message(t, 'delete'));
		const sameChain = key === null ? '' : `WHERE ${key} = NEW.${key}`;
		await onInsert(
			db,
			t,
			'sealed_insert',
			`IF EXISTS (SELECT 1 FROM ${t} WHERE id = NEW.id) THEN
				RAISE EXCEPTION '${t} is append-only: a row with this id exists' USING ERRCODE = 'restrict_violation';
			END IF;
			IF NEW.hash IS NULL OR length(NEW.hash) <> 64
				OR NEW.chain_seq IS DISTINCT FROM (SELECT coalesce(max(chain_seq), -1) + 1 FROM ${t} ${sameChain}) THEN
				RAISE EXCEPTION '${t} rows are chained: chain_seq must follow the last row of its chain and hash be set' USING ERRCODE = 'restrict_violation';
			END IF;`
		);
	}
	for (const t of ['field_submissions', 'order_case_links'])
		await refuse(db, t, `${t} is append-only`, `${t} is append-only`);
	await onInsert(
		db,
		'field_submissions',
		'no_replace',
		`IF EXISTS (SELECT 1 FROM field_submissions WHERE key = NEW.key) THEN
			RAISE EXCEPTION 'field_submissions is append-only: this key exists' USING ERRCODE = 'restrict_violation';
		END IF;`
	);
	await onInsert(
		db,
		'order_case_links',
		'no_replace',
		`IF EXISTS (SELECT 1 FROM order_case_links WHERE order_id = NEW.order_id OR id = NEW.id) THEN
			RAISE EXCEPTION 'order_case_links is append-only: this order is linked' USING ERRCODE = 'restrict_violation';
		END IF;`
	);
}

/** The functions create() made, for the baseline's down (the tables' triggers go with the tables). */
export const FUNCTIONS = [
	'gridcase_refuse',
	...SEALED.map(([t]) => `${t}_sealed_insert`),
	'field_submissions_no_replace',
	'order_case_links_no_replace'
];
