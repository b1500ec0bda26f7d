import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceDir, photoDir } from '../../config';
import { appendAudit } from '../../repositories/audit';
import { createTestDb, type TestDb } from '../../test-db';
import { takeBackup } from './backup';
import { RestoreRefused } from './restore';
import { backupHeads } from './verify-against';
import { verifyChains, type ChainHeads } from './verify-chains';

const NOW = Date.parse('2026-09-29T10:00:00+08:00');
let t: TestDb;
let backupDir: string;
let heads: ChainHeads;
const audit = (action: string) => appendAudit(t.db, { at: NOW, actorId: null, action, target: 'x', detail: {} });
const auditRows = () => t.db.selectFrom('audit_log').select(['id', 'chain_seq']).orderBy('chain_seq').execute();
const problems = async (against?: ChainHeads) => (await verifyChains(t.db, ['audit_log'], against)).problems;

beforeAll(async () => {
	t = await createTestDb();
	for (const a of ['a.one', 'a.two', 'a.three']) await audit(a);
	backupDir = path.join(t.dir, 'backup');
	const data = {
		database: path.join(t.dir, 'gridcase.db'),
		photos: photoDir(),
		evidence: evidenceDir(),
		imports: path.join(t.dir, 'imports')
	};
	await takeBackup(data, backupDir, new Date(NOW));
	heads = (await backupHeads(backupDir)).heads;
});
afterAll(async () => {
	await t?.cleanup();
});

describe('the chains held against a backup (npm run verify -- --against DIR)', () => {
	it('rows written since the backup are fine; reading the backup leaves its file as the manifest says', async () => {
		await audit('b.four');
		await audit('b.five');
		expect(await problems(heads)).toEqual([]);
		expect((await backupHeads(backupDir)).heads).toEqual(heads); // its database still matches its manifest
	});

	it('a chain cut back to before the backup’s last row: all match on its own, named against the backup', async () => {
		const rows = await auditRows();
		const head = rows[2]; // the backup's last audit row, and the two written after it
		const sqlite = new Database(path.join(t.dir, 'gridcase.db'));
		try {
			sqlite.exec('DROP TRIGGER audit_log_no_delete');
			sqlite.prepare('DELETE FROM audit_log WHERE chain_seq >= ?').run(head.chain_seq);
		} finally {
			sqlite.close();
		}
		expect(await problems()).toEqual([]);
		expect(await problems(heads)).toEqual([
			{ table: 'audit_log', chain: '', id: head.id, chainSeq: head.chain_seq, kind: 'gone_since_backup' }
		]);
	});

	it('a chain rewritten from that place with hashes that chain (the row re-made): named against the backup', async () => {
		await audit('forged.three');
		const forged = (await auditRows())[2];
		expect(await problems()).toEqual([]);
		expect(await problems(heads)).toEqual([
			{ table: 'audit_log', chain: '', id: forged.id, chainSeq: forged.chain_seq, kind: 'differs_from_backup' }
		]);
	});

	it('a backup whose database no longer matches its manifest is refused, as is a folder with no manifest', async () => {
		const copy = path.join(t.dir, 'backup-changed');
		fs.cpSync(backupDir, copy, { recursive: true });
		fs.appendFileSync(path.join(copy, 'gridcase.db'), Buffer.alloc(4096));
		await expect(backupHeads(copy)).rejects.toThrow(/gridcase\.db: SHA-256 or size differs from the manifest/);
		await expect(backupHeads(path.join(t.dir, 'nowhere'))).rejects.toBeInstanceOf(RestoreRefused);
	});
});
