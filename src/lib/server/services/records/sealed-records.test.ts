import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as m016 from '../../../../../migrations/2026-11-27-016-sealed-records';
import { evidenceDir, photoDir } from '../../config';
import { ALL_SEALED_TABLE_NAMES, SEALED_TABLES } from '../../records/chain-spec';
import { appendAudit } from '../../repositories/audit';
import { insertIssuedDocument } from '../../repositories/enforcement-documents';
import { sealRows } from '../../repositories/sealed';
import { orderRow } from '../stats/fixtures';
import { storePhoto } from '../../photos';
import { actorOf, createTestDb, jpeg, type TestDb } from '../../test-db';
import { verifyChains } from './verify-chains';
import { verifyFiles } from './verify-files';
import { verifyRecords } from './verify';
import { reportTestCase, selfHandled } from '../reported-case.fixtures';
import { enforcementFromAlert } from '../enforcement/fixtures';

const NOW = Date.parse('2026-09-29T10:00:00+08:00');
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
let t: TestDb;
let file: string;
const roots = () => ({ photoDir: photoDir(), evidenceDir: evidenceDir() });

/** A second connection as any other program would open the file: no pragmas of the app's. */
function raw<R>(fn: (sqlite: Database.Database) => R): R {
	const sqlite = new Database(file);
	try {
		return fn(sqlite);
	} finally {
		sqlite.close();
	}
}

beforeAll(async () => {
	t = await createTestDb();
	file = path.join(t.dir, 'gridcase.db');
	const wangge = await actorOf(t.db, 'wangge');
	const photo = await jpeg('before.jpg');
	for (const i of [1, 2])
		await reportTestCase(t.db, NOW + i, {
			description: '绿化带旁堆放生活垃圾',
			beforePhotos: [photo],
			...(await selfHandled(`已清理 ${i}`, 'after.jpg'))
		});
	const opened = await enforcementFromAlert(t.db, NOW);
	// An archived document (migration 020), as the issuing step writes it.
	const zhifa = await actorOf(t.db, 'zhifa');
	await insertIssuedDocument(t.db, {
		enforcement_id: opened.id,
		event_id: null,
		kind: 'notice',
		document_no: '古美城管告字〔2026〕第0001号',
		issued_at: NOW,
		issued_by: zhifa.id,
		content: '{}',
		content_sha256: sha('{}'),
		html: '<p></p>',
		sha256: sha('<p></p>')
	});
	await appendAudit(t.db, { at: NOW, actorId: null, action: 'test.one', target: 'x:1', detail: { a: 1 } });
	await appendAudit(t.db, { at: NOW, actorId: null, action: 'test.two', target: 'x:2', detail: { b: 2 } });
	// Text as odd as an API client may send: a lone surrogate, a NUL, an emoji; and numbers SQLite may store differently.
	await appendAudit(t.db, {
		at: NOW,
		actorId: null,
		action: 'test.odd',
		target: 'x:\ud800\u0000😀',
		detail: { lone: '\udc00', n: 1.0, f: 121.37792 }
	});
	const orderId = await orderRow(t.db, { receivedAt: NOW, deadlineAt: NOW + 86_400_000 });
	const stored = await storePhoto(photoDir(), await jpeg('evidence.jpg'), NOW);
	await t.db.transaction().execute(async (trx) => {
		const [event] = await sealRows(trx, 'hotline_events', [
			{
				order_id: orderId,
				at: NOW,
				actor_id: null,
				api_key_id: null,
				action: 'receive',
				from_status: null,
				to_status: 'received',
				note: null,
				payload: '{}'
			}
		]);
		const { id } = await trx.insertInto('hotline_events').values(event).returning('id').executeTakeFirstOrThrow();
		const files = [
			{
				id: stored.id,
				order_id: orderId,
				event_id: id,
				path: stored.path,
				thumb_path: stored.thumbPath,
				sha256: stored.sha256,
				original_name: 'e.jpg',
				uploaded_by: wangge.id,
				created_at: NOW
			}
		];
		await trx
			.insertInto('hotline_attachments')
			.values(await sealRows(trx, 'hotline_attachments', files))
			.execute();
	});
	const firstEvent = await t.db
		.selectFrom('case_events')
		.select(['id', 'case_id'])
		.orderBy('id')
		.executeTakeFirstOrThrow();
	await t.db
		.insertInto('field_submissions')
		.values({
			key: 'k-1',
			user_id: wangge.id,
			kind: 'report',
			case_id: firstEvent.case_id,
			event_id: firstEvent.id,
			captured_at: NOW,
			received_at: NOW
		})
		.execute();
});
afterAll(async () => {
	await t.cleanup();
});

