import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '$lib/domain/working-days';
import { listAudit } from '$lib/server/repositories/audit';
import { listCalendarYears, loadCalendar } from '$lib/server/repositories/calendar';
import { formEvent, routeTestDb, type PageModule, type RouteTestDb } from '$lib/server/route-test';
import { actorOf } from '$lib/server/test-db';
import type { Actor } from '$lib/domain/access';

let page: PageModule;
let t: RouteTestDb;
let admin: Actor;

beforeAll(async () => {
	t = await routeTestDb();
	page = (await import('./+page.server')) as unknown as PageModule;
	admin = await actorOf(t.db, 'admin');
});
afterAll(() => t.close());

const event = (actor: Actor | null, fields: Record<string, string | File> = {}) =>
	formEvent('http://localhost/admin/calendar', actor, fields);
const status = (r: unknown) => (r as { status?: number }).status;
const data = (r: unknown) => (r as { data: Record<string, unknown> }).data;
const yearsOnFile = async () => (await listCalendarYears(t.db)).map((y) => y.year);

// A made-up 2027 in the notice's usual shape (the real one is not published yet).
const Y2027 = {
	year: '2027',
	title: '2027年部分节假日安排（测试）',
	source: 'https://www.gov.cn/',
	offDays: '2027-01-01\n2027-10-01~2027-10-07',
	makeupWorkdays: '2027-10-09'
};

describe('/admin/calendar', () => {
	it('only the admin sees or changes the calendar', async () => {
		const dispatcher = await actorOf(t.db, 'diaodu');
		await expect(page.load(event(dispatcher))).rejects.toMatchObject({ status: 403 });
		await expect(page.actions.save(event(dispatcher, Y2027))).rejects.toMatchObject({ status: 403 });
		await expect(page.load(event(null))).rejects.toMatchObject({ status: 303 });
		const loaded = await page.load(event(admin));
		expect((loaded.years as { year: number }[]).map((y) => y.year)).toEqual([2023, 2024, 2025, 2026]);
	});

	it('bad dates are named one by one, the form re-fills, and nothing is saved', async () => {
		const r = await page.actions.save(event(admin, { ...Y2027, makeupWorkdays: '2027-10-01 2027-10-12 2027-02-30' }));
		expect(status(r)).toBe(400);
		expect(data(r).values).toMatchObject({ year: '2027', makeupWorkdays: '2027-10-01 2027-10-12 2027-02-30' });
		expect(data(r).issues).toEqual(
			expect.arrayContaining([
				{ field: 'makeupWorkdays', code: 'invalid_date', value: '2027-02-30' },
				{ field: 'makeupWorkdays', code: 'both_off_and_workday', value: '2027-10-01' },
				{ field: 'makeupWorkdays', code: 'workday_not_weekend', value: '2027-10-12' }
			])
		);
		expect(await yearsOnFile()).not.toContain(2027);
		expect((await listAudit(t.db, { page: 1 })).total).toBe(0);
	});

	it('a new year is saved and working days follow it at once; replacing a year needs the tick', async () => {
		// The pages' warning reads this; the same module instance as the page's (loaded after resetModules).
		const { getDb } = await import('$lib/server/db');
		const { calendarYearsOnFile } = await import('$lib/server/repositories/calendar');
		expect(await calendarYearsOnFile(getDb())).not.toContain(2027);
		const r = await page.actions.save(event(admin, Y2027));
		expect(r).toMatchObject({ saved: [2027], droppedWeekends: ['2027-10-02', '2027-10-03'] });
		expect(await calendarYearsOnFile(getDb())).toContain(2027);
		const cal = await loadCalendar(t.db);
		// 2027-09-30 (Thu) + 1 working day skips the National Day week (10-01 to 10-07) and lands on Friday 10-08.
		expect(addWorkingDays('2027-09-30', 1, cal)).toBe('2027-10-08');
		const again = await page.actions.save(event(admin, { ...Y2027, offDays: '2027-01-01' }));
		expect(status(again)).toBe(409);
		expect(data(again).existing).toEqual([2027]);
		expect((await listCalendarYears(t.db)).find((y) => y.year === 2027)!.offDays).toHaveLength(6);
		expect(await page.actions.save(event(admin, { ...Y2027, offDays: '2027-01-01', replace: '1' }))).toMatchObject({
			saved: [2027]
		});
		expect((await listCalendarYears(t.db)).find((y) => y.year === 2027)!.offDays).toEqual(['2027-01-01']);
		// Both saves are in the audit log, with who and what; the refused one is not.
		const log = await listAudit(t.db, { action: 'calendar.save', page: 1 });
		expect(log.rows.map((r) => [r.target, r.actor_username, r.detail.offDays, r.detail.replaced])).toEqual([
			['calendar:2027', 'admin', 1, true],
			['calendar:2027', 'admin', 6, false]
		]);
	});

	it('a JSON upload saves all its years or none', async () => {
		const file = (o: unknown) => new File([JSON.stringify(o)], 'calendar.json', { type: 'application/json' });
		const bad = await page.actions.upload(
			event(admin, {
				file: file({
					years: {
						2028: { title: 't', offDays: ['2028-01-03'], makeupWorkdays: [] },
						2029: { title: 't', offDays: ['2028-05-01'], makeupWorkdays: [] }
					}
				})
			})
		);
		expect(status(bad)).toBe(400);
		expect(data(bad).issues).toEqual([{ field: 'offDays', code: 'outside_year', value: '2028-05-01' }]);
		expect(await yearsOnFile()).not.toContain(2028);
		expect(status(await page.actions.upload(event(admin, { file: new File(['not json'], 'x.json') })))).toBe(400);
		const good = await page.actions.upload(
			event(admin, {
				file: file({ years: { 2028: { title: 't', source: '', offDays: ['2028-01-03'], makeupWorkdays: [] } } })
			})
		);
		expect(good).toMatchObject({ saved: [2028] });
		expect(await yearsOnFile()).toContain(2028);
	});
});
