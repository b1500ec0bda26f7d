import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { at, endOf } from '$lib/domain/fixtures/time';
import { createApiKey, revokeApiKey } from '$lib/server/auth/api-keys';
import { gridRow, januaryCase, orderRow } from '$lib/server/services/stats/fixtures';
import { actorOf, createTestDb, type TestDb } from '$lib/server/test-db';
import type { Actor } from '$lib/domain/access';

// As in the other API tests: the handler opens DATABASE_PATH through getDb(), so point it at the
// test database before loading the module (fresh module graph, no cached connection).
type Handler = (event: { request: Request; url: URL; locals: { actor: Actor | null } }) => Promise<Response>;
let GET: Handler;
let t: TestDb;
let statsKey: string;
let hotlineKey: string;
let leader: Actor;
let gridWorker: Actor;
const savedDatabasePath = process.env.DATABASE_PATH;

beforeAll(async () => {
	t = await createTestDb();
	process.env.DATABASE_PATH = path.join(t.dir, 'gridcase.db');
	vi.resetModules();
	GET = (await import('./+server')).GET as unknown as Handler;
	const admin = t.users.get('admin')!;
	statsKey = (await createApiKey(t.db, '区统计平台', admin, Date.now(), 'stats')).key;
	hotlineKey = (await createApiKey(t.db, '市12345平台', admin, Date.now())).key;
	leader = await actorOf(t.db, 'lingdao');
	gridWorker = await actorOf(t.db, 'wangge');

	// A hand-made January (and one February case); all decided long before the real clock's now.
	const jan10 = at('2026-01-10 09:00');
	// On time and efficient.
	await gridRow(t.db, januaryCase('2026-01-11 10:00', '2026-01-13 10:00'));
	// Late: the feedback came after the deadline.
	await gridRow(t.db, januaryCase('2026-01-14 10:00', '2026-01-15 10:00', { rework: 1 }));
	// Still open past its deadline: late, backlog never helps a rate.
	await gridRow(t.db, { status: 'handling', reportedAt: jan10, deadlineAt: endOf('2026-01-20') });
	// Void: left out.
	await gridRow(t.db, { status: 'void', reportedAt: jan10 });
	// February, on time.
	await gridRow(t.db, {
		status: 'closed',
		reportedAt: at('2026-02-02 09:00'),
		deadlineAt: endOf('2026-02-05'),
		efficientAt: endOf('2026-02-03'),
		feedbackAt: at('2026-02-03 10:00'),
		closedAt: at('2026-02-04 10:00')
	});
	// A 12345 order contacted and answered in time.
	await orderRow(t.db, {
		receivedAt: at('2026-01-05 10:00'),
		firstContactDueAt: endOf('2026-01-06'),
		firstContactAt: at('2026-01-06 09:00'),
		deadlineAt: endOf('2026-01-12'),
		firstReplyAt: at('2026-01-09 10:00'),
		satisfaction: '满意',
		completedAt: at('2026-01-10 10:00')
	});
});
afterAll(async () => {
	const { getDb } = await import('$lib/server/db');
	await getDb().destroy();
	if (savedDatabasePath === undefined) delete process.env.DATABASE_PATH;
	else process.env.DATABASE_PATH = savedDatabasePath;
	await t.cleanup();
});

