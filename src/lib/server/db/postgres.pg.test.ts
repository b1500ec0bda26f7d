import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { databasePath, databaseTarget } from '../config';
import { onOwnConnection, openDatabase, sqliteHandle, type Db } from './create-database';
import { migrateToLatest } from './migrate';
import { DatabaseUnreachableError, isPostgres } from './postgres';
import { pgTestDatabase, type PgTestDb } from './pg-test-db';
import { writeVersion } from './write-version';

let t: PgTestDb;
beforeAll(async () => {
	t = await pgTestDatabase();
	await migrateToLatest(t.db);
});
afterAll(async () => {
	await t?.cleanup();
});

describe('DATABASE_URL chooses the database', () => {
	const withEnv = (env: Record<string, string | undefined>, fn: () => void) => {
		const before = { DATABASE_URL: process.env.DATABASE_URL, DATABASE_PATH: process.env.DATABASE_PATH };
		Object.assign(process.env, env);
		for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
		try {
			fn();
		} finally {
			for (const [k, v] of Object.entries(before))
				if (v === undefined) delete process.env[k];
				else process.env[k] = v;
		}
	};

	it('unset: the SQLite file of DATABASE_PATH, as before; a path: that SQLite file; postgres(ql)://: PostgreSQL', () => {
		withEnv({ DATABASE_URL: undefined, DATABASE_PATH: '/srv/g.db' }, () => {
			expect(databaseTarget()).toBe('/srv/g.db');
		});
		withEnv({ DATABASE_URL: '/data/city.db', DATABASE_PATH: undefined }, () => {
			expect(databaseTarget()).toBe('/data/city.db');
			expect(databasePath()).toBe('/data/city.db');
		});
		for (const url of ['postgres://app@db:5432/gridcase', 'postgresql://app:pw@db/gridcase'])
			withEnv({ DATABASE_URL: url, DATABASE_PATH: '/srv/g.db' }, () => {
				expect(databaseTarget()).toBe(url);
				// Photos, evidence and imports still default to the folder beside DATABASE_PATH.
				expect(databasePath()).toBe('/srv/g.db');
			});
		withEnv({ DATABASE_URL: 'mysql://db/gridcase' }, () => {
			expect(() => databaseTarget()).toThrow(/DATABASE_URL must be a postgres/);
		});
	});

	it('a postgres URL opens PostgreSQL, with no SQLite handle (callers fall back to Kysely)', async () => {
		expect(isPostgres(t.db)).toBe(true);
		expect(sqliteHandle(t.db)).toBeUndefined();
		expect(writeVersion(t.db)).toBeNull();
		expect(await onOwnConnection(t.db, async (own) => own === t.db)).toBe(true);
	});
});

describe('numbers come back as numbers', () => {
	it('bigint instants, count(*) and sum() of a bigint are JavaScript numbers, exact past 2^31', async () => {
		const at = Date.parse('2026-12-06T10:00:00+08:00');
		await t.db
			.insertInto('login_throttle')
			.values({ key: 'k', failures: 3, first_failure_at: at, locked_until: at + 1 })
			.execute();
		expect(await t.db.selectFrom('login_throttle').selectAll().executeTakeFirstOrThrow()).toEqual({
			key: 'k',
			failures: 3,
			first_failure_at: at,
			locked_until: at + 1
		});
		const totals = await t.db
			.selectFrom('login_throttle')
			.select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('first_failure_at').as('sum')])
			.executeTakeFirstOrThrow();
		expect(totals).toEqual({ n: 1, sum: at });
	});

	it('every instant column (at, …_at, locked_until, a limit’s effective_from) is bigint; fines in fen too', async () => {
		const cols = (
			await sql<{ table: string; column: string; type: string }>`
				SELECT table_name AS table, column_name AS column, data_type AS type FROM information_schema.columns
				WHERE table_schema = 'public' AND table_name NOT LIKE 'kysely%' AND data_type IN ('integer', 'bigint')`.execute(t.db)
		).rows;
		const instant = (c: { table: string; column: string }) =>
			c.column === 'at' ||
			c.column.endsWith('_at') ||
			c.column === 'locked_until' ||
			(c.table === 'category_limits' && c.column === 'effective_from') ||
			['fine_min', 'fine_max', 'proposed_fine', 'fine', 'paid_amount'].includes(c.column);
		expect(cols.filter(instant).length).toBeGreaterThan(75);
		expect(cols.filter((c) => instant(c) && c.type !== 'bigint')).toEqual([]);
	});
});

