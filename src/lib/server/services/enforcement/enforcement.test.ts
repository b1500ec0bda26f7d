import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { at } from '$lib/domain/fixtures/time';
import { evidenceDir } from '../../config';
import { verifyEvidence } from '../../evidence';
import { listEnforcementEvents, listEvidence } from '../../repositories/enforcement';
import { LoggingSmsSender, setSmsSender } from '../../sms';
import { actorOf, createTestDb, jpeg, listFiles, type TestDb } from '../../test-db';
import { applyEnforcementAction, type EnforcementInput } from './actions';
import { loadEnforcementDetail } from './detail';
import { enforcementFromAlert, seedShop, versionOf } from './fixtures';

let t: TestDb;
let sms: LoggingSmsSender;
beforeEach(async () => {
	t = await createTestDb();
	sms = new LoggingSmsSender();
	setSmsSender(sms);
});
afterEach(async () => {
	setSmsSender(null);
	await t.cleanup();
});

const T0 = at('2026-09-29 10:00');

const openFromAlert = (now = T0) => enforcementFromAlert(t.db, now);

async function counts() {
	const n = async (tbl: 'enforcement_events' | 'evidence_files' | 'sms_messages') =>
		Number(
			(
				await t.db
					.selectFrom(tbl)
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);
	const row = await t.db.selectFrom('enforcement_cases').selectAll().executeTakeFirst();
	return {
		events: await n('enforcement_events'),
		evidence: await n('evidence_files'),
		sms: await n('sms_messages'),
		row,
		files: listFiles(evidenceDir()).length
	};
}

describe('from an alert to a paid penalty', () => {
	it('walks every legal step, texts the shop, numbers both documents and keeps the evidence intact', async () => {
		const zhifa = await actorOf(t.db, 'zhifa');
		const { alertId, id, code } = await openFromAlert();
		expect(code).toBe('Z202609290001');
		const alert = await t.db.selectFrom('alerts').selectAll().where('id', '=', alertId).executeTakeFirstOrThrow();
		expect(alert).toMatchObject({ status: 'enforcement', enforcement_id: id });
		expect((await listEvidence(t.db, id)).map((e) => e.kind)).toEqual(['frame', 'frame']);

		const shopId = await seedShop(t.db, zhifa.id, T0);
		let version = 1;
		const step = async (input: EnforcementInput, now: number, photos: Awaited<ReturnType<typeof jpeg>>[] = []) => {
			const r = await applyEnforcementAction(t.db, zhifa, id, version, input, photos, now);
			if (!r.ok) throw new Error(`${input.action}: ${JSON.stringify(r)}`);
			version = await versionOf(t.db, id);
			return r;
		};
		await step({ action: 'link_shop', shopId }, T0 + 60_000);
		await step({ action: 'notify' }, at('2026-09-29 10:05'));
		expect(sms.sent).toEqual([{ phone: '13912345678', body: expect.stringContaining('老王水果店') }]);
		expect(sms.sent[0].body).toContain('30分钟内自行整改');
		await step({ action: 'recheck', corrected: false, note: '仍在经营', photoCount: 0 }, at('2026-09-29 10:40'), [
			await jpeg('recheck.jpg')
		]);
		await step({ action: 'register' }, at('2026-09-29 11:00'));
		await step({ action: 'confirm_party', method: 'phone', note: '王建国电话确认' }, at('2026-09-29 14:00'));
		await step({ action: 'issue_notice', proposedFine: 50_000 }, at('2026-09-29 15:00'));
		await step({ action: 'lapse_statement' }, at('2026-10-10 09:00'));
		await step({ action: 'decide', fine: 50_000 }, at('2026-10-12 10:00'));
		await step({ action: 'record_payment', amount: 50_000, paidOn: '2026-10-20' }, at('2026-10-20 16:00'));
		await step({ action: 'close' }, at('2026-10-21 09:00'));

		const row = await t.db.selectFrom('enforcement_cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			status: 'closed',
			outcome: 'paid',
			notice_no: '古美城管告字〔2026〕第0001号',
			decision_no: '古美城管罚字〔2026〕第0001号',
			fine: 50_000,
			paid_amount: 50_000,
			statement_due_at: at('2026-10-10 00:00'),
			payment_due_at: at('2026-10-28 00:00'),
			version: 12
		}); // 先行告知 claims the case before sending, then writes the step
		const actions = (await listEnforcementEvents(t.db, id)).map((e) => e.action);
		expect(actions).toEqual([
			'open',
			'link_shop',
			'notify',
			'recheck',
			'register',
			'confirm_party',
			'issue_notice',
			'lapse_statement',
			'decide',
			'record_payment',
			'close'
		]);
		const sent = await t.db.selectFrom('sms_messages').selectAll().execute();
		expect(sent).toMatchObject([{ enforcement_id: id, phone: '13912345678', provider: 'log', status: 'sent' }]);
		const evidence = await listEvidence(t.db, id);
		expect(evidence.map((e) => e.kind)).toEqual(['frame', 'frame', 'photo']);
		for (const e of evidence) expect(await verifyEvidence(evidenceDir(), e)).toBe('ok');
	});
});

