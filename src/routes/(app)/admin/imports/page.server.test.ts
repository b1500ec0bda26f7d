import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '$lib/domain/settings';
import { listAudit } from '$lib/server/repositories/audit';
import { getSetting } from '$lib/server/repositories/settings';
import { pageUnderTest } from '$lib/server/route-test';
import { actorOf } from '$lib/server/test-db';

const r = pageUnderTest('http://localhost/admin/imports', () => import('./+page.server'));

describe('/admin/imports (how long uploaded 12345 files are kept)', () => {
	it('is the admin’s: a dispatcher who imports gets 403 and nothing is stored', async () => {
		const dispatcher = await actorOf(r.db, 'diaodu');
		await expect(r.page.load(r.event(dispatcher))).rejects.toMatchObject({ status: 403 });
		await expect(r.page.actions.default(r.event(dispatcher, { days: '1' }))).rejects.toMatchObject({ status: 403 });
		expect(await getSetting(r.db, SETTINGS.importRetentionDays.key)).toBeUndefined();
	});

	it('shows 30 days until set, refuses a bad number keeping what was typed, and a shorter period deletes at once, with an audit entry', async () => {
		const admin = await actorOf(r.db, 'admin');
		expect(await r.page.load(r.event(admin))).toEqual({ days: 30 });
		expect(await r.page.actions.default(r.event(admin, { days: '-3' }))).toMatchObject({
			status: 400,
			data: { values: { days: '-3' }, error: 'retention_invalid' }
		});
		expect(await getSetting(r.db, SETTINGS.importRetentionDays.key)).toBeUndefined();

		const imp = await r.db
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
		const file = path.join(r.dir, 'imports', `${imp.id}.csv`);
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, '工单编号,来电号码\nA1,13800001111\n');
		expect(await r.page.actions.default(r.event(admin, { days: '1' }))).toEqual({ saved: true, deleted: 1 });
		expect(fs.existsSync(file)).toBe(false);
		expect(await r.page.load(r.event(admin))).toEqual({ days: 1 });
		expect((await listAudit(r.db, { action: 'settings.import_retention', page: 1 })).rows[0].detail).toEqual({
			from: 30,
			to: 1
		});
	});
});
