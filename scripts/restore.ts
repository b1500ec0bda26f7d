// Restores a backup made by `npm run backup` into an EMPTY data folder and verifies it: manifest
// hashes, PRAGMA integrity_check and foreign_key_check, statistics counts, hash chains, and every
// photo and evidence file. Exit 0 only when all of it holds; a folder that holds data is refused.
//   DATABASE_PATH=/srv/gridcase-new/gridcase.db npm run restore -- DIR
// Settings: DATABASE_PATH, PHOTO_DIR, EVIDENCE_DIR, IMPORT_DIR: where to restore to.
import { databasePath, evidenceDir, importDir, photoDir, usesPostgres } from '../src/lib/server/config';
import { restoreBackup, RestoreRefused } from '../src/lib/server/services/records/restore';

// This copies and checks a SQLite file; a PostgreSQL database is saved and restored with its own tools.
if (usesPostgres()) {
	console.error(
		'npm run restore works on the SQLite file only; DATABASE_URL names PostgreSQL: use pg_restore (or pgBackRest) for the database'
	);
	process.exit(2);
}
const from = process.argv[2];
if (!from) {
	console.error('usage: npm run restore -- DIR   (a folder written by npm run backup)');
	process.exit(2);
}
try {
	const ok = await restoreBackup(
		from,
		{ database: databasePath(), photos: photoDir(), evidence: evidenceDir(), imports: importDir() },
		(line) => console.log(line)
	);
	console.log(ok ? 'restore verified: every check passed' : 'RESTORE DID NOT VERIFY: see the lines above');
	if (!ok) process.exitCode = 1;
} catch (e) {
	console.error(
		e instanceof RestoreRefused
			? `restore refused: ${e.message}`
			: `restore failed: ${e instanceof Error ? e.message : e}`
	);
	process.exitCode = 1;
}
