import { expect, test } from './csp';
import { expectAccessible } from './a11y';
import { act, asUser, expectStatus, fixture, ready } from './helpers';

// 东兰路, in 东兰一居 (wangge2 checks there); the second order is about 100 m north.
const POINT = { lng: 121.37792, lat: 31.15505 };
const receivedAt = new Date(Date.now() - 3_600_000).toISOString();
const order = (orderNo: string, dLat: number) => ({
	orderNo,
	channel: '12345热线',
	orderType: '投诉',
	citizenName: '钱七',
	phone: '13700005678',
	address: '东兰路 120 号门口',
	content: '人行道路面破损有坑洞，老人容易绊倒',
	receivedAt,
	categoryCode: 'SH-SSGL-04',
	lng: POINT.lng,
	lat: POINT.lat + dLat
});

test('12345 orders become one grid case; 受理+立案+派遣 on one screen; the closed case offers its outcome as the draft 答复', async ({
	browser,
	request
}) => {
	test.setTimeout(120_000);
	const admin = await asUser(browser, 'admin');
	await admin.goto('/admin/api-keys');
	await ready(admin);
	await admin.getByLabel('名称').fill('市12345平台（转案件）');
	await admin.getByRole('button', { name: '创建密钥' }).click();
	const key = (await admin.getByTestId('new-key').innerText()).trim();
	const pushed = await request.post('/api/v1/hotline/orders', {
		data: { orders: [order('GC-E2E-1', 0), order('GC-E2E-2', 0.0009)] },
		headers: { authorization: `Bearer ${key}` }
	});
	expect(await pushed.json()).toMatchObject({ created: ['GC-E2E-1', 'GC-E2E-2'] });

	// The dispatcher assigns the first order and opens a grid case from it: place, category and text carried over.
	const dispatcher = await asUser(browser, 'diaodu');
	const openOrder = async (no: string) => {
		await dispatcher.goto(`/hotline?q=${no}`);
		await ready(dispatcher);
		await dispatcher.getByRole('link', { name: no }).click();
		await dispatcher.waitForURL(/\/hotline\/\d+$/);
		await ready(dispatcher);
		return dispatcher.url();
	};
	const order1 = await openOrder('GC-E2E-1');
	await act(dispatcher, 'assign', (f) => f.getByLabel('承办部门').selectOption({ label: '市政养护所' }));
	const section = dispatcher.getByTestId('grid-case');
	await expect(section).toContainText('附近没有同类在办案件');
	await expect(dispatcher.getByLabel('描述')).toHaveValue('人行道路面破损有坑洞，老人容易绊倒');
	await expect(dispatcher.getByLabel('经度（WGS-84）')).toHaveValue(String(POINT.lng));
	await expectAccessible(dispatcher);
	await dispatcher.locator('form[data-action="open_case"] button[type=submit]').click();
	await expect(dispatcher).toHaveURL(/done=link_case/);
	await expect(section).toContainText('由本工单立为网格案件');
	await expect(section.locator('.status')).toHaveText('待受理');
	const code = (await section.getByRole('link').first().innerText()).trim();
	expect(code).toMatch(/^W\d{12}$/);
	await expect(dispatcher.locator('ol.timeline > li[data-action="link_case"]')).toHaveCount(1);

	// The second order about the same spot is offered that case (within 200 m, same category) and joins it.
	await openOrder('GC-E2E-2');
	await expect(section).toContainText('相距');
	await section.getByRole('button', { name: `并入案件 ${code}` }).click();
	await expect(dispatcher).toHaveURL(/done=link_case/);
	await expect(section).toContainText('本工单并入此案件');

	// The case: source 12345, both orders listed; 受理 + 立案 + 派遣 in one form makes three events.
	await section.getByRole('link', { name: code }).click();
	await dispatcher.waitForURL(/\/cases\/\d+$/);
	const caseUrl = dispatcher.url();
	await ready(dispatcher);
	await expect(dispatcher.locator('.facts')).toContainText('12345热线转办');
	await expect(dispatcher.getByTestId('linked-orders').locator('li')).toHaveCount(2);
	await expect(dispatcher.getByTestId('ft-limit')).toContainText('3 工作日');
	await expectAccessible(dispatcher);
	await act(dispatcher, 'fast_track', (f) => f.getByLabel('处置部门').selectOption({ label: '市政养护所' }));
	await expectStatus(dispatcher, '待签收');
	const steps = await dispatcher
		.locator('ol.timeline > li')
		.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-action')));
	expect(steps).toEqual(['report', 'link_order', 'link_order', 'accept', 'register', 'dispatch']);

	// 市政养护所 handles it, the grid worker checks it, the dispatcher closes it.
	const handler = await asUser(browser, 'shizheng');
	await handler.goto(caseUrl);
	await ready(handler);
	await act(handler, 'sign');
	await act(handler, 'feedback', async (f) => {
		await f.getByLabel('说明').fill('已修补人行道坑洞，恢复平整');
		await f.getByLabel('照片').setInputFiles(fixture('after.jpg'));
	});
	const checker = await asUser(browser, 'wangge2', { width: 390, height: 844 });
	await checker.goto(caseUrl);
	await ready(checker);
	await act(checker, 'check_pass', (f) => f.getByLabel('照片').setInputFiles(fixture('after.jpg')));
	await dispatcher.goto(caseUrl);
	await ready(dispatcher);
	await act(dispatcher, 'close');
	await expectStatus(dispatcher, '已结案');

	// The order's handler finds the outcome as the draft 答复, with the after photo; the order keeps its deadline.
	await handler.goto(order1);
	await ready(handler);
	await act(handler, 'sign');
	await expect(handler.getByTestId('grid-case').locator('.status')).toHaveText('已结案');
	await expect(handler.getByTestId('grid-case')).toContainText('本工单仍按自己的办结时限考核');
	const draft = handler.getByTestId('reply-draft');
	await expect(draft).toContainText('案件已结案');
	await expect(handler.getByLabel('答复内容')).toHaveValue('已修补人行道坑洞，恢复平整');
	const img = draft.locator('img');
	await expect(img).toHaveCount(1);
	await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);
	await expectAccessible(handler);
	await act(handler, 'first_contact', (f) => f.getByLabel('联系情况').fill('已电话联系钱女士，告知正在修补'));
	await expect(handler.getByLabel('答复内容')).toHaveValue('已修补人行道坑洞，恢复平整');
	await act(handler, 'reply', (f) => f.getByLabel('答复内容').fill('已修补人行道坑洞，恢复平整；已电话告知诉求人'));
	await expectStatus(handler, '已答复待回访');
	await expect(handler.getByTestId('judgement-completion')).toHaveAttribute('data-verdict', 'on_time');
});

