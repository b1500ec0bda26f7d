import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityUpdate } from '$lib/domain/city-updates';
import { HttpCityPlatform, type CityPlatform } from '../../city-platform';
import { listOrderCityUpdates } from '../../repositories/city-outbox';
import { at } from '$lib/domain/fixtures/time';
import { act, contactedByPhone, handlingOrder, ok, row, useOrderActionsDb } from './order-actions.fixtures';
import { deliverDueUpdates, type CitySenderOptions } from './city-sender';

const env = useOrderActionsDb();

// A stand-in for the city platform on an ephemeral port. `answer` decides each request; accepted
// updates are kept once per idempotency key (what a city that de-duplicates would keep).
type Answer = 'accept' | 'fail500' | 'hang' | { refuse: string };
let server: Server;
let url = '';
/** The answer to `u`, the `n`th request with its key and the `nth` request of the test. */
let answer: (u: CityUpdate, n: number, nth: number) => Answer = () => 'accept';
let requests: CityUpdate[] = [];
let accepted: CityUpdate[] = [];
const hanging: ServerResponse[] = [];
// The answer to each request is decided on the sending side, just before it is sent: the stand-in obeys it, and
// only a request it will leave hanging gets the short timeout. An answered request has seconds of headroom, so a
// slow machine never turns an answer into a timeout.
const planned = new Map<string, Answer>();
const sentTimes = new Map<string, number>();
const ANSWERED_WITHIN_MS = 15_000;
const HANG_TIMEOUT_MS = 250;

