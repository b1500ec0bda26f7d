import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { computeDeadline } from '$lib/domain/deadlines';
import { HOTLINE_ACTIONS } from '$lib/domain/hotline-status';
import { HOTLINE_LIMITS } from '$lib/domain/hotline-stages';
import { photoDir } from '../../config';
import { listFiles } from '../../test-db';
import { at, endOf } from '$lib/domain/fixtures/time';
import {
	act,
	attachments,
	COMMANDS,
	events,
	expectNothingWritten,
	handlingOrder,
	newOrder,
	ok,
	row,
	useOrderActionsDb
} from './order-actions.fixtures';

// applyHotlineAction on a real database: who may act, stale versions and the append-only event log.

const env = useOrderActionsDb();

describe('who may act', () => {
	it('a grid worker (wangge) gets 403 for every action, and nothing is written', async () => {
		const id = await newOrder();
		await expectNothingWritten(id, async () => {
			for (const action of HOTLINE_ACTIONS) {
				expect(
					await act(
						'wangge',
						id,
						COMMANDS[action],
						at('2026-09-28 10:00'),
						action === 'request_return' ? [env.photo] : []
					)
				).toEqual({ ok: false, status: 403, code: 'forbidden' });
			}
		});
	});

	it('the admin may look but not act', async () => {
		const id = await newOrder();
		await expectNothingWritten(id, async () => {
			for (const action of HOTLINE_ACTIONS)
				expect(await act('admin', id, COMMANDS[action], at('2026-09-28 10:00'))).toMatchObject({ status: 403 });
		});
	});

	it('市容所 (shirong) acting on an order assigned to 城管中队 gets 403', async () => {
		const id = await newOrder();
		await ok('diaodu', id, { action: 'assign', departmentId: env.chengguanDept }, at('2026-09-28 09:30'));
		await expectNothingWritten(id, async () => {
			expect(await act('shirong', id, COMMANDS.sign, at('2026-09-28 10:00'))).toEqual({
				ok: false,
				status: 403,
				code: 'forbidden'
			});
			expect(await act('shirong', id, COMMANDS.request_return, at('2026-09-28 10:00'), [env.photo])).toEqual({
				ok: false,
				status: 403,
				code: 'forbidden'
			});
		});
		await ok('chengguan', id, COMMANDS.sign, at('2026-09-28 10:00'));
		await expectNothingWritten(id, async () => {
			for (const action of ['first_contact', 'reply', 'request_extension'] as const) {
				expect(await act('shirong', id, COMMANDS[action], at('2026-09-28 11:00'))).toEqual({
					ok: false,
					status: 403,
					code: 'forbidden'
				});
			}
		});
		// Re-assigned to 市容所 (改派 is only possible before 签收, so a fresh order): now shirong may sign.
		const other = await newOrder();
		await ok('diaodu', other, { action: 'assign', departmentId: env.chengguanDept }, at('2026-09-28 09:30'));
		await ok('diaodu', other, { action: 'assign', departmentId: env.shirongDept }, at('2026-09-28 09:40'));
		expect(await act('chengguan', other, COMMANDS.sign, at('2026-09-28 10:00'))).toMatchObject({ status: 403 });
		expect(await act('shirong', other, COMMANDS.sign, at('2026-09-28 10:00'))).toEqual({
			ok: true,
			status: 'handling'
		});
	});

	it('a handler cannot act on an order not yet assigned, nor do a dispatcher’s step', async () => {
		const id = await newOrder();
		await expectNothingWritten(id, async () => {
			expect(await act('chengguan', id, COMMANDS.sign, at('2026-09-28 10:00'))).toMatchObject({ status: 403 });
			expect(
				await act('chengguan', id, { action: 'assign', departmentId: env.chengguanDept }, at('2026-09-28 10:00'))
			).toMatchObject({ status: 403 });
		});
	});

	it('the leader (lingdao) may 督办: the deadline is pulled in to 3 wd, the status stays', async () => {
		const id = await handlingOrder('复杂事项'); // 15 wd
		await ok('chengguan', id, COMMANDS.first_contact, at('2026-09-28 10:30'));
		const before = await row(id);
		expect(before.deadline_at).toBe(endOf('2026-10-23'));
		expect(
			await ok('lingdao', id, { action: 'supervise', note: '市民多次来电，请加快' }, at('2026-09-29 09:00'))
		).toEqual({ ok: true, status: 'handling' });
		const urged = computeDeadline(at('2026-09-29 09:00'), HOTLINE_LIMITS.supervise, env.calendar);
		expect(urged).toBe(endOf('2026-10-09')); // 09-30, 10-08, 10-09 (10-01..07 off)
		expect(await row(id)).toMatchObject({
			status: 'handling',
			supervised_at: at('2026-09-29 09:00'),
			deadline_at: urged,
			due_at: urged
		});
		expect((await events(id)).at(-1)).toMatchObject({
			action: 'supervise',
			actor_id: env.users.get('lingdao'),
			from_status: 'handling',
			to_status: 'handling'
		});
		// …but not assign or evaluate.
		expect(await act('lingdao', id, COMMANDS.assign, at('2026-09-29 10:00'))).toMatchObject({ status: 403 });
	});

	it('an unknown order is 404; an unknown department is refused', async () => {
		expect(await act('diaodu', 999_999, COMMANDS.sign, at('2026-09-28 10:00'), [], 1)).toEqual({
			ok: false,
			status: 404,
			code: 'not_found'
		});
		const id = await newOrder();
		await expectNothingWritten(id, async () => {
			expect(await act('diaodu', id, { action: 'assign', departmentId: 9999 }, at('2026-09-28 10:00'))).toMatchObject({
				ok: false,
				status: 400,
				code: 'unknown_department'
			});
		});
	});
});