test('受理+立案+派遣 refused (the case moved meanwhile): nothing written, the form says why and keeps what was chosen', async ({
	browser
}) => {
	const dispatcher = await asUser(browser, 'diaodu');
	await dispatcher.goto('/cases?status=reported');
	await ready(dispatcher);
	await dispatcher.locator('table a[href^="/cases/"]').first().click();
	await dispatcher.waitForURL(/\/cases\/\d+$/);
	const caseUrl = dispatcher.url();
	await ready(dispatcher);
	// Someone else accepts the case in another tab while this form is open.
	const other = await dispatcher.context().newPage();
	await other.goto(caseUrl);
	await act(other, 'accept');
	const form = dispatcher.locator('form[data-action="fast_track"]');
	await form.getByLabel('处置部门').selectOption({ label: '绿化所' });
	await form.getByLabel('说明').fill('请今日处理');
	await form.locator('button[type=submit]').click();
	await expect(form.getByRole('alert')).toContainText('已被他人更新');
	await expect(form.getByLabel('说明')).toHaveValue('请今日处理');
	await expect(form.getByLabel('处置部门')).toHaveValue(
		(await form.getByLabel('处置部门').locator('option', { hasText: '绿化所' }).getAttribute('value')) ?? ''
	);
	await other.reload();
	await expectStatus(other, '待立案');
	const steps = await other
		.locator('ol.timeline > li')
		.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-action')));
	expect(steps.filter((s) => s === 'accept')).toHaveLength(1);
	expect(steps).not.toContain('dispatch');
});