describe('streaming (a server-side cursor)', () => {
	it('hands out every row in chunks, with parameters, inside and outside a transaction, and can stop early', async () => {
		await t.db
			.insertInto('settings')
			.values(Array.from({ length: 7 }, (_, i) => ({ key: `zz${i}`, value: String(i) })))
			.execute();
		const q = (db: typeof t.db) => db.selectFrom('settings').select('key').where('key', 'like', 'zz%').orderBy('key');
		const seen: string[] = [];
		for await (const row of q(t.db).stream(3)) seen.push(row.key);
		expect(seen).toEqual(['zz0', 'zz1', 'zz2', 'zz3', 'zz4', 'zz5', 'zz6']);
		const inside = await t.db.transaction().execute(async (trx) => {
			const keys: string[] = [];
			for await (const row of q(trx).stream(2)) if (keys.push(row.key) === 3) break;
			return keys;
		});
		expect(inside).toEqual(['zz0', 'zz1', 'zz2']);
		expect((await q(t.db).execute()).length).toBe(7);
	});
});

describe('a database that cannot be reached', () => {
	it('fails at the first step with one line naming the server (password hidden), not a stack of pg internals', async () => {
		const url = `postgres://app:secret@127.0.0.1:1/gridcase`;
		const db = openDatabase(url);
		try {
			const error = await migrateToLatest(db).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(DatabaseUnreachableError);
			const message = (error as Error).message;
			expect(message).toMatch(
				/^cannot connect to PostgreSQL at postgres:\/\/app:\*\*\*@127\.0\.0\.1:1\/gridcase: .*ECONNREFUSED/
			);
			expect(message).not.toContain('secret');
			expect(message).not.toContain('\n');
		} finally {
			await db.destroy();
		}
	});
});

describe('a connection the server drops', () => {
	const backends = (db: Db) =>
		sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db).then((r) => r.rows[0].pid);
	const terminate = (pid: number) => sql`SELECT pg_terminate_backend(${pid})`.execute(t.db);

	it('idle: the pool says so once and replaces it; the next statement works', async () => {
		const said: string[] = [];
		const spy = vi.spyOn(console, 'error').mockImplementation((m: unknown) => void said.push(String(m)));
		const db = openDatabase(t.url);
		try {
			const pid = await backends(db);
			await terminate(pid);
			await expect.poll(() => said.length).toBe(1);
			expect(said[0]).toMatch(/^PostgreSQL: an idle connection failed \(.+\); it is replaced$/);
			expect(await backends(db)).not.toBe(pid);
			expect(said).toHaveLength(1);
		} finally {
			spy.mockRestore();
			await db.destroy();
		}
	});

	it('in a transaction: that transaction fails and is not half-written; the process goes on and the next one works', async () => {
		const db = openDatabase(t.url);
		try {
			const key = `dropped.${Date.now()}`;
			await expect(
				db.transaction().execute(async (trx) => {
					await trx.insertInto('settings').values({ key, value: '1' }).execute();
					await terminate(await backends(trx));
					await trx
						.insertInto('settings')
						.values({ key: `${key}.2`, value: '2' })
						.execute();
				})
			).rejects.toThrow();
			const kept = await db.selectFrom('settings').select('key').where('key', 'like', `${key}%`).execute();
			expect(kept).toEqual([]);
			expect(typeof (await backends(db))).toBe('number');
		} finally {
			await db.destroy();
		}
	});
});
