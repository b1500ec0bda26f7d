// A test database with rows in every append-only table, written through the app's own paths, and a
// second connection to its file as any other program would open it (sealed-records and append-only tests).
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { photoDir } from '../../config';
import { storePhoto } from '../../photos';
import { appendAudit } from '../../repositories/audit';
import { insertIssuedDocument } from '../../repositories/enforcement-documents';
import { sealRows } from '../../repositories/sealed';
import { actorOf, createTestDb, jpeg, type TestDb } from '../../test-db';
import { enforcementFromAlert } from '../enforcement/fixtures';
import { reportTestCase, selfHandled } from '../reported-case.fixtures';
import { orderRow } from '../stats/fixtures';

export const NOW = Date.parse('2026-09-29T10:00:00+08:00');
export const sha = (s: string) => createHash('sha256').update(s).digest('hex');

export interface SealedRecordsDb {
	t: TestDb;
	file: string;
	/** A second connection as any other program would open the file: no pragmas of the app's. */
	raw<R>(fn: (sqlite: Database.Database) => R): R;
}

export async function sealedRecordsDb(): Promise<SealedRecordsDb> {
	const t = await createTestDb();
	const file = path.join(t.dir, 'gridcase.db');
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

	return {
		t,
		file,
		raw(fn) {
			const sqlite = new Database(file);
			try {
				return fn(sqlite);
			} finally {
				sqlite.close();
			}
		}
	};
}
