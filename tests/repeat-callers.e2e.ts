import { expect, test } from './csp';
import { expectAccessible, expectNoSideScroll } from './a11y';
import { act, asUser, ready } from './helpers';

// The demo's repeat caller: 孙女士 (13916880001) rang four times about the same stall noise at
// 平阳路258弄12号; every order went to 城管中队 (seeds/demo-hotline.ts).
const PHONE = '13916880001';

test('重复来电: the dispatcher finds a caller by full phone number and sees her other orders; a leader is told phones are not searchable for them', async ({
	browser
}) => {
	test.setTimeout(180_000); // three accounts, two axe runs, two screen sizes
	const dispatcher = await asUser(browser, 'diaodu');
	await dispatcher.goto(`/hotline?q=${PHONE}`);
	await ready(dispatcher);
	await expect(dispatcher.getByText('共 4 件')).toBeVisible();
	const rows = dispatcher.locator('table tbody tr');
	await expect(rows).toHaveCount(4);
	await expect(rows.getByTestId('phone')).toHaveText([PHONE, PHONE, PHONE, PHONE]);
	// A number shown in full is a tap-to-call link, in the list as on the order page.
	await expect(rows.getByTestId('phone').getByRole('link')).toHaveCount(4);
	await expect(rows.getByTestId('phone').getByRole('link').first()).toHaveAttribute('href', `tel:${PHONE}`);
	await expect(dispatcher.getByTestId('search-notice')).toHaveCount(0);
	// Three of the four have an earlier call from her within 90 days.
	await expect(rows.locator('.flag.repeat')).toHaveCount(3);

	// Her order: the other three calls, her phone in full for the dispatcher.
	await rows.first().getByRole('link').first().click();
	await dispatcher.waitForURL(/\/hotline\/\d+$/);
	await ready(dispatcher);
	const repeats = dispatcher.getByTestId('repeat-calls');
	await expect(repeats.getByRole('listitem')).toHaveCount(3);
	await expect(repeats.getByText('同一来电人')).toHaveCount(3);
	await expect(repeats).toContainText(PHONE);
	await expect(repeats.locator(`a[href="tel:${PHONE}"]`)).toHaveCount(3);
	// What went back to the city for it (the demo's history went through the log adapter).
	await expect(dispatcher.getByRole('heading', { name: '回传市级平台' })).toBeVisible();
	await expect(dispatcher.locator('[data-testid=city-update][data-status=delivered]').first()).toContainText('已送达');
	await expectAccessible(dispatcher);
	const orderUrl = dispatcher.url();

	// The list filtered to repeats, from its visible control.
	await dispatcher.goto('/hotline');
	await ready(dispatcher);
	await dispatcher.getByLabel('仅看重复来电').check();
	await dispatcher.getByRole('button', { name: '筛选' }).click();
	await dispatcher.waitForURL(/repeat=1/);
	await ready(dispatcher);
	const repeatRows = dispatcher.locator('table tbody tr');
	expect(await repeatRows.count()).toBeGreaterThanOrEqual(3);
	expect(await repeatRows.locator('.flag.repeat').count()).toBe(await repeatRows.count());
	await expectAccessible(dispatcher);

	// A leader: a phone number (whole or part) is not searched, and the page says why.
	const leader = await asUser(browser, 'lingdao');
	for (const q of [PHONE, '1391688']) {
		await leader.goto(`/hotline?q=${q}`);
		await ready(leader);
		await expect(leader.getByTestId('search-notice')).toHaveText(
			'按来电号码或姓名查找仅限城运中心和承办部门；这次只按工单号查找。'
		);
		await expect(leader.getByText('共 0 件')).toBeVisible();
	}
	await leader.goto('/hotline?q=孙女士');
	await ready(leader);
	await expect(leader.getByText('共 0 件')).toBeVisible();
	// On the order page the repeats are there for the leader too, with the phone masked.
	await leader.goto(orderUrl);
	await ready(leader);
	await expect(leader.getByTestId('repeat-calls').getByRole('listitem')).toHaveCount(3);
	await expect(leader.getByTestId('repeat-calls')).toContainText('139****0001');
	await expect(leader.getByTestId('repeat-calls')).not.toContainText(PHONE);
	await expect(leader.locator('a[href^="tel:"]')).toHaveCount(0);
	await leader.goto('/hotline');
	await ready(leader);
	await expect(leader.getByTestId('phone').filter({ hasText: '****' }).first()).toBeVisible();
	await expect(leader.locator('a[href^="tel:"]')).toHaveCount(0);

	// On a phone the search form and the order page fit the screen.
	const phone = await asUser(browser, 'diaodu', { width: 390, height: 844 });
	await phone.goto(`/hotline?q=${PHONE}&repeat=1`);
	await ready(phone);
	await expectNoSideScroll(phone);
	await phone.goto(orderUrl);
	await ready(phone);
	await expectNoSideScroll(phone);
});

test('back to the city: a handler’s 答复 is queued with the event and shown as delivered once the sender has run', async ({
	browser
}) => {
	const handler = await asUser(browser, 'chengguan');
	await handler.goto(`/hotline?q=${PHONE}`);
	await ready(handler);
	await expect(handler.locator('table tbody tr')).toHaveCount(4); // the assigned department may search by phone
	// The one of her orders still being handled (contacted, not yet answered).
	await handler.getByRole('row').filter({ hasText: '办理中' }).getByRole('link').first().click();
	await handler.waitForURL(/\/hotline\/\d+$/);
	await act(handler, 'reply', (f) => f.getByLabel('答复内容').fill('已约谈摊主，夜间不再占道经营，已告知孙女士'));
	const reply = handler.locator('[data-testid=city-update]').last();
	await expect(reply).toContainText('答复');
	// The sender runs every 2 s in the server: reload until the city has it.
	await expect(async () => {
		await handler.reload();
		await expect(handler.locator('[data-testid=city-update]').last()).toHaveAttribute('data-status', 'delivered');
	}).toPass({ timeout: 20_000 });
	await expect(handler.locator('[data-testid=city-update]').last()).toContainText('已送达');
});
