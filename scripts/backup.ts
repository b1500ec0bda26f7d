// An online backup of the database with the photos, evidence and import files, while the server
// keeps working; writes DIR/manifest.json with every file's size and SHA-256.
//   npm run backup -- DIR          DIR must be new or empty (e.g. /backups/gridcase/$(date +%F))
// Settings: DATABASE_PATH, PHOTO_DIR, EVIDENCE_DIR, IMPORT_DIR (as the server's).
import { databasePath, evidenceDir, importDir, photoDir, usesPostgres } from '../src/lib/server/config';
import { takeBackup } from '../src/lib/server/services/records/backup';
import { storageAt, usesObjectStore } from '../src/lib/server/storage/storage';

// This copies and checks a SQLite file; a PostgreSQL database is saved and restored with its own tools.
if (usesPostgres()) {
	console.error(
		'npm run backup works on the SQLite file only; DATABASE_URL names PostgreSQL: use pg_dump (or pgBackRest) for the database'
	);
	process.exit(2);
}
const target = process.argv[2];
if (!target) {
	console.error('usage: npm run backup -- DIR   (a new or empty folder)');
	process.exit(2);
}
// Photos and evidence in an object store are not in the folders copied here: the store keeps them.
if (usesObjectStore())
	console.log(
		`photos and evidence are in ${storageAt(photoDir()).label} and ${storageAt(evidenceDir()).label}, not in this backup: keep them with the store's own versioning or replication`
	);
try {
	await takeBackup(
		{ database: databasePath(), photos: photoDir(), evidence: evidenceDir(), imports: importDir() },
		target,
		new Date(),
		(line) => console.log(line)
	);
} catch (e) {
	console.error('backup failed:', e instanceof Error ? e.message : e);
	process.exitCode = 1;
}
