import { sql, type Kysely } from 'kysely';

// An issued 告知书 or 决定书 is kept as it was served (issue 15): its content as canonical JSON, the
// document as one HTML file, and the SHA-256 of each, with the case file. A reprint shows this row,
// never a page composed again from today's shop record or settings. Sealed like the tables of 016,
// the same way: UPDATE, DELETE and a REPLACE are refused in the schema itself, and each row carries
// its place in its case's chain and a hash chained to the row before (records/chain-spec.ts), so
// rows are inserted through sealRows only and `npm run verify` walks them.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await trx.schema
			.createTable('enforcement_documents')
			.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
			.addColumn('enforcement_id', 'integer', (c) => c.notNull().references('enforcement_cases.id'))
			.addColumn('chain_seq', 'integer', (c) => c.notNull())
			.addColumn('event_id', 'integer', (c) => c.references('enforcement_events.id'))
			.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('notice', 'decision')`))
			.addColumn('document_no', 'text', (c) => c.notNull())
			.addColumn('issued_at', 'integer', (c) => c.notNull())
			.addColumn('issued_by', 'integer', (c) => c.notNull().references('users.id'))
			.addColumn('content', 'text', (c) => c.notNull())
			.addColumn('content_sha256', 'text', (c) => c.notNull())
			.addColumn('html', 'text', (c) => c.notNull())
			.addColumn('sha256', 'text', (c) => c.notNull())
			.addColumn('hash', 'text', (c) => c.notNull())
			.execute();
		// One of each per case: the workflow issues each once.
		await trx.schema.createIndex('enforcement_documents_kind').unique().on('enforcement_documents').columns(['enforcement_id', 'kind']).execute();
		await trx.schema.createIndex('enforcement_documents_chain').unique().on('enforcement_documents').columns(['enforcement_id', 'chain_seq']).execute();
		await sql`CREATE TRIGGER enforcement_documents_no_update BEFORE UPDATE ON enforcement_documents BEGIN SELECT RAISE(ABORT, 'enforcement_documents is append-only'); END`.execute(trx);
		await sql`CREATE TRIGGER enforcement_documents_no_delete BEFORE DELETE ON enforcement_documents BEGIN SELECT RAISE(ABORT, 'enforcement_documents is append-only'); END`.execute(trx);
		await sql`CREATE TRIGGER enforcement_documents_sealed_insert BEFORE INSERT ON enforcement_documents BEGIN
			SELECT RAISE(ABORT, 'enforcement_documents is append-only: a row with this id exists') WHERE EXISTS (SELECT 1 FROM enforcement_documents WHERE id = NEW.id);
			SELECT RAISE(ABORT, 'enforcement_documents rows are chained: chain_seq must follow the last row of its chain and hash be set')
			WHERE NEW.hash IS NULL OR length(NEW.hash) <> 64 OR NEW.chain_seq IS NOT (SELECT coalesce(max(chain_seq), -1) + 1 FROM enforcement_documents WHERE enforcement_id = NEW.enforcement_id);
			END`.execute(trx);
	});
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.transaction().execute(async (trx) => {
		for (const what of ['no_update', 'no_delete', 'sealed_insert']) await sql.raw(`DROP TRIGGER enforcement_documents_${what}`).execute(trx);
		await trx.schema.dropTable('enforcement_documents').execute();
	});
}
