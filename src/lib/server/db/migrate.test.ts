import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import * as m004 from '../../../../migrations/2026-11-27-004-efficient-deadline';
import { createDatabase } from './create-database';
import { migrateToLatest } from './migrate';

const db = createDatabase(':memory:');
afterAll(async () => {
	await db.destroy();
});

const caseColumns = async () => (await sql<{ name: string; type: string; notnull: number }>`PRAGMA table_info(cases)`.execute(db)).rows;

describe('migration 004: cases.efficient_deadline_at', () => {
	it('runs in order after 001–003 and adds a nullable integer column', async () => {
		const log: string[] = [];
		await migrateToLatest(db, (l) => log.push(l));
		expect(log.at(-1)).toBe('migration 2026-11-27-004-efficient-deadline: Success');
		expect((await caseColumns()).find((c) => c.name === 'efficient_deadline_at')).toMatchObject({ type: 'INTEGER', notnull: 0 });
	});

	it('down drops the column and up adds it again', async () => {
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		const anyDb = db as any;
		await m004.down(anyDb);
		expect((await caseColumns()).map((c) => c.name)).not.toContain('efficient_deadline_at');
		await m004.up(anyDb);
		expect((await caseColumns()).map((c) => c.name)).toContain('efficient_deadline_at');
	});
});
