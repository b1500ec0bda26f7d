// Checks the sealed records (issue 14): walks the hash chain of every event log, the audit log and
// the photo and evidence rows, and re-hashes every stored photo and evidence file. Names the first
// rows and files that do not match and exits 1; reads only.
//   npm run verify
// Settings: DATABASE_PATH, PHOTO_DIR, EVIDENCE_DIR (as the server's).
import { databaseTarget, evidenceDir, photoDir } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db/create-database';
import { assertReachable } from '../src/lib/server/db/postgres';
import { verifyRecords } from '../src/lib/server/services/records/verify';

const db = openDatabase(databaseTarget());
try {
	// A PostgreSQL that cannot be reached is said in one line naming the server, as at start.
	await assertReachable(db);
	const ok = await verifyRecords(db, { photoDir: photoDir(), evidenceDir: evidenceDir() }, (line) => console.log(line));
	if (!ok) process.exitCode = 1;
} catch (e) {
	console.error('verify failed:', e instanceof Error ? e.message : e);
	process.exitCode = 1;
} finally {
	await db.destroy();
}
