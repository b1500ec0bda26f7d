// Whole-database operations a backup and a restore need (SQLite's own statements, not queries of
// the app's tables): a consistent snapshot into a new file, and the checks of a restored file.
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from './create-database';

/** Copies the live database into `target` (VACUUM INTO: consistent while the app writes); returns the snapshot's newest migration. */
export function snapshotDatabase(source: string, target: string): string {
	const from = new Database(source, { fileMustExist: true });
	try {
		from.pragma('busy_timeout = 10000');
		from.prepare('VACUUM INTO ?').run(target);
		const snapshot = new Database(target, { readonly: true });
		try {
			return (
				(
					snapshot.prepare('SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1').get() as
						{ name: string } | undefined
				)?.name ?? 'none'
			);
		} finally {
			snapshot.close();
		}
	} finally {
		from.close();
	}
}

/** SQLite's integrity check (['ok'] when sound) and the rows whose foreign key points at nothing. */
export async function checkDatabase(
	db: Db
): Promise<{ integrity: string[]; orphans: { table: string; rowid: number; parent: string }[] }> {
	const integrity = (await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db)).rows.map(
		(r) => r.integrity_check
	);
	const orphans = (await sql<{ table: string; rowid: number; parent: string }>`PRAGMA foreign_key_check`.execute(db))
		.rows;
	return { integrity, orphans };
}
