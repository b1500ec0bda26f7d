import { describe, expect, it } from 'vitest';
import { actorOf, jpeg } from '../../test-db';
import { applyEnforcementAction, type EnforcementInput } from './actions';
import { act, caseWithShop, counts, openFromAlert, sms, t, T0 } from './enforcement.fixtures';
import { seedShop, versionOf } from './fixtures';
import type { PhotoInput } from '../../photos';
import { setSmsSender } from '../../sms';

describe('refusals write nothing', () => {
	it.each([
		['a decision without a notice', { action: 'decide', fine: 50_000 } as EnforcementInput, 'notice_required'],
		['先行告知 with no shop linked', { action: 'notify' } as EnforcementInput, 'shop_required'],
		['an unknown shop', { action: 'link_shop', shopId: 999 } as EnforcementInput, 'unknown_shop'],
		['a cancel without a reason', { action: 'cancel', reason: '' } as EnforcementInput, 'reason_required']
	])('%s', async (_label, input, code) => {
		const { id } = await openFromAlert();
		const before = await counts();
		const r = await applyEnforcementAction(t.db, await actorOf(t.db, 'zhifa'), id, 1, input, [], T0 + 60_000);
		expect(r).toMatchObject({ ok: false, status: 400, code });
		expect(await counts()).toEqual(before);
		expect(sms.sent).toEqual([]);
	});

	it('a fine outside the legal range, at the notice', async () => {
		const zhifa = await actorOf(t.db, 'zhifa');
		const { id } = await openFromAlert();
		const shopId = await seedShop(t.db, zhifa.id, T0);
		const steps: [EnforcementInput, number, PhotoInput[]][] = [
			[{ action: 'link_shop', shopId }, T0 + 60_000, []],
			[{ action: 'notify' }, T0 + 60_000, []],
			[{ action: 'recheck', corrected: false, note: '', photoCount: 0 }, T0 + 40 * 60_000, [await jpeg()]],
			[{ action: 'register' }, T0 + 50 * 60_000, []],
			[{ action: 'confirm_party', method: 'onsite', note: '' }, T0 + 55 * 60_000, []]
		];
		for (const [input, now, photos] of steps) expect((await act(zhifa, id, input, now, photos)).ok).toBe(true);
		const before = await counts();
		for (const fine of [9_900, 100_100]) {
			expect(await act(zhifa, id, { action: 'issue_notice', proposedFine: fine }, T0 + 60 * 60_000)).toMatchObject({
				ok: false,
				status: 400,
				code: 'fine_out_of_range'
			});
		}
		expect(await counts()).toEqual(before);
	});

	it('a re-check photo that is not an image is refused and no file stays behind', async () => {
		const zhifa = await actorOf(t.db, 'zhifa');
		const { id } = await openFromAlert();
		const shopId = await seedShop(t.db, zhifa.id, T0);
		await applyEnforcementAction(t.db, zhifa, id, 1, { action: 'link_shop', shopId }, [], T0 + 60_000);
		await applyEnforcementAction(t.db, zhifa, id, 2, { action: 'notify' }, [], T0 + 60_000);
		const before = await counts();
		const fake = { name: 'x.jpg', bytes: new TextEncoder().encode('not an image at all') };
		const r = await applyEnforcementAction(
			t.db,
			zhifa,
			id,
			await versionOf(t.db, id),
			{ action: 'recheck', corrected: false, note: '', photoCount: 0 },
			[fake],
			T0 + 40 * 60_000
		);
		expect(r).toMatchObject({ ok: false, status: 400, code: 'photo_invalid' });
		expect(await counts()).toEqual(before);
	});

	it('who may act: the officer only; a stale version gets 409', async () => {
		const { id } = await openFromAlert();
		for (const u of ['diaodu', 'lingdao', 'admin', 'chengguan', 'wangge']) {
			expect(
				await applyEnforcementAction(t.db, await actorOf(t.db, u), id, 1, { action: 'cancel', reason: '测试' }, [], T0)
			).toMatchObject({ ok: false, status: 403 });
		}
		expect(
			await applyEnforcementAction(
				t.db,
				await actorOf(t.db, 'zhifa'),
				id,
				7,
				{ action: 'cancel', reason: '测试' },
				[],
				T0
			)
		).toMatchObject({ ok: false, status: 409 });
		expect(
			await applyEnforcementAction(
				t.db,
				await actorOf(t.db, 'zhifa'),
				999,
				1,
				{ action: 'cancel', reason: '测试' },
				[],
				T0
			)
		).toMatchObject({ ok: false, status: 404 });
	});

	it('a failed SMS is recorded as failed and leaves the case waiting for its notice', async () => {
		const { zhifa, id } = await caseWithShop();
		setSmsSender({ send: async () => Promise.reject(new Error('gateway down')) });
		const before = await counts();
		expect(await applyEnforcementAction(t.db, zhifa, id, 2, { action: 'notify' }, [], T0 + 60_000)).toMatchObject({
			ok: false,
			status: 502,
			code: 'sms_failed'
		});
		const after = await counts();
		expect(after).toMatchObject({
			events: before.events,
			evidence: before.evidence,
			files: before.files,
			sms: 1,
			row: { status: 'pending_notice', notified_at: null }
		});
		expect(await t.db.selectFrom('sms_messages').select(['status', 'phone']).execute()).toEqual([
			{ status: 'failed', phone: '13912345678' }
		]);
		// Sending again works once the gateway is back; the case moves on and the new message is sent.
		setSmsSender(sms);
		expect(
			await applyEnforcementAction(t.db, zhifa, id, after.row!.version, { action: 'notify' }, [], T0 + 120_000)
		).toMatchObject({ ok: true, status: 'rectifying' });
		expect(
			(await t.db.selectFrom('sms_messages').select('status').orderBy('id').execute()).map((r) => r.status)
		).toEqual(['failed', 'sent']);
	});

	it('two officers sending the notice at once: one SMS, one 409', async () => {
		const { zhifa, id } = await caseWithShop();
		const both = await Promise.all(
			[1, 2].map(() => applyEnforcementAction(t.db, zhifa, id, 2, { action: 'notify' }, [], T0 + 60_000))
		);
		expect(both.map((r) => (r.ok ? 200 : r.status)).sort()).toEqual([200, 409]);
		expect(sms.sent).toHaveLength(1);
		expect(await t.db.selectFrom('sms_messages').select('status').execute()).toEqual([{ status: 'sent' }]);
	});
});
