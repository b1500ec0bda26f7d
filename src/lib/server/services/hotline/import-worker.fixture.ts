// Run by import-worker.test.ts with `node --import tsx`: a bulk write that leaves its pages in SQLite's
// WAL (as the import's own connection does), then checkpointLater on an import worker; writes the
// database file's size before and after to argv[2], and what warmImportWorker kept.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { canFork, checkpointLater, giveBack, isReady, takeWorker, warmImportWorker } from './import-worker';

const file = `${process.argv[2]}.db`;
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('wal_autocheckpoint = 0');
db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
db.transaction(() => {
	for (let i = 0; i < 5000; i++) insert.run(`row ${i} `.repeat(40));
})();
const before = fs.statSync(file).size;
await checkpointLater(file);
const after = fs.statSync(file).size;
const rows = (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
db.close();
// warmImportWorker: with none kept, one is started and kept for the next job; a second call starts no other.
const used = takeWorker();
giveBack(used, false);
warmImportWorker();
const warmed = takeWorker();
giveBack(warmed, true);
warmImportWorker();
const again = takeWorker();
while (!isReady(again)) await new Promise((r) => setTimeout(r, 10));
giveBack(again, false);
const warm = { fresh: warmed !== used, same: again === warmed };
fs.writeFileSync(process.argv[2], JSON.stringify({ forked: canFork, before, after, rows, warm }));
