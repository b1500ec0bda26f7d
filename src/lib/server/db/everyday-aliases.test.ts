import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import categoriesJson from '$lib/reference-data/categories.json';
import * as m015 from '../../../../migrations/2026-11-27-015-everyday-aliases';
import * as m016 from '../../../../migrations/2026-11-27-016-sealed-records';
import { createTestDb, type TestDb } from '../test-db';

// Migration 015 on a database made before it: the seed's aliases of then, and one category an
// admin has already edited. (A fresh database gets the same aliases from the seed itself.)
let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
	// 015 as it ran, before the audit log was chained (016 chains what it finds).
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	await m016.down(t.db as any);
});
afterEach(() => t.cleanup());

const isInitials = (a: string) => /^[a-z]+$/.test(a);
const seedAliases = (code: string) => categoriesJson.categories.find((c) => c.code === code)!.aliases;
/** The aliases a category had in the seed before 015: the seed's list without what 015 adds. */
const before = (code: string) => seedAliases(code).slice(0, seedAliases(code).length - (m015.ADDED[code]?.length ?? 0));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const anyDb = () => t.db as any;
const aliasesOf = async (code: string) =>
	JSON.parse(
		(await t.db.selectFrom('categories').select('aliases').where('code', '=', code).executeTakeFirstOrThrow()).aliases
	) as string[];
const setAliases = (code: string, aliases: string[]) =>
	t.db
		.updateTable('categories')
		.set({ aliases: JSON.stringify(aliases) })
		.where('code', '=', code)
		.execute();
const indexes = async () =>
	(
		await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases'`.execute(
			t.db
		)
	).rows.map((r) => r.name);

describe('migration 015: everyday aliases and pinyin initials for existing databases', () => {
	it('gives an untouched category exactly the seed’s aliases, merges into an admin’s list, and down takes back only its own', async () => {
		// The database as 014 left it: down takes the index away; no entry of up's yet, so no alias moves.
		await m015.down(anyDb());
		expect(await indexes()).not.toContain('cases_reporter_id_reported_at');
		for (const c of categoriesJson.categories) await setAliases(c.code, before(c.code));
		// An admin has removed 马路摊 and added 摆摊, ＬＳＴ (full-width lst: the same initials) and a word of their own.
		const adminList = ['乱设摊', '占道经营', '无证摊贩', '流动摊贩', '摆摊', 'ＬＳＴ', '早点摊'];
		await setAliases('SH-JMZX-01', adminList);
		// One category already has them all (an admin typed them in before the upgrade).
		await setAliases('SH-SSGL-04', seedAliases('SH-SSGL-04'));
		const untouched = await aliasesOf('SH-SSGL-04');

		await m015.up(anyDb());
		expect(await aliasesOf('SH-GYSS-01')).toEqual(seedAliases('SH-GYSS-01'));
		expect(await aliasesOf('SH-HWSR-03')).toEqual(seedAliases('SH-HWSR-03'));
		const merged = await aliasesOf('SH-JMZX-01');
		expect(merged.slice(0, adminList.length)).toEqual(adminList);
		expect(merged).not.toContain('马路摊');
		expect(merged.filter((a) => a === '摆摊' || a.toLowerCase() === 'lst')).toEqual(['摆摊']); // ＬＳＴ is kept as typed, lst not added again
		expect(merged).toContain('摆地摊');
		expect(merged.filter(isInitials)).toEqual(['zdjy', 'bt', 'bdt', 'dt', 'wztf', 'ldtf', 'zdwzzjy', 'lsd']);
		// A category that already has them is left alone and gets no audit entry.
		expect(await aliasesOf('SH-SSGL-04')).toEqual(untouched);
		const audit = await t.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
		expect(audit.map((a) => a.target)).toEqual(
			categoriesJson.categories.filter((c) => c.code !== 'SH-SSGL-04').map((c) => `category:${c.code}`)
		);
		expect(audit.every((a) => a.action === 'category.update' && a.actor_id === null)).toBe(true);
		expect(JSON.parse(audit[0].detail)).toEqual({
			aliases: { from: before('SH-GYSS-01'), to: seedAliases('SH-GYSS-01') },
			by: 'migration 015'
		});
		expect(await indexes()).toContain('cases_reporter_id_reported_at');

		// The admin adds one more after the migration; down takes out what up added, nothing else.
		await setAliases('SH-JMZX-01', [...merged, '夜排档']);
		await m015.down(anyDb());
		expect(await aliasesOf('SH-JMZX-01')).toEqual([...adminList, '夜排档']);
		expect(await aliasesOf('SH-GYSS-01')).toEqual(before('SH-GYSS-01'));
		expect(await aliasesOf('SH-SSGL-04')).toEqual(untouched);
		expect(await aliasesOf('SH-HWSR-03')).toEqual(before('SH-HWSR-03'));
		await m015.up(anyDb());
		expect(await aliasesOf('SH-GYSS-01')).toEqual(seedAliases('SH-GYSS-01'));
	});

	it('never takes a category past the 30 aliases the admin form accepts', async () => {
		const many = Array.from({ length: 27 }, (_, i) => `别名${i}`);
		await m015.down(anyDb());
		await setAliases('SH-JMZX-01', many);
		await m015.up(anyDb());
		const after = await aliasesOf('SH-JMZX-01');
		expect(after).toHaveLength(30);
		expect(after.slice(27)).toEqual(['摆摊', '摆地摊', '地摊']);
	});

	it('the seed’s lists are those of before plus exactly what 015 adds, so upgraded and new databases agree', async () => {
		// A fresh database: seeded after the migrations, it has the seed's lists and no entry of 015.
		for (const c of categoriesJson.categories) expect([c.code, await aliasesOf(c.code)]).toEqual([c.code, c.aliases]);
		expect(await t.db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
		expect(Object.keys(m015.ADDED).sort()).toEqual(categoriesJson.categories.map((c) => c.code).sort());
		for (const c of categoriesJson.categories) {
			expect([c.code, c.aliases.slice(before(c.code).length)]).toEqual([c.code, m015.ADDED[c.code]]);
			await setAliases(c.code, before(c.code));
		}
		await m015.down(anyDb());
		await m015.up(anyDb());
		for (const c of categoriesJson.categories) expect([c.code, await aliasesOf(c.code)]).toEqual([c.code, c.aliases]);
	});
});
