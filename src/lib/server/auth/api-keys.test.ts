import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../test-db';
import { listApiKeys } from '../repositories/api-keys';
import { createApiKey, revokeApiKey, verifyApiKey } from './api-keys';

let t: TestDb;
beforeAll(async () => {
	t = await createTestDb();
});
afterAll(async () => {
	await t.cleanup();
});

const NOW = Date.parse('2026-11-27T08:00:00Z');

describe('API keys: integration', () => {
	it('a key is for 12345 orders unless created for camera alerts; verify says which', async () => {
		const admin = t.users.get('admin')!;
		const hotline = await createApiKey(t.db, '市12345平台', admin, NOW);
		const alerts = await createApiKey(t.db, '视频平台', admin, NOW, 'alerts');
		expect(hotline.integration).toBe('hotline');
		expect(alerts.integration).toBe('alerts');
		expect(await verifyApiKey(t.db, `Bearer ${hotline.key}`, NOW)).toEqual({
			ok: true,
			id: hotline.id,
			name: '市12345平台',
			integration: 'hotline'
		});
		expect(await verifyApiKey(t.db, `Bearer ${alerts.key}`, NOW)).toEqual({
			ok: true,
			id: alerts.id,
			name: '视频平台',
			integration: 'alerts'
		});
		const listed = await listApiKeys(t.db);
		expect(listed.find((k) => k.id === alerts.id)).toMatchObject({ integration: 'alerts', last_used_at: NOW });
		expect(listed.find((k) => k.id === hotline.id)).toMatchObject({ integration: 'hotline' });
	});

	it('a revoked alerts key is refused like any other', async () => {
		const k = await createApiKey(t.db, '旧视频平台', t.users.get('admin')!, NOW, 'alerts');
		await revokeApiKey(t.db, k.id, NOW);
		expect(await verifyApiKey(t.db, `Bearer ${k.key}`, NOW)).toEqual({ ok: false, reason: 'revoked' });
	});

	it('a row with an integration this code does not know is refused, not guessed', async () => {
		const k = await createApiKey(t.db, '未知', t.users.get('admin')!, NOW);
		await t.db.updateTable('api_keys').set({ integration: 'other' }).where('id', '=', k.id).execute();
		expect(await verifyApiKey(t.db, `Bearer ${k.key}`, NOW)).toEqual({ ok: false, reason: 'invalid' });
	});
});
