import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as m016 from '../../../../../migrations/2026-11-27-016-sealed-records';
import { evidenceDir, photoDir } from '../../config';
import { createTestDb, type TestDb } from '../../test-db';
import { verifyChains } from './verify-chains';
import { verifyFiles } from './verify-files';
import { verifyRecords } from './verify';
import { reportTestCase, selfHandled } from '../reported-case.fixtures';
import { NOW, sealedRecordsDb, type SealedRecordsDb } from './sealed-records.fixtures';

let s: SealedRecordsDb;
let t: TestDb;
const raw: SealedRecordsDb['raw'] = (fn) => s.raw(fn);
const roots = () => ({ photoDir: photoDir(), evidenceDir: evidenceDir() });

beforeAll(async () => {
	s = await sealedRecordsDb();
	t = s.t;
});
afterAll(async () => {
	await t.cleanup();
});

describe('the chains and files check', () => {
	it('finds everything in order after real writes through every path', async () => {
		const chains = await verifyChains(t.db);
		expect(chains.problems).toEqual([]);
		expect(chains.rows).toBeGreaterThanOrEqual(12);
		const files = await verifyFiles(t.db, roots());
		expect(files.problems).toEqual([]);
		expect(files.files).toBe(7); // 2 × (before + after), 2 frames, 1 order photo
	});

	it('names an edited row, a removed row and a swapped file (after the triggers were dropped by hand)', async () => {
		const edited = await t.db
			.selectFrom('case_events')
			.select(['id', 'case_id', 'chain_seq'])
			.orderBy('id', 'desc')
			.limit(1)
			.executeTakeFirstOrThrow();
		const removed = await t.db.selectFrom('audit_log').select('id').orderBy('id').executeTakeFirstOrThrow();
		const second = await t.db
			.selectFrom('audit_log')
			.select('id')
			.orderBy('id')
			.limit(1)
			.offset(1)
			.executeTakeFirstOrThrow();
		const swapped = await t.db
			.selectFrom('attachments')
			.select(['id', 'path'])
			.orderBy('chain_seq')
			.orderBy('case_id')
			.executeTakeFirstOrThrow();
		raw((sqlite) => {
			sqlite.exec('DROP TRIGGER case_events_no_update; DROP TRIGGER audit_log_no_delete');
			sqlite.prepare("UPDATE case_events SET note = '已清理（改过）' WHERE id = ?").run(edited.id);
			sqlite.prepare('DELETE FROM audit_log WHERE id = ?').run(removed.id);
		});
		// Another photo in its place: a real JPEG, of another scene.
		fs.writeFileSync(
			path.join(photoDir(), swapped.path),
			await sharp({ create: { width: 64, height: 48, channels: 3, background: '#cc4444' } })
				.jpeg()
				.toBuffer()
		);

		const chains = await verifyChains(t.db);
		expect(chains.problems).toEqual([
			{
				table: 'case_events',
				chain: String(edited.case_id),
				id: edited.id,
				chainSeq: edited.chain_seq,
				kind: 'edited'
			},
			{ table: 'audit_log', chain: '', id: second.id, chainSeq: 1, kind: 'out_of_turn' }
		]);
		const files = await verifyFiles(t.db, roots());
		expect(files.problems).toEqual([{ table: 'attachments', id: swapped.id, path: swapped.path, kind: 'mismatch' }]);
		const lines: string[] = [];
		expect(await verifyRecords(t.db, roots(), (l) => lines.push(l))).toBe(false);
		expect(lines.join('\n')).toContain(
			`case_events row ${edited.id} (chain ${edited.case_id}, place ${edited.chain_seq}): its hash does not match`
		);
		expect(lines.join('\n')).toContain(`attachments ${swapped.id} (${swapped.path}): its SHA-256 differs`);
	});
});

describe('migration 016 on a database made before it', () => {
	it('chains the rows already there in the order they were written; down and up again leave every chain matching', async () => {
		const db = await createTestDb();
		try {
			await reportTestCase(db.db, NOW, await selfHandled());
			// eslint-disable-next-line @typescript-eslint/no-explicit-any
			const anyDb = db.db as any;
			await m016.down(anyDb);
			// Before 016 the app wrote plain rows; written here as it did.
			for (const i of [1, 2, 3])
				await anyDb
					.insertInto('audit_log')
					.values({ at: NOW + i, actor_id: null, action: 'old', target: `t:${i}`, detail: '{}' })
					.execute();
			await m016.up(anyDb);
			const events = await db.db.selectFrom('case_events').select('chain_seq').orderBy('id').execute();
			expect(events.length).toBeGreaterThan(0);
			expect(events.map((e) => e.chain_seq)).toEqual(events.map((_, i) => i));
			const rows = await db.db.selectFrom('audit_log').select(['id', 'chain_seq']).orderBy('id').execute();
			expect(rows.map((r) => r.chain_seq)).toEqual([0, 1, 2]);
			expect((await verifyChains(db.db)).problems).toEqual([]);
		} finally {
			await db.cleanup();
		}
	});
});