describe('evidence that changes on disk', () => {
	it('the case page reports a changed file as a mismatch and a removed one as missing', async () => {
		const { id } = await openFromAlert();
		const zhifa = await actorOf(t.db, 'zhifa');
		const ok = await loadEnforcementDetail(t.db, zhifa, id, T0);
		if (!ok || ok === 'forbidden') throw new Error('no detail');
		expect(ok.allEvidenceOk).toBe(true);
		const [first, second] = await listEvidence(t.db, id);
		expect([first.id, second.id]).toEqual(ok.evidence.map((e) => e.id));
		const file = (rel: string) => path.join(evidenceDir(), rel);
		fs.appendFileSync(file(first.path), Buffer.from([0]));
		fs.rmSync(file(second.path));
		const after = await loadEnforcementDetail(t.db, zhifa, id, T0);
		if (!after || after === 'forbidden') throw new Error('no detail');
		expect(after.allEvidenceOk).toBe(false);
		expect(after.evidence.map((e) => e.check)).toEqual(['mismatch', 'missing']);
		// The recorded hashes themselves cannot be rewritten to match.
		await expect(
			t.db.updateTable('evidence_files').set({ sha256: 'x' }).where('id', '=', first.id).execute()
		).rejects.toThrow(/fixed once recorded/);
		await expect(t.db.deleteFrom('evidence_files').where('id', '=', first.id).execute()).rejects.toThrow(
			/never deleted/
		);
	});

	it('who may see a case page: officers, the dispatcher and leadership; nobody else', async () => {
		const { id } = await openFromAlert();
		for (const u of ['zhifa', 'diaodu', 'lingdao', 'admin'])
			expect(await loadEnforcementDetail(t.db, await actorOf(t.db, u), id, T0)).toMatchObject({ row: { id } });
		for (const u of ['wangge', 'chengguan'])
			expect(await loadEnforcementDetail(t.db, await actorOf(t.db, u), id, T0)).toBe('forbidden');
		const lingdao = await loadEnforcementDetail(t.db, await actorOf(t.db, 'lingdao'), id, T0);
		expect(lingdao !== 'forbidden' && lingdao?.actions).toEqual([]);
	});
});

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
		const steps: EnforcementInput[] = [{ action: 'link_shop', shopId }, { action: 'notify' }];
		for (const s of steps)
			expect((await applyEnforcementAction(t.db, zhifa, id, await versionOf(t.db, id), s, [], T0 + 60_000)).ok).toBe(
				true
			);
		expect(
			(
				await applyEnforcementAction(
					t.db,
					zhifa,
					id,
					await versionOf(t.db, id),
					{ action: 'recheck', corrected: false, note: '', photoCount: 0 },
					[await jpeg()],
					T0 + 40 * 60_000
				)
			).ok
		).toBe(true);
		expect(
			(
				await applyEnforcementAction(
					t.db,
					zhifa,
					id,
					await versionOf(t.db, id),
					{ action: 'register' },
					[],
					T0 + 50 * 60_000
				)
			).ok
		).toBe(true);
		expect(
			(
				await applyEnforcementAction(
					t.db,
					zhifa,
					id,
					await versionOf(t.db, id),
					{ action: 'confirm_party', method: 'onsite', note: '' },
					[],
					T0 + 55 * 60_000
				)
			).ok
		).toBe(true);
		const before = await counts();
		for (const fine of [9_900, 100_100]) {
			expect(
				await applyEnforcementAction(
					t.db,
					zhifa,
					id,
					await versionOf(t.db, id),
					{ action: 'issue_notice', proposedFine: fine },
					[],
					T0 + 60 * 60_000
				)
			).toMatchObject({ ok: false, status: 400, code: 'fine_out_of_range' });
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
		const zhifa = await actorOf(t.db, 'zhifa');
		const { id } = await openFromAlert();
		await applyEnforcementAction(
			t.db,
			zhifa,
			id,
			1,
			{ action: 'link_shop', shopId: await seedShop(t.db, zhifa.id, T0) },
			[],
			T0
		);
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
		const zhifa = await actorOf(t.db, 'zhifa');
		const { id } = await openFromAlert();
		await applyEnforcementAction(
			t.db,
			zhifa,
			id,
			1,
			{ action: 'link_shop', shopId: await seedShop(t.db, zhifa.id, T0) },
			[],
			T0
		);
		const both = await Promise.all(
			[1, 2].map(() => applyEnforcementAction(t.db, zhifa, id, 2, { action: 'notify' }, [], T0 + 60_000))
		);
		expect(both.map((r) => (r.ok ? 200 : r.status)).sort()).toEqual([200, 409]);
		expect(sms.sent).toHaveLength(1);
		expect(await t.db.selectFrom('sms_messages').select('status').execute()).toEqual([{ status: 'sent' }]);
	});
});
