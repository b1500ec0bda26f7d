import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'an-'));
process.env.IMPORT_DIR = path.join(dir, 'imports');
const { openDatabase } = await import('../src/lib/server/db/create-database');
const { migrateToLatest } = await import('../src/lib/server/db/migrate');
const { loadReferenceData } = await import('../src/lib/server/repositories/reference-data');
const { insertImport } = await import('../src/lib/server/repositories/hotline-imports');
const { seedDemoUsers } = await import('../seeds/demo-users');
const { analyseImport } = await import('../src/lib/server/services/hotline/import-analyse');
const { writeOrdersCsv } = await import('./generate');
const now = Date.now();
const file = path.join(dir, 'orders.csv');
await writeOrdersCsv(file, 100_000, now);
const db = openDatabase(path.join(dir, 'a.db'));
await migrateToLatest(db); await loadReferenceData(db);
const users = await seedDemoUsers(db, now);
for (let r = 0; r < 4; r++) {
  const id = await insertImport(db, { file_name: 'orders.csv', file_kind: 'csv', file_sha256: 'b', status: 'analysing', mode: null, report: null, created_by: users.get('diaodu')!, created_at: now, finished_at: null });
  const t = performance.now();
  await analyseImport(db, { id, file_name: 'orders.csv', file_kind: 'csv' }, file, now);
  console.log('analyse', (performance.now() - t).toFixed(0));
}
await db.destroy();
fs.rmSync(dir, { recursive: true });
