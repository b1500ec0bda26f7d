import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain/access';
import { SETTINGS } from '$lib/domain/settings';
import { listAudit } from '$lib/server/repositories/audit';
import { getSetting } from '$lib/server/repositories/settings';
import { formEvent, routeTestDb, type PageModule, type RouteTestDb } from '$lib/server/route-test';
import { actorOf } from '$lib/server/test-db';

let page: PageModule;
let t: RouteTestDb;

beforeAll(async () => {
	t = await routeTestDb();
	page = (await import('./+page.server')) as unknown as PageModule;
});
afterAll(() => t.close());

const event = (actor: Actor | null, fields: Record<string, string> = {}) =>
	formEvent('http://localhost/admin/imports', actor, fields);

describe('/admin/imports (how long uploaded 12345 files are kept)', () => {
	it('is the admin’s: a dispatcher who imports gets 403 and nothing is stored', async () => {
		const dispatcher = await actorOf(t.db, 'diaodu');
		await expect(page.load(event(dispatcher))).rejects.toMatchObject({ status: 403 });
		await expect(page.actions.default(event(dispatcher, { days: '1' }))).rejects.toMatchObject({ status: 403 });
		expect(await getSetting(t.db, SETTINGS.importRetentionDays.key)).toBeUndefined();
	});

	it('shows 30 days until set, refuses a bad number keeping what was typed, and a shorter period deletes at once, with an audit entry', async () => {
		const admin = await actorOf(t.db, 'admin');
		expect(await page.load(event(admin))).toEqual({ days: 30 });
		expect(await page.actions.default(event(admin, { days: '-3' }))).toMatchObject({
			status: 400,
			data: { values: { days: '-3' }, error: 'retention_invalid' }
		});
		expect(await getSetting(t.db, SETTINGS.importRetentionDays.key)).toBeUndefined();

		const imp = await t.db
			.insertInto('hotline_imports')
			.values({
				file_name: 'a.csv',
				file_kind: 'csv',
				file_sha256: 'x',
				status: 'committed',
				mode: 'valid_only',
				report: null,
				created_by: admin.id,
				created_at: Date.now() - 3 * 86_400_000,
				finished_at: Date.now() - 2 * 86_400_000
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const file = path.join(t.dir, 'imports', `${imp.id}.csv`);
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, '工单编号,来电号码\nA1,13800001111\n');
		expect(await page.actions.default(event(admin, { days: '1' }))).toEqual({ saved: true, deleted: 1 });
		expect(fs.existsSync(file)).toBe(false);
		expect(await page.load(event(admin))).toEqual({ days: 1 });
		expect((await listAudit(t.db, { action: 'settings.import_retention', page: 1 })).rows[0].detail).toEqual({
			from: 30,
			to: 1
		});
	});
});
