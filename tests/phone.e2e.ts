import { type Locator, type Page } from '@playwright/test';
import { expect, test } from './csp';
import { expectAccessible, expectNoSideScroll } from './a11y';
import { act, asUser, ready } from './helpers';

// The field users' phones (390 × 844): every list is cards with the deadline first, the header is
// one line with a menu, filters fold behind one button, and the 待办 badge keeps itself current.
const PHONE = { width: 390, height: 844 };
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const box = async (l: Locator) => (await l.boundingBox())!;

/** Opens a list on the phone: cards, not a table; a deadline badge on screen; one link per card named with its code. */
async function expectCards(page: Page, path: string, { badge = true } = {}): Promise<Locator> {
	await page.goto(path);
	await ready(page);
	const cards = page.locator('li.list-card');
	await expect(cards.first()).toBeVisible();
	await expect(page.locator('main table:visible')).toHaveCount(0);
	if (badge) await expect(cards.locator('.badge').first()).toBeInViewport();
	const first = cards.first();
	await expect(first.getByRole('link')).toHaveCount(1);
	const code = (await first.locator('.code').innerText()).trim();
	await expect(first.getByRole('link')).toHaveAccessibleName(new RegExp(escapeRegExp(code)));
	await expectNoSideScroll(page);
	await expectAccessible(page);
	return cards;
}

test('a grid worker on a phone: a one-line header with a menu, tasks and cases as cards, the map before its filters', async ({
	browser
}) => {
	const worker = await asUser(browser, 'wangge', PHONE);
	// The holiday data is the admin's to enter: here one short line, shown once.
	await expect(worker.locator('aside.calendar-warning')).toContainText('节假日数据待更新');
	await expect(worker.locator('aside.calendar-warning').getByRole('link')).toHaveCount(0);

	const header = worker.locator('header');
	expect((await box(header)).height).toBeLessThan(64);
	const nav = header.getByRole('navigation', { name: '主导航' });
	const menu = header.locator('summary', { hasText: '菜单' });
	await expect(nav).toBeHidden();
	await menu.focus();
	await worker.keyboard.press('Enter');
	await expect(nav.getByRole('link', { name: '案件列表' })).toBeVisible();
	await expect(header.getByRole('button', { name: '退出登录' })).toBeVisible();
	await worker.keyboard.press('Escape');
	await expect(nav).toBeHidden();
	await expect(menu).toBeFocused();
	await menu.click();
	await nav.getByRole('link', { name: '案件列表' }).click();
	await worker.waitForURL(/\/cases$/);
	await expect(nav).toBeHidden(); // a chosen page closes the menu
	await expect(worker.locator('aside.calendar-warning')).toHaveCount(0);

	await expectCards(worker, '/tasks');
	await expectCards(worker, '/cases');
	// The case list's filters wait behind one button.
	await expect(worker.getByLabel('状态')).toBeHidden();
	await worker.locator('summary', { hasText: '筛选' }).click();
	await expect(worker.getByLabel('状态')).toBeVisible();

	await worker.goto('/map');
	await ready(worker);
	const map = worker.getByTestId('case-map');
	await expect(map).toHaveAttribute('data-ready', '1');
	await expect(map).toBeInViewport();
	await expect(worker.getByLabel('状态')).toBeHidden();
	const filters = worker.locator('summary', { hasText: '筛选' });
	expect((await box(filters)).y + (await box(filters)).height).toBeLessThanOrEqual((await box(map)).y);
	expect((await box(map)).y).toBeLessThan(PHONE.height / 3);
	await filters.click();
	await expect(worker.getByLabel('状态')).toBeVisible();
	await expectNoSideScroll(worker);
	await expectAccessible(worker);
});

test('the 待办 badge follows the work: a case dispatched to the department reaches the handler by the poll, which waits while the tab is hidden', async ({
	browser
}) => {
	const handler = await asUser(browser, 'chengguan', PHONE);
	await expectCards(handler, '/tasks');
	await expectCards(handler, '/hotline');

	// A tab left on "my tasks", with its timers under the test's control.
	const tab = await handler.context().newPage();
	await tab.clock.install();
	await tab.goto('/tasks');
	await ready(tab);
	const badge = tab.getByTestId('work-counts');
	const before = Number(await badge.getAttribute('data-todo'));
	await expect(badge).toHaveAccessibleName(new RegExp(`^待办 ${before}`));
	expect((await (await tab.request.get('/counts')).json()).todo).toBe(before);
	let polls = 0;
	tab.on('request', (r) => new URL(r.url()).pathname === '/counts' && polls++);

	const dispatcher = await asUser(browser, 'diaodu');
	await dispatcher.goto('/cases?status=registered');
	await ready(dispatcher);
	await dispatcher.locator('tbody tr a').first().click();
	await dispatcher.waitForURL(/\/cases\/\d+$/);
	const caseUrl = dispatcher.url();
	await act(dispatcher, 'dispatch', (f) => f.getByLabel('处置部门').selectOption({ label: '城管中队' }));

	const polled = tab.waitForResponse((r) => new URL(r.url()).pathname === '/counts');
	await tab.clock.runFor(30_000);
	await polled;
	await expect(badge).toHaveAttribute('data-todo', String(before + 1));
	await expect(badge).toHaveAccessibleName(new RegExp(`^待办 ${before + 1}`));
	expect((await (await tab.request.get('/counts')).json()).todo).toBe(before + 1);

	// Signed on the phone, it is no longer new work; a hidden tab does not ask, and asks on its return.
	await handler.goto(caseUrl);
	await ready(handler);
	await act(handler, 'sign');
	await expect(handler.getByTestId('work-counts')).toHaveAttribute('data-todo', String(before));
	const setVisibility = (state: string) =>
		tab.evaluate((s) => {
			Object.defineProperty(document, 'visibilityState', { value: s, configurable: true });
			document.dispatchEvent(new Event('visibilitychange'));
		}, state);
	await setVisibility('hidden');
	const asked = polls;
	await tab.clock.runFor(90_000);
	expect(polls).toBe(asked);
	const back = tab.waitForResponse((r) => new URL(r.url()).pathname === '/counts');
	await setVisibility('visible');
	await back;
	await expect(badge).toHaveAttribute('data-todo', String(before));
});

