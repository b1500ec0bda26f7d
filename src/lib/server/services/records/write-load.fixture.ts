// Test fixture (run by backup-restore.test.ts as its own process): writes chained audit entries
// and a setting as fast as it can into DATABASE file argv[2], until it is stopped; prints a count
// after each hundred and on SIGTERM.
import { createDatabase } from '../../db/create-database';
import { appendAudit } from '../../repositories/audit';
import { setSetting } from '../../repositories/settings';

const db = createDatabase(process.argv[2]);
let written = 0;
let stopping = false;
process.on('SIGTERM', () => (stopping = true));
while (!stopping) {
	await db.transaction().execute(async (trx) => {
		await appendAudit(trx, {
			at: Date.now(),
			actorId: null,
			action: 'load.write',
			target: `load:${written}`,
			detail: { n: written }
		});
		await setSetting(trx, 'load_written', String(written + 1));
	});
	written++;
	if (written % 100 === 0) console.log(`written ${written}`);
	await new Promise((r) => setImmediate(r));
}
console.log(`written ${written}`);
await db.destroy();
