// Checks the sealed records (issue 14): walks the hash chain of every event log, the audit log and
// the photo and evidence rows, and re-hashes every stored photo and evidence file. Names the first
// rows and files that do not match and exits 1; reads only.
//   npm run verify
//   npm run verify -- --against DIR   also: every chain still holds the last row it had in the backup
//                                     in DIR (made by npm run backup), unchanged
// Settings: DATABASE_PATH, PHOTO_DIR, EVIDENCE_DIR (as the server's).
import { databaseTarget, evidenceDir, photoDir } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db/create-database';
import { assertReachable } from '../src/lib/server/db/postgres';
import { verifyRecords, type BackupChains } from '../src/lib/server/services/records/verify';
import { backupHeads } from '../src/lib/server/services/records/verify-against';

const args = process.argv.slice(2);
if (!(args.length === 0 || (args.length === 2 && args[0] === '--against'))) {
	console.error('usage: npm run verify [-- --against BACKUP_DIR]');
	process.exit(2);
}
let backup: BackupChains | undefined;
if (args[1]) {
	try {
		backup = await backupHeads(args[1]);
	} catch (e) {
		console.error('verify refused:', e instanceof Error ? e.message : e);
		process.exit(2);
	}
}

const db = openDatabase(databaseTarget());
try {
	// A PostgreSQL that cannot be reached is said in one line naming the server, as at start.
	await assertReachable(db);
	const roots = { photoDir: photoDir(), evidenceDir: evidenceDir() };
	const ok = await verifyRecords(db, roots, (line) => console.log(line), backup);
	if (!ok) process.exitCode = 1;
} catch (e) {
	console.error('verify failed:', e instanceof Error ? e.message : e);
	process.exitCode = 1;
} finally {
	await db.destroy();
}