describe('versions and the event log', () => {
	it('a stale version → 409 and nothing written', async () => {
		const id = await newOrder();
		await ok('diaodu', id, { action: 'assign', departmentId: env.chengguanDept }, at('2026-09-28 09:30'));
		await expectNothingWritten(id, async () => {
			expect(await act('chengguan', id, COMMANDS.sign, at('2026-09-28 10:00'), [], 1)).toEqual({
				ok: false,
				status: 409,
				code: 'stale'
			});
		});
	});

	it('two requests on the same version at once: one wins, the other gets 409 and leaves no photo behind', async () => {
		const id = await handlingOrder();
		const version = (await row(id)).version;
		const filesBefore = listFiles(photoDir()).length;
		const results = await Promise.all([
			act('chengguan', id, COMMANDS.request_return, at('2026-09-28 11:00'), [env.photo], version),
			act('chengguan', id, COMMANDS.request_return, at('2026-09-28 11:00'), [env.photo], version)
		]);
		expect(results.map((r) => (r.ok ? 200 : r.status)).sort()).toEqual([200, 409]);
		expect(await row(id)).toMatchObject({ status: 'return_requested', version: version + 1 });
		expect((await events(id)).filter((e) => e.action === 'request_return')).toHaveLength(1);
		expect(await attachments(id)).toHaveLength(1);
		expect(listFiles(photoDir()).length).toBe(filesBefore + 2); // one photo and its thumbnail
	});

	it('hotline_events refuses UPDATE and DELETE', async () => {
		const id = await newOrder();
		const before = await events(id);
		await expect(
			env.db.updateTable('hotline_events').set({ note: 'rewritten' }).where('order_id', '=', id).execute()
		).rejects.toThrow(/append-only/);
		await expect(env.db.deleteFrom('hotline_events').where('order_id', '=', id).execute()).rejects.toThrow(
			/append-only/
		);
		await expect(sql`DELETE FROM hotline_events`.execute(env.db)).rejects.toThrow(/append-only/);
		expect(await events(id)).toEqual(before);
	});
});