type Answer = { status: number; json: Record<string, unknown> };
async function get(
	query: string,
	auth: { key?: string | null; actor?: Actor | null } = { key: statsKey }
): Promise<Answer> {
	const headers = new Headers();
	if (auth.key) headers.set('authorization', `Bearer ${auth.key}`);
	const url = new URL(`http://localhost/api/v1/stats?${query}`);
	const res = await GET({ request: new Request(url, { headers }), url, locals: { actor: auth.actor ?? null } });
	return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
const JAN = 'from=2026-01-01&to=2026-01-31';

describe('GET /api/v1/stats: who may read', () => {
	it('no key and no session → 401 api_key_missing', async () => {
		expect(await get(JAN, {})).toMatchObject({ status: 401, json: { error: { code: 'api_key_missing' } } });
	});

	it('a key that was never issued → 401 api_key_invalid', async () => {
		expect(await get(JAN, { key: `gck_aaaaaaaa_${'a'.repeat(32)}` })).toMatchObject({
			status: 401,
			json: { error: { code: 'api_key_invalid' } }
		});
	});

	it('a revoked stats key → 401 api_key_revoked', async () => {
		const old = await createApiKey(t.db, '旧统计平台', t.users.get('admin')!, Date.now(), 'stats');
		await revokeApiKey(t.db, old.id, Date.now());
		expect(await get(JAN, { key: old.key })).toMatchObject({
			status: 401,
			json: { error: { code: 'api_key_revoked' } }
		});
	});

	it('a 12345 (hotline) key → 403 wrong_integration', async () => {
		expect(await get(JAN, { key: hotlineKey })).toMatchObject({
			status: 403,
			json: { error: { code: 'wrong_integration' } }
		});
	});

	it('a session whose role may not see statistics (grid worker) → 403 forbidden', async () => {
		expect(await get(JAN, { actor: gridWorker })).toMatchObject({
			status: 403,
			json: { error: { code: 'forbidden' } }
		});
	});

	it("a leader's session and a stats key both read the figures", async () => {
		const bySession = await get(JAN, { actor: leader });
		const byKey = await get(JAN);
		expect(bySession.status).toBe(200);
		expect(byKey).toEqual(bySession);
	});
});

describe('GET /api/v1/stats: bad queries → 400 with a code', () => {
	it.each([
		['from=2026-01-01', 'date_required', 'to'],
		['to=2026-01-31', 'date_required', 'from'],
		['from=2026-02-30&to=2026-03-31', 'invalid_date', 'from'],
		['from=2026-01-01&to=2026-1-31', 'invalid_date', 'to'],
		['from=2026-02-01&to=2026-01-31', 'from_after_to', 'to'],
		['from=2025-01-01&to=2026-01-02', 'period_too_long', 'to']
	])('%s → %s', async (query, code, field) => {
		expect(await get(query)).toEqual({
			status: 400,
			json: { error: { code, message: expect.any(String), fields: { [field]: code } } }
		});
	});

	it('an unknown groupBy → 400 invalid_group_by', async () => {
		expect(await get(`${JAN}&groupBy=street`)).toMatchObject({
			status: 400,
			json: { error: { code: 'invalid_group_by' } }
		});
	});

	it('a whole leap year (366 days) is allowed', async () => {
		expect((await get('from=2024-01-01&to=2024-12-31')).status).toBe(200);
	});
});

describe('GET /api/v1/stats: the figures', () => {
	it('January in total: both counts, the value, the left-out and the open', async () => {
		const r = await get(JAN);
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({ from: '2026-01-01', to: '2026-01-31', groupBy: null, groups: [] });
		const rates = r.json.rates as Record<string, unknown>;
		expect(rates.grid_on_time).toEqual({ numerator: 1, denominator: 3, value: 0.3333, excluded: 1, undecided: 0 });
		expect(rates.grid_efficient).toEqual({ numerator: 1, denominator: 3, value: 0.3333, excluded: 1, undecided: 0 });
		expect(rates.rework).toEqual({ numerator: 1, denominator: 2, value: 0.5, excluded: 0, undecided: 0 });
		expect(rates.first_contact).toEqual({ numerator: 1, denominator: 1, value: 1, excluded: 0, undecided: 0 });
		expect(rates.hotline_on_time).toEqual({ numerator: 1, denominator: 1, value: 1, excluded: 0, undecided: 0 });
		// Three cases dispatched in January, none extended.
		expect(rates.extension).toMatchObject({ numerator: 0, denominator: 3, value: 0 });
		expect(Object.keys(rates).sort()).toEqual([
			'extension',
			'first_contact',
			'grid_efficient',
			'grid_on_time',
			'hotline_on_time',
			'return',
			'rework',
			'satisfaction'
		]);
		expect(r.json.volumes).toMatchObject({ reported: 4, closed: 2, orders_received: 1, orders_completed: 1 });
	});

	it('a month with nothing decided has value null', async () => {
		const r = await get('from=2026-06-01&to=2026-06-30');
		expect((r.json.rates as Record<string, unknown>).grid_on_time).toEqual({
			numerator: 0,
			denominator: 0,
			value: null,
			excluded: 0,
			undecided: 0
		});
	});

	it('groupBy=month: one group per month, each with its own rates', async () => {
		const r = await get('from=2026-01-01&to=2026-02-28&groupBy=month');
		expect(r.json.groupBy).toBe('month');
		const groups = r.json.groups as {
			key: string;
			rates: Record<string, { numerator: number; denominator: number; value: number | null }>;
			volumes: Record<string, number>;
		}[];
		expect(
			groups.map((g) => [
				g.key,
				g.rates.grid_on_time.numerator,
				g.rates.grid_on_time.denominator,
				g.rates.grid_on_time.value
			])
		).toEqual([
			['2026-01', 1, 3, 0.3333],
			['2026-02', 1, 1, 1]
		]);
		expect(groups[1].volumes.reported).toBe(1);
		expect((r.json.rates as Record<string, { numerator: number; denominator: number }>).grid_on_time).toMatchObject({
			numerator: 2,
			denominator: 4
		});
	});
});
