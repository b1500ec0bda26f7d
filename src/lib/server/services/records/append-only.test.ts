// Append-only in the schema itself: every change refused from a connection of any program (issue 14).
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_SEALED_TABLE_NAMES, SEALED_TABLES } from '../../records/chain-spec';
import { sealedRecordsDb, type SealedRecordsDb } from './sealed-records.fixtures';

let s: SealedRecordsDb;
const raw = <R>(fn: (sqlite: Database.Database) => R): R => s.raw(fn);
beforeAll(async () => {
	s = await sealedRecordsDb();
});
afterAll(async () => {
	await s?.t.cleanup();
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
