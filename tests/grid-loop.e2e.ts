import { expect, test } from './csp';
import { act, asUser, expectStatus, fixture, ready } from './helpers';

// The whole grid-flow loop by four people: a grid worker on a phone reports, the dispatcher
// files and dispatches, the 城管中队 handles (with one 延期), a second grid worker of the same
// 居民区 fails the first 核查 (返工) and passes the second, the dispatcher closes.
test('grid case from report to 结案 with one 返工 and one 延期', async ({ browser }) => {
	const worker = await asUser(browser, 'wangge', { width: 390, height: 844 });
	await worker.locator('header details.menu summary').click(); // on a phone the pages are behind the menu
	await worker.getByRole('link', { name: '上报问题' }).click();
	await worker.waitForURL(/\/cases\/new$/);
	await ready(worker);
	await worker.getByLabel('搜索类别').fill('乱设摊');
	await expect(worker.locator('select[name=categoryCode]')).toHaveValue('SH-JMZX-01');
	await worker.getByLabel('问题描述').fill('古美路人行道流动摊贩占道卖水果（e2e）');
	await worker.getByLabel('地址描述').fill('东兰路口');
	// Drop the pin on the map; the 片区 and 居民区 follow from the point.
	await worker.getByRole('button', { name: '在地图上选点' }).click();
	const map = worker.locator('.leaflet-container');
	await expect(map).toBeVisible();
	await map.click();
	await expect(worker.getByLabel('经度')).not.toHaveValue('');
	await expect(worker.getByTestId('located')).toContainText('片区');
	// Then types the spot between two 居民区 markers, and overrides the one found from the point
	// with the neighbouring 东兰一居, where the checkers work.
	await worker.getByLabel('经度').fill('121.3803');
	await worker.getByLabel('纬度').fill('31.1545');
	await expect(worker.getByTestId('located')).toHaveText('西片区 · 东兰二居');
	await worker.getByLabel('所属居民区').selectOption({ label: '东兰一居' });
	await worker.getByLabel('现场照片（处置前）').setInputFiles(fixture('before.jpg'));
	await worker.getByRole('button', { name: '提交' }).click();
	await expect(worker).toHaveURL(/\/cases\/\d+\?done=report/);
	await expectStatus(worker, '待受理');
	const caseUrl = worker.url().split('?')[0];
	const code = (await worker.locator('h1').innerText()).match(/W\d+/)![0];
	await expect(worker.locator('.facts')).toContainText('东兰一居');
	// The stored photo is served, re-encoded.
	const thumb = worker.locator('img[src$="/thumb"]').first();
	await expect(thumb).toBeVisible();

	const dispatcher = await asUser(browser, 'diaodu');
	await dispatcher.goto(caseUrl);
	await ready(dispatcher);
	await act(dispatcher, 'accept');
	await expectStatus(dispatcher, '待立案');
	await act(dispatcher, 'register');
	await act(dispatcher, 'dispatch', (f) => f.getByLabel('处置部门').selectOption({ label: '城管中队' }));
	await expectStatus(dispatcher, '待签收');
	await expect(dispatcher.locator('.facts')).toContainText('城管中队');

	const handler = await asUser(browser, 'chengguan');
	// The new case waits in the department's "my tasks", with its countdown badge.
	const taskRow = handler.locator('tr', { has: handler.getByRole('link', { name: code }) });
	await expect(taskRow.locator('.badge')).toHaveAttribute('data-level', 'green');
	await handler.goto(caseUrl);
	await ready(handler);
	await act(handler, 'sign');
	await expectStatus(handler, '处置中');
	const nextWeek = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
	await act(handler, 'request_extension', async (f) => {
		await f.getByLabel('申请延期至').fill(nextWeek);
		await f.getByLabel('原因').fill('需协调市场监管部门联合执法');
	});
	await expectStatus(handler, '延期待审');

	await dispatcher.goto(caseUrl);
	await ready(dispatcher);
	await act(dispatcher, 'approve_extension');
	await expectStatus(dispatcher, '处置中');
	await expect(dispatcher.locator('.facts')).toContainText(`${nextWeek.slice(0, 4)}`);

	await handler.goto(caseUrl);
	await ready(handler);
	await act(handler, 'feedback', async (f) => {
		await f.getByLabel('说明').fill('摊贩已劝离，现场已清理');
		await f.getByLabel('照片').setInputFiles(fixture('after.jpg'));
	});
	await expectStatus(handler, '待核查');

	const checker = await asUser(browser, 'wangge2', { width: 390, height: 844 });
	await checker.goto(caseUrl);
	await ready(checker);
	await act(checker, 'check_fail', async (f) => {
		await f.getByLabel('说明').fill('摊贩又回来了');
		await f.getByLabel('照片').setInputFiles(fixture('after.jpg'));
	});
	await expectStatus(checker, '处置中');
	await expect(checker.locator('.facts')).toContainText('返工次数');

	await handler.goto(caseUrl);
	await ready(handler);
	await act(handler, 'feedback', async (f) => {
		await f.getByLabel('说明').fill('再次劝离并设置警示牌');
		await f.getByLabel('照片').setInputFiles(fixture('after.jpg'));
	});
	await checker.goto(caseUrl);
	await ready(checker);
	await act(checker, 'check_pass', (f) => f.getByLabel('照片').setInputFiles(fixture('after.jpg')));
	await expectStatus(checker, '待结案');

	await dispatcher.goto(caseUrl);
	await ready(dispatcher);
	await act(dispatcher, 'close');
	await expectStatus(dispatcher, '已结案');

	// The timeline tells the whole story, in order, with who did what.
	const steps = await dispatcher
		.locator('ol.timeline > li')
		.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-action')));
	expect(steps).toEqual([
		'report',
		'accept',
		'register',
		'dispatch',
		'sign',
		'request_extension',
		'approve_extension',
		'feedback',
		'check_fail',
		'feedback',
		'check_pass',
		'close'
	]);
	await expect(dispatcher.locator('ol.timeline')).toContainText('赵队员（城管中队）');
	await expect(dispatcher.locator('ol.timeline img')).toHaveCount(5);
	await expect(dispatcher.getByText('您在此环节没有可执行的操作')).toBeVisible();
});
