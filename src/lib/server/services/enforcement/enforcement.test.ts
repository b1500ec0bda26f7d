import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { at } from '$lib/domain/fixtures/time';
import { evidenceDir } from '../../config';
import { verifyEvidence } from '../../evidence';
import { listEnforcementEvents, listEvidence } from '../../repositories/enforcement';
import { actorOf, jpeg } from '../../test-db';
import { type EnforcementInput } from './actions';
import { loadEnforcementDetail } from './detail';
import { act, openFromAlert, sms, t, T0 } from './enforcement.fixtures';
import type { PhotoInput } from '../../photos';
import { seedShop } from './fixtures';

describe('from an alert to a paid penalty', () => {
	it('walks every legal step, texts the shop, numbers both documents and keeps the evidence intact', async () => {
		const zhifa = await actorOf(t.db, 'zhifa');
		const { alertId, id, code } = await openFromAlert();
		expect(code).toBe('Z202609290001');
		const alert = await t.db.selectFrom('alerts').selectAll().where('id', '=', alertId).executeTakeFirstOrThrow();
		expect(alert).toMatchObject({ status: 'enforcement', enforcement_id: id });
		expect((await listEvidence(t.db, id)).map((e) => e.kind)).toEqual(['frame', 'frame']);

		const shopId = await seedShop(t.db, zhifa.id, T0);
		const walked: string[] = [];
		const step = async (input: EnforcementInput, now: number, photos: PhotoInput[] = []) => {
			const r = await act(zhifa, id, input, now, photos);
			if (!r.ok) throw new Error(`${input.action}: ${JSON.stringify(r)}`);
			walked.push(input.action);
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
		// Every step walked above, in order, after the opening.
		expect(walked).toHaveLength(10);
		expect(actions).toEqual(['open', ...walked]);
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