beforeAll(async () => {
	server = createServer((req: IncomingMessage, res: ServerResponse) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			const u = JSON.parse(body) as CityUpdate;
			expect(req.headers['idempotency-key']).toBe(u.idempotencyKey);
			expect(req.headers.authorization).toBe('Bearer city-key');
			requests.push(u);
			const a = planned.get(u.idempotencyKey) ?? 'accept';
			if (a === 'hang') return void hanging.push(res);
			if (a === 'fail500') return void res.writeHead(500).end('internal error');
			if (typeof a === 'object')
				return void res
					.writeHead(422, { 'content-type': 'application/json' })
					.end(JSON.stringify({ reason: a.refuse }));
			if (!accepted.some((x) => x.idempotencyKey === u.idempotencyKey)) accepted.push(u);
			res
				.writeHead(200, { 'content-type': 'application/json' })
				.end(JSON.stringify({ ref: `CITY-${accepted.length}` }));
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/updates`;
});
afterAll(async () => {
	for (const res of hanging) res.destroy();
	server.closeAllConnections();
	await new Promise((r) => server.close(r));
});

/** The real HTTP adapter against the stand-in; the timeout of each request follows the answer planned for it. */
const platform = (): CityPlatform => ({
	name: 'http',
	deliver: (u) => {
		const n = (sentTimes.get(u.idempotencyKey) ?? 0) + 1;
		sentTimes.set(u.idempotencyKey, n);
		const a = answer(
			u,
			n,
			[...sentTimes.values()].reduce((x, y) => x + y, 0)
		);
		planned.set(u.idempotencyKey, a);
		return new HttpCityPlatform(url, 'city-key', a === 'hang' ? HANG_TIMEOUT_MS : ANSWERED_WITHIN_MS).deliver(u);
	}
});
let clock = at('2026-09-30 12:00');
const opts = (o: Partial<CitySenderOptions> = {}): Partial<CitySenderOptions> => ({
	clock: () => clock,
	backoff: { baseMs: 30_000, maxMs: 600_000 },
	log: () => {},
	...o
});
const outboxOf = async (orderId: number) =>
	(await listOrderCityUpdates(env.db, orderId)).map((u) => ({
		action: u.action,
		status: u.status,
		attempts: u.attempts
	}));
const reset = (a: typeof answer) => {
	answer = a;
	requests = [];
	accepted = [];
	planned.clear();
	sentTimes.clear();
};

/** 签收, 先行联系 and 答复 on a new order: three updates queued. */
async function threeUpdates(): Promise<number> {
	const id = await handlingOrder();
	await contactedByPhone(id, '已电话联系');
	await ok('chengguan', id, { action: 'reply', resolved: true, text: '已责令停止夜间施工' }, at('2026-09-29 15:00'));
	return id;
}

describe('the city outbox', () => {
	it('is written with the event, only for the five reported actions, and not at all when the action is refused', async () => {
		const id = await handlingOrder();
		expect(await outboxOf(id)).toEqual([{ action: 'sign', status: 'pending', attempts: 0 }]); // 派单 is not reported
		const before = (await row(id)).version;
		expect(
			await act('chengguan', id, { action: 'reply', resolved: true, text: 'x' }, at('2026-09-28 11:00'))
		).toMatchObject({ ok: false, code: 'first_contact_required' });
		expect(await act('chengguan', id, { action: 'sign' }, at('2026-09-28 11:00'), [], before - 1)).toMatchObject({
			ok: false,
			status: 409
		});
		expect(await outboxOf(id)).toHaveLength(1);
		const event = await env.db
			.selectFrom('city_outbox')
			.innerJoin('hotline_events', 'hotline_events.id', 'city_outbox.event_id')
			.select(['hotline_events.action', 'city_outbox.payload'])
			.where('city_outbox.order_id', '=', id)
			.executeTakeFirstOrThrow();
		const sent = JSON.parse(event.payload) as CityUpdate;
		expect(event.action).toBe('sign');
		expect(sent).toMatchObject({
			orderNo: (await row(id)).order_no,
			action: 'sign',
			at: new Date(at('2026-09-28 10:00')).toISOString()
		});
		expect(JSON.stringify(sent)).not.toMatch(/13812345678|张三/); // no personal data leaves for the city
		await env.db.deleteFrom('city_outbox').where('order_id', '=', id).execute(); // out of the way of the next tests
	});

	it('500, then a timeout, then accepted: each update arrives exactly once and in order, later ones held back meanwhile', async () => {
		const id = await threeUpdates();
		reset((_u, _n, nth) => (nth === 1 ? 'fail500' : nth === 2 ? 'hang' : 'accept'));
		clock = at('2026-09-30 12:00');

		expect(await deliverDueUpdates(env.db, platform(), opts())).toEqual({ delivered: 0, refused: 0, retrying: 1 });
		expect(await outboxOf(id)).toEqual([
			{ action: 'sign', status: 'retrying', attempts: 1 },
			{ action: 'first_contact', status: 'pending', attempts: 0 },
			{ action: 'reply', status: 'pending', attempts: 0 }
		]);
		const [first] = await listOrderCityUpdates(env.db, id);
		expect(first).toMatchObject({ last_error: 'HTTP 500: internal error', next_attempt_at: clock + 30_000 });

		clock += 29_999; // not due yet: nothing is sent
		expect(await deliverDueUpdates(env.db, platform(), opts())).toEqual({ delivered: 0, refused: 0, retrying: 0 });
		clock += 1;
		const started = Date.now();
		expect(await deliverDueUpdates(env.db, platform(), opts())).toEqual({ delivered: 0, refused: 0, retrying: 1 });
		// The short timeout ended the hanging request, not the generous one every answered request gets.
		expect(Date.now() - started).toBeLessThan(ANSWERED_WITHIN_MS);
		expect((await listOrderCityUpdates(env.db, id))[0]).toMatchObject({
			status: 'retrying',
			attempts: 2,
			last_error: 'timeout',
			next_attempt_at: clock + 60_000
		});

		clock += 60_000;
		expect(await deliverDueUpdates(env.db, platform(), opts())).toEqual({ delivered: 3, refused: 0, retrying: 0 });
		expect(accepted.map((u) => u.action)).toEqual(['sign', 'first_contact', 'reply']);
		expect(new Set(accepted.map((u) => u.idempotencyKey)).size).toBe(3);
		// The sign update was tried three times with one key; the city kept it once.
		expect(requests.map((u) => u.action)).toEqual(['sign', 'sign', 'sign', 'first_contact', 'reply']);
		expect(new Set(requests.slice(0, 3).map((u) => u.idempotencyKey)).size).toBe(1);
		const rows = await listOrderCityUpdates(env.db, id);
		expect(rows.map((u) => [u.status, u.attempts, u.city_ref])).toEqual([
			['delivered', 3, 'CITY-1'],
			['delivered', 1, 'CITY-2'],
			['delivered', 1, 'CITY-3']
		]);
		clock += 3_600_000; // nothing is sent twice
		expect(await deliverDueUpdates(env.db, platform(), opts())).toEqual({ delivered: 0, refused: 0, retrying: 0 });
		expect(requests).toHaveLength(5);
	});

	it('a refusal (4xx with a reason) is recorded with the reason, never retried, and does not hold the order’s later updates', async () => {
		const id = await handlingOrder();
		await ok(
			'chengguan',
			id,
			{ action: 'request_return', reasonCode: 'not_our_duty', note: '属于房办职责', evidenceCount: 0 },
			at('2026-09-28 11:00'),
			[env.photo]
		);
		reset((u) => (u.action === 'sign' ? { refuse: '工单已被市级平台收回' } : 'accept'));
		expect(await deliverDueUpdates(env.db, platform(), opts())).toEqual({ delivered: 1, refused: 1, retrying: 0 });
		const rows = await listOrderCityUpdates(env.db, id);
		expect(rows.map((u) => [u.action, u.status, u.refused_reason])).toEqual([
			['sign', 'refused', '工单已被市级平台收回'],
			['request_return', 'delivered', null]
		]);
		clock += 86_400_000;
		expect(await deliverDueUpdates(env.db, platform(), opts())).toEqual({ delivered: 0, refused: 0, retrying: 0 });
		expect(requests.map((u) => u.action)).toEqual(['sign', 'request_return']);
	});

	it('a city platform that is down loses nothing: retried with growing waits until it is back', async () => {
		const id = await threeUpdates();
		const down = new HttpCityPlatform('http://127.0.0.1:9/updates', 'city-key', ANSWERED_WITHIN_MS); // nothing listens on port 9
		const waits: number[] = [];
		for (let i = 0; i < 4; i++) {
			expect(await deliverDueUpdates(env.db, down, opts())).toEqual({ delivered: 0, refused: 0, retrying: 1 });
			const head = (await listOrderCityUpdates(env.db, id))[0];
			expect(head.last_error).toMatch(/^network: /);
			waits.push(head.next_attempt_at - clock);
			clock = head.next_attempt_at;
		}
		expect(waits).toEqual([30_000, 60_000, 120_000, 240_000]);
		reset(() => 'accept');
		expect(await deliverDueUpdates(env.db, platform(), opts())).toEqual({ delivered: 3, refused: 0, retrying: 0 });
		expect(accepted.map((u) => u.action)).toEqual(['sign', 'first_contact', 'reply']);
	});

	it('many orders at once, each failing first: every update exactly once, each order’s in order', async () => {
		const ids: number[] = [];
		for (let i = 0; i < 6; i++) ids.push(await threeUpdates());
		reset((u, n) => (n === 1 ? (u.action === 'first_contact' ? 'hang' : 'fail500') : 'accept'));
		for (let round = 0; round < 12; round++) {
			await deliverDueUpdates(env.db, platform(), opts({ concurrency: 4 }));
			clock += 600_000;
		}
		const orderNos = await Promise.all(ids.map(async (id) => (await row(id)).order_no));
		for (const no of orderNos)
			expect(accepted.filter((u) => u.orderNo === no).map((u) => u.action)).toEqual(['sign', 'first_contact', 'reply']);
		expect(accepted).toHaveLength(18);
		expect(new Set(accepted.map((u) => u.idempotencyKey)).size).toBe(18);
		for (const id of ids)
			expect((await outboxOf(id)).every((u) => u.status === 'delivered' && u.attempts === 2)).toBe(true);
	});
});
