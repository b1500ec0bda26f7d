import { expect, test } from './csp';
import { asUser, ready } from './helpers';

const receivedAt = new Date(Date.now() - 3_600_000).toISOString();
const order = (orderNo: string) => ({
	orderNo,
	channel: '12345热线',
	orderType: '求助',
	citizenName: '赵六',
	phone: '13700001234',
	address: '古美路街道古美一村',
	content: '小区门口路灯不亮',
	receivedAt
});

test('an admin issues an API key; the city platform pushes with it; a revoked key is refused', async ({
	browser,
	request
}) => {
	const admin = await asUser(browser, 'admin');
	await admin.goto('/admin/api-keys');
	await ready(admin);
	await admin.getByLabel('名称').fill('市12345平台');
	await admin.getByRole('button', { name: '创建密钥' }).click();
	const key = (await admin.getByTestId('new-key').innerText()).trim();
	expect(key).toMatch(/^gck_[a-z2-7]{8}_[a-z2-7]{32}$/);

	const url = '/api/v1/hotline/orders';
	expect((await request.post(url, { data: order('API-E2E-1') })).status()).toBe(401);
	const pushed = await request.post(url, { data: order('API-E2E-1'), headers: { authorization: `Bearer ${key}` } });
	expect(pushed.status()).toBe(200);
	expect(await pushed.json()).toMatchObject({ created: ['API-E2E-1'] });
	// Pushed again: recognised, not duplicated; the answer carries no personal data.
	const again = await request.post(url, { data: order('API-E2E-1'), headers: { authorization: `Bearer ${key}` } });
	const body = await again.text();
	expect(JSON.parse(body)).toMatchObject({ created: [], unchanged: ['API-E2E-1'] });
	expect(body).not.toContain('13700001234');
	// The same 工单号 with other content is reported as changed and not overwritten.
	const changed = await request.post(url, {
		data: { ...order('API-E2E-1'), content: '改过的内容' },
		headers: { authorization: `Bearer ${key}` }
	});
	expect(await changed.json()).toMatchObject({ created: [], changed: ['API-E2E-1'] });
	const bad = await request.post(url, {
		data: { orders: [order('API-E2E-2'), { ...order('API-E2E-3'), phone: '12' }] },
		headers: { authorization: `Bearer ${key}` }
	});
	expect(bad.status()).toBe(422);

	await admin.reload();
	// 吊销 first says what it will do; only the second step revokes.
	const row = admin.getByRole('row', { name: /市12345平台/ });
	await row.getByText('吊销', { exact: true }).click();
	await expect(row.getByText('吊销「市12345平台」后，使用此密钥的系统将立即无法推送。')).toBeVisible();
	expect(
		(await request.post(url, { data: order('API-E2E-5'), headers: { authorization: `Bearer ${key}` } })).status()
	).toBe(200);
	await row.getByRole('button', { name: '确认吊销' }).click();
	await expect(admin.getByRole('row', { name: /市12345平台/ })).toContainText(/已于 .* 吊销/);
	const revoked = await request.post(url, { data: order('API-E2E-4'), headers: { authorization: `Bearer ${key}` } });
	expect(revoked.status()).toBe(401);
	expect((await revoked.json()).error.code).toBe('api_key_revoked');

	// The pushed order is in the list; API-E2E-2 of the refused batch is not.
	const dispatcher = await asUser(browser, 'diaodu');
	await dispatcher.goto('/hotline?q=API-E2E');
	await ready(dispatcher);
	await expect(dispatcher.getByRole('link', { name: 'API-E2E-1' })).toBeVisible();
	await expect(dispatcher.getByRole('link', { name: 'API-E2E-2' })).toHaveCount(0);
});
