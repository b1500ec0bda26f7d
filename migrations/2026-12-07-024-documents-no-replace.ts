import { sql, type Kysely } from 'kysely';

// An issued 告知书 or 决定书 could still be replaced (found by a person check of issue 14). Its table
// has a second unique index, one document of each kind per case: an INSERT OR REPLACE with a new id
// and the next place in the chain passed the insert trigger (it checked only the id and the place),
// and SQLite's REPLACE then deleted the served document to make room, firing no DELETE trigger.
// The trigger now also refuses a kind the case already has. PostgreSQL has no REPLACE (an upsert's
// DO UPDATE fires the UPDATE trigger), so its set needs no counterpart.

const CHAINED = `SELECT RAISE(ABORT, 'enforcement_documents rows are chained: chain_seq must follow the last row of its chain and hash be set')
			WHERE NEW.hash IS NULL OR length(NEW.hash) <> 64 OR NEW.chain_seq IS NOT (SELECT coalesce(max(chain_seq), -1) + 1 FROM enforcement_documents WHERE enforcement_id = NEW.enforcement_id);`;
const TAKEN_ID = `SELECT RAISE(ABORT, 'enforcement_documents is append-only: a row with this id exists') WHERE EXISTS (SELECT 1 FROM enforcement_documents WHERE id = NEW.id);`;
const TAKEN_KIND = `SELECT RAISE(ABORT, 'enforcement_documents is append-only: this case has a document of this kind') WHERE EXISTS (SELECT 1 FROM enforcement_documents WHERE enforcement_id = NEW.enforcement_id AND kind = NEW.kind);`;

const trigger = (...checks: string[]) =>
	sql.raw(`CREATE TRIGGER enforcement_documents_sealed_insert BEFORE INSERT ON enforcement_documents BEGIN
			${checks.join('\n\t\t\t')}
			END`);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await sql`DROP TRIGGER enforcement_documents_sealed_insert`.execute(trx);
		await trigger(TAKEN_ID, TAKEN_KIND, CHAINED).execute(trx);
	});
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await sql`DROP TRIGGER enforcement_documents_sealed_insert`.execute(trx);
		await trigger(TAKEN_ID, CHAINED).execute(trx);
	});
}
