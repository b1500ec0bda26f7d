// Test helper (imported by *.test.ts only): a real, migrated and seeded database of its own per call:
// a SQLite file in a temp dir, or a PostgreSQL database when the Vitest project runs on PostgreSQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, inject } from 'vitest';
import { seedDemoUsers } from '../../../seeds/demo-users';
import { loadReferenceData } from './repositories/reference-data';
import { createDatabase, openDatabase, type Db } from './db/create-database';
import { createDatabaseIn, dropDatabaseIn } from './db/pg-cluster';
import type { DB } from './db/schema';
import { migrateToLatest } from './db/migrate';
import type { PhotoInput } from './photos';
import { isRole, type Actor } from '$lib/domain/access';

export interface TestDb {
	db: Db;
	dir: string;
	/** Demo user ids by username. */
	users: Map<string, number>;
	cleanup(): Promise<void>;
}

/** A database of its own with base data and the demo users, and how to drop it again. */
interface Fresh {
	db: Db;
	users: Map<string, number>;
	drop(): Promise<void>;
}

/** A new SQLite file in `dir`: migrated, reference data loaded, demo users made. */
async function freshSqlite(dir: string): Promise<Fresh> {
	const db = createDatabase(path.join(dir, 'gridcase.db'));
	try {
		await migrateToLatest(db);
		await loadReferenceData(db);
		const users = await seedDemoUsers(db, Date.parse('2025-01-01T00:00:00Z'));
		return { db, users, drop: () => db.destroy() };
	} catch (e) {
		await db.destroy();
		throw e;
	}
}

/**
 * A fresh database with base data and the demo users; photos go to `dir/photos`, evidence to `dir/evidence`.
 * SQLite (a file in `dir`), or PostgreSQL in the projects whose global set-up provides a template database
 * (pg-suite-setup.ts): then a copy of that template in the run's throwaway cluster.
 */
export async function createTestDb(): Promise<TestDb> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridcase-test-'));
	const previousPhotoDir = process.env.PHOTO_DIR;
	const previousEvidenceDir = process.env.EVIDENCE_DIR;
	let fresh: Fresh;
	try {
		fresh = inject('pgTemplate') ? await freshPostgres() : await freshSqlite(dir);
	} catch (e) {
		fs.rmSync(dir, { recursive: true, force: true });
		throw e;
	}
	process.env.PHOTO_DIR = path.join(dir, 'photos');
	process.env.EVIDENCE_DIR = path.join(dir, 'evidence');
	return {
		db: fresh.db,
		dir,
		users: fresh.users,
		async cleanup() {
			await fresh.drop();
			if (previousPhotoDir === undefined) delete process.env.PHOTO_DIR;
			else process.env.PHOTO_DIR = previousPhotoDir;
			if (previousEvidenceDir === undefined) delete process.env.EVIDENCE_DIR;
			else process.env.EVIDENCE_DIR = previousEvidenceDir;
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** A copy of the template database (already migrated, with reference data and the demo users). */
async function freshPostgres(): Promise<Fresh> {
	const admin = inject('pgClusterUrl');
	const url = await createDatabaseIn(admin, undefined, inject('pgTemplate'));
	const db = openDatabase(url);
	const drop = async () => {
		await db.destroy();
		await dropDatabaseIn(admin, url);
	};
	try {
		const rows = await db.selectFrom('users').select(['id', 'username']).execute();
		return { db, users: new Map(rows.map((u) => [u.username, u.id])), drop };
	} catch (e) {
		await drop();
		throw e;
	}
}

export async function actorOf(db: Db, username: string): Promise<Actor> {
	const u = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
	if (!isRole(u.role)) throw new Error(`unknown role ${u.role}`);
	return { id: u.id, role: u.role, departmentId: u.department_id, areaId: u.area_id, communityId: u.community_id };
}

/** A small real JPEG carrying EXIF (camera make), so tests can see that storage strips it. */
export async function jpeg(name = 'photo.jpg'): Promise<PhotoInput> {
	const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#4488cc' } })
		.jpeg()
		.withExif({ IFD0: { Make: 'GridCaseTestCam' } })
		.toBuffer();
	return { name, bytes: new Uint8Array(bytes) };
}

/** Every file under `root` (relative paths, sorted); [] when it does not exist yet. */
export function listFiles(root: string): string[] {
	if (!fs.existsSync(root)) return [];
	return (fs.readdirSync(root, { recursive: true }) as string[])
		.filter((p) => fs.statSync(path.join(root, p)).isFile())
		.sort();
}

/** How many rows a table holds. */
export async function countRows(db: Db, table: keyof DB): Promise<number> {
	const row = await db
		.selectFrom(table)
		.select(({ fn }) => fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** The stored 12345 orders whose 工单号 starts with `prefix`, by 工单号: what an intake test left behind. */
export const ordersNumbered = (db: Db, prefix: string) =>
	db.selectFrom('hotline_orders').selectAll().where('order_no', 'like', `${prefix}%`).orderBy('order_no').execute();

/** Sets every pending camera alert aside (as false alarms), so the next one is not a duplicate of them. */
export const dismissPendingAlerts = (db: Db) =>
	db.updateTable('alerts').set({ status: 'false_alarm' }).where('status', '=', 'pending').execute();

/** Row counts of the tables a case write touches. */
export async function caseTableCounts(db: Db): Promise<{ cases: number; events: number; attachments: number }> {
	const [cases, events, attachments] = await Promise.all(
		(['cases', 'case_events', 'attachments'] as const).map((t) => countRows(db, t))
	);
	return { cases, events, attachments };
}

/**
 * A fresh test database for one test file, with the grid worker `wangge` as the acting user and one JPEG named
 * `photoName`: set up before the file's tests and removed after; the fields are ready inside the tests.
 */
export function gridWorkerDb(photoName?: string) {
	let t: TestDb | undefined;
	let wangge: Actor | undefined;
	let photo: PhotoInput | undefined;
	beforeAll(async () => {
		t = await createTestDb();
		wangge = await actorOf(t.db, 'wangge');
		photo = await jpeg(photoName);
	});
	afterAll(() => t?.cleanup());
	return {
		get db() {
			return t!.db;
		},
		/** The test database's folder (photos and evidence live under it). */
		get dir() {
			return t!.dir;
		},
		get wangge() {
			return wangge!;
		},
		get photo() {
			return photo!;
		}
	};
}