describe('append-only tables refuse every change, from any connection', () => {
	const tables = [...ALL_SEALED_TABLE_NAMES, 'field_submissions'];
	it.each(tables)('%s: UPDATE, DELETE, INSERT OR REPLACE, REPLACE INTO and an upsert are all refused', (table) => {
		raw((sqlite) => {
			const before = sqlite.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
			expect(before.length).toBeGreaterThan(0);
			const pk = table === 'field_submissions' ? 'key' : 'id';
			const first = `(SELECT rowid FROM ${table} ORDER BY rowid LIMIT 1)`;
			const col = table === 'field_submissions' ? 'kind' : 'hash';
			const attempts = [
				`UPDATE ${table} SET ${col} = ${col} || ''`,
				`DELETE FROM ${table}`,
				`INSERT OR REPLACE INTO ${table} SELECT * FROM ${table} WHERE rowid = ${first}`,
				`REPLACE INTO ${table} SELECT * FROM ${table} WHERE rowid = ${first}`,
				`INSERT INTO ${table} SELECT * FROM ${table} WHERE rowid = ${first} ON CONFLICT (${pk}) DO UPDATE SET ${col} = 'x'`
			];
			for (const statement of attempts)
				expect(() => sqlite.exec(statement), statement).toThrow(/append-only|fixed once recorded|never deleted/);
			expect(sqlite.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()).toEqual(before);
		});
	});

	it('a new row that would take a chained row’s place (and REPLACE it) is refused, and so is one without a hash', () => {
		raw((sqlite) => {
			const row = sqlite.prepare('SELECT * FROM case_events ORDER BY id LIMIT 1').get() as Record<string, unknown>;
			const cols = Object.keys(row).filter((c) => c !== 'id');
			const replace = sqlite.prepare(
				`INSERT OR REPLACE INTO case_events (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`
			);
			const { id: _id, ...rest } = row;
			void _id;
			expect(() => replace.run(rest)).toThrow(/rows are chained/);
			expect(() => replace.run({ ...rest, chain_seq: 99, hash: null })).toThrow(/rows are chained/);
			expect(sqlite.prepare('SELECT count(*) AS n FROM case_events WHERE id = ?').get(row.id)).toEqual({ n: 1 });
		});
	});
});

describe('no unique index lets a REPLACE through', () => {
	// A REPLACE deletes whatever row holds the new row's value of ANY unique index, firing no DELETE
	// trigger: the insert triggers must refuse each one, not only a taken id or chain place.
	const uniqueIndexes = (sqlite: Database.Database, table: string) =>
		(sqlite.prepare(`PRAGMA index_list(${table})`).all() as { name: string; unique: number; origin: string }[])
			.filter((i) => i.unique && i.origin !== 'pk')
			.map((i) => ({
				name: i.name,
				columns: (sqlite.prepare(`PRAGMA index_info(${i.name})`).all() as { name: string }[]).map((c) => c.name)
			}))
			.filter((i) => !i.columns.includes('chain_seq')); // a taken chain place: the test above

	it.each(ALL_SEALED_TABLE_NAMES)(
		'%s: a new row with a fresh id and the next chain place, colliding on another unique index, is refused',
		(table) => {
			raw((sqlite) => {
				const before = sqlite.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Record<string, unknown>[];
				const { chainKey, autoId } = SEALED_TABLES[table];
				for (const index of uniqueIndexes(sqlite, table)) {
					const row = { ...before[0] };
					const chain = chainKey ? `WHERE ${chainKey} = @key` : '';
					const next = sqlite
						.prepare(`SELECT max(chain_seq) + 1 AS n FROM ${table} ${chain}`)
						.get(chainKey ? { key: row[chainKey] } : {}) as { n: number };
					Object.assign(row, { id: autoId ? null : 'forged-id', chain_seq: next.n, hash: '0'.repeat(64) });
					const cols = Object.keys(row);
					const replace = sqlite.prepare(
						`INSERT OR REPLACE INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`
					);
					expect(() => replace.run(row), index.name).toThrow(/append-only/);
				}
				expect(sqlite.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()).toEqual(before);
			});
		}
	);

	it('enforcement_documents has such an index (one document of each kind per case), so the test above is not empty', () => {
		raw((sqlite) =>
			expect(uniqueIndexes(sqlite, 'enforcement_documents').map((i) => i.name)).toEqual(['enforcement_documents_kind'])
		);
	});
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