test('the 城运中心 on a phone: orders and alerts as cards, the board as a card per 片区 that refreshes itself', async ({
	browser
}) => {
	const dispatcher = await asUser(browser, 'diaodu', PHONE);
	await expectCards(dispatcher, '/hotline');
	await expectCards(dispatcher, '/alerts', { badge: false });
	await expect(dispatcher.getByTestId('work-counts')).toHaveAccessibleName(/^待办 \d+/);

	await dispatcher.clock.install();
	await dispatcher.goto('/board');
	await ready(dispatcher);
	await expect(dispatcher.locator('table.board thead')).toBeHidden();
	const open = dispatcher.locator('table.board tbody tr').first().locator('td[data-metric="open"]');
	await expect(open).toBeInViewport();
	expect(await open.evaluate((td) => getComputedStyle(td, '::before').content)).toBe('"在办案件"');
	await expect(dispatcher.getByTestId('board-updated')).toHaveText(/^更新于 \d{2}:\d{2}/);
	await expectNoSideScroll(dispatcher);
	await expectAccessible(dispatcher);
	const refreshed = dispatcher.waitForRequest((r) => new URL(r.url()).pathname === '/board/__data.json');
	await dispatcher.clock.runFor(30_000);
	await refreshed;
});

test('an officer on a phone: enforcement cases and camera alerts as cards, no 待办 badge', async ({ browser }) => {
	const officer = await asUser(browser, 'zhifa', PHONE);
	await expectCards(officer, '/enforcement');
	await expectCards(officer, '/alerts', { badge: false });
	await expect(officer.getByTestId('work-counts')).toHaveCount(0);
	expect((await officer.request.get('/counts')).status()).toBe(403);
});

test('leadership on a phone: 督办 is its own button beside the card’s link; the board fits the screen', async ({
	browser
}) => {
	const leader = await asUser(browser, 'lingdao', PHONE);
	await expectCards(leader, '/cases?overdue=1');
	const urge = leader
		.locator('li.list-card')
		.getByRole('button', { name: /^督办 W\d+/ })
		.first();
	await expect(urge).toBeVisible();
	expect(await urge.evaluate((b) => b.closest('a') === null)).toBe(true);
	const code = (await urge.getAttribute('aria-label'))!.replace('督办 ', '');
	await urge.click();
	await leader.waitForURL(/\/cases\/\d+\?done=supervise/);
	await expect(leader.getByRole('heading', { level: 1 })).toContainText(code);
	await expectNoSideScroll(leader);
	await expectAccessible(leader);

	await leader.goto('/board');
	await ready(leader);
	await expect(leader.locator('table.board tbody tr').first().locator('td[data-metric="overdue"]')).toBeInViewport();
	await expectNoSideScroll(leader);
	await expectAccessible(leader);
});

test('above 600 px the lists stay tables, the header one row of links and the filters open', async ({ browser }) => {
	const leader = await asUser(browser, 'lingdao');
	await expect(leader.locator('header details.menu summary')).toBeHidden();
	await expect(
		leader.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '案件列表' })
	).toBeVisible();
	for (const path of ['/cases', '/hotline', '/board']) {
		await leader.goto(path);
		await ready(leader);
		await expect(leader.locator('main table').first()).toBeVisible();
		await expect(leader.locator('li.list-card:visible')).toHaveCount(0);
		await expectAccessible(leader);
	}
	await expect(leader.locator('table.board thead')).toBeVisible();
	await leader.goto('/cases');
	await ready(leader);
	await expect(leader.getByLabel('状态')).toBeVisible();
	await expect(leader.locator('summary', { hasText: '筛选' })).toBeHidden();
	await leader.goto('/map');
	await ready(leader);
	await expect(leader.getByLabel('状态')).toBeVisible();
	await expect(leader.getByTestId('case-map')).toHaveAttribute('data-ready', '1');
	await expectAccessible(leader);
});
