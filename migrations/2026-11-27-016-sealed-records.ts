import { sql, type Kysely } from 'kysely';
import { chainOf, GENESIS, rowHash, SEALED_TABLES, SEALED_TABLE_NAMES, type SealedTable } from '../src/lib/server/records/chain-spec';

// Append-only means append-only (issue 14). The triggers of 001–014 refused UPDATE and DELETE, but
// INSERT OR REPLACE deletes the old row without firing a DELETE trigger (SQLite skips them on
// REPLACE unless recursive_triggers is on, a per-connection pragma nobody else sets), and
// attachments and hotline_attachments had no trigger at all. Here every sealed table refuses, in
// the schema itself and so from any connection: UPDATE, DELETE, and an INSERT whose key is taken
// (a BEFORE INSERT trigger aborts before REPLACE's conflict resolution or an upsert's UPDATE run).
// Evidence rows no longer change at all: the one update the app made (an alert's frames taking
// the enforcement case's id) is read through alerts.enforcement_id instead, hence its index.
// Each sealed row gets its place in a chain and a hash chained to the row before (see chain-spec);
// existing rows are chained here, in insertion order. An insert must carry the next place and a
// hash, so no writer can add an unchained row, and two writers can never fork a chain.

const PAGE = 2000;

const keyOf = (t: SealedTable): string | null => SEALED_TABLES[t].chainKey;
const message = (t: string, what: string) => (t === 'evidence_files' ? (what === 'delete' ? 'evidence files are never deleted' : 'evidence files are fixed once recorded') : `${t} is append-only`);
const OLD_TRIGGERS = ['case_events_no_update', 'case_events_no_delete', 'hotline_events_no_update', 'hotline_events_no_delete', 'enforcement_events_no_update', 'enforcement_events_no_delete', 'audit_log_no_update', 'audit_log_no_delete', 'evidence_files_fixed', 'evidence_files_no_delete'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function chainExisting(db: Kysely<any>, t: SealedTable): Promise<void> {
	const seqs = new Map<string, number>();
	const heads = new Map<string, string>();
	for (let after = Number.MIN_SAFE_INTEGER; ; ) {
		const rows = (await sql<Record<string, unknown> & { _rowid: number }>`SELECT rowid AS _rowid, * FROM ${sql.table(t)} WHERE rowid > ${after} ORDER BY rowid LIMIT ${PAGE}`.execute(db)).rows;
		if (!rows.length) return;
		for (const row of rows) {
			const chain = chainOf(t, row);
			const seq = seqs.get(chain) ?? 0;
			const hash = rowHash(t, { ...row, chain_seq: seq }, heads.get(chain) ?? GENESIS);
			seqs.set(chain, seq + 1);
			heads.set(chain, hash);
			await sql`UPDATE ${sql.table(t)} SET chain_seq = ${seq}, hash = ${hash} WHERE rowid = ${row._rowid}`.execute(db);
		}
		after = rows[rows.length - 1]._rowid;
	}
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function seal(db: Kysely<any>, t: SealedTable): Promise<void> {
	const key = keyOf(t);
	const sameChain = key === null ? '' : `WHERE ${key} = NEW.${key}`;
	await sql.raw(`CREATE UNIQUE INDEX ${t}_chain ON ${t} (${key === null ? '' : `${key}, `}chain_seq)`).execute(db);
	await sql.raw(`CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t} BEGIN SELECT RAISE(ABORT, '${message(t, 'update')}'); END`).execute(db);
	await sql.raw(`CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t} BEGIN SELECT RAISE(ABORT, '${message(t, 'delete')}'); END`).execute(db);
	await sql
		.raw(
			`CREATE TRIGGER ${t}_sealed_insert BEFORE INSERT ON ${t} BEGIN
			SELECT RAISE(ABORT, '${t} is append-only: a row with this id exists') WHERE EXISTS (SELECT 1 FROM ${t} WHERE id = NEW.id);
			SELECT RAISE(ABORT, '${t} rows are chained: chain_seq must follow the last row of its chain and hash be set')
			WHERE NEW.hash IS NULL OR length(NEW.hash) <> 64 OR NEW.chain_seq IS NOT (SELECT coalesce(max(chain_seq), -1) + 1 FROM ${t} ${sameChain});
			END`
		)
		.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.transaction().execute(async (trx) => {
		for (const name of OLD_TRIGGERS) await sql.raw(`DROP TRIGGER IF EXISTS ${name}`).execute(trx);
		for (const t of SEALED_TABLE_NAMES) {
			await trx.schema.alterTable(t).addColumn('chain_seq', 'integer').execute();
			await trx.schema.alterTable(t).addColumn('hash', 'text').execute();
			await chainExisting(trx, t);
			await seal(trx, t);
		}
		await sql`CREATE TRIGGER field_submissions_no_replace BEFORE INSERT ON field_submissions WHEN EXISTS (SELECT 1 FROM field_submissions WHERE key = NEW.key) BEGIN SELECT RAISE(ABORT, 'field_submissions is append-only: this key exists'); END`.execute(trx);
		await trx.schema.createIndex('alerts_enforcement').on('alerts').column('enforcement_id').execute();
	});
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await trx.schema.dropIndex('alerts_enforcement').execute();
		await sql`DROP TRIGGER field_submissions_no_replace`.execute(trx);
		for (const t of SEALED_TABLE_NAMES) {
			for (const what of ['no_update', 'no_delete', 'sealed_insert']) await sql.raw(`DROP TRIGGER ${t}_${what}`).execute(trx);
			await trx.schema.dropIndex(`${t}_chain`).execute();
			await trx.schema.alterTable(t).dropColumn('hash').execute();
			await trx.schema.alterTable(t).dropColumn('chain_seq').execute();
		}
		// The triggers as 001, 002, 003 and 007 made them (attachments had none).
		for (const t of ['case_events', 'hotline_events', 'enforcement_events', 'audit_log']) {
			await sql.raw(`CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only'); END`).execute(trx);
			await sql.raw(`CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t} BEGIN SELECT RAISE(ABORT, '${t} is append-only'); END`).execute(trx);
		}
		await sql`CREATE TRIGGER evidence_files_fixed BEFORE UPDATE OF path, sha256, bytes, captured_at, alert_id ON evidence_files BEGIN SELECT RAISE(ABORT, 'evidence files are fixed once recorded'); END`.execute(trx);
		await sql`CREATE TRIGGER evidence_files_no_delete BEFORE DELETE ON evidence_files BEGIN SELECT RAISE(ABORT, 'evidence files are never deleted'); END`.execute(trx);
	});
}
