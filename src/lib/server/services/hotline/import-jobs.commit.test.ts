import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { rebuildCounts } from '../stats/rebuild';
import { checkRowsAgainstLogs } from '../stats/replay-check';
import { commitImport } from './import-commit';
import { importFilePath, loadImportStatus, markInterruptedImports, startCommit, startImport } from './import-upload';
import { errorLabel } from '$lib/labels';
import { at } from '$lib/domain/fixtures/time';
import { CODE, FORMATS, mixedRows, tmp, valid, writeFile } from './import-jobs.files.fixtures';
import {
	analyse,
	commit,
	countEvents,
	countOrders,
	importRow,
	NOW,
	orders,
	reportOf,
	settle,
	useImportJobsEnv
} from './import-jobs.fixtures';

// Commit modes (all_or_nothing, valid_only), re-imports and changed orders, and the upload path the import page uses.

const env = useImportJobsEnv();

describe('commitImport', () => {
	it('all_or_nothing with errors writes nothing, even after whole batches were inserted (failed, import_has_errors)', async () => {
		// 2,500 valid rows first, so a 2,000-row batch is inside the transaction before the bad row is met.
		const rows = Array.from({ length: 2500 }, (_, i) => valid(`AON-${String(i).padStart(5, '0')}`));
		rows.push(valid('AON-BAD', { type: '表扬' }));
		const file = await writeFile('utf-8', rows);
		const before = { orders: await countOrders(), events: await countEvents() };
		const { imp } = await analyse(file);
		await commitImport(env.db, imp, file, 'all_or_nothing', env.actorId, NOW);
		expect(await importRow(imp.id)).toMatchObject({ status: 'failed', written_rows: 0 });
		expect(await reportOf(imp.id)).toEqual({ fileError: 'import_has_errors', line: null, otherLine: null });
		expect({ orders: await countOrders(), events: await countEvents() }).toEqual(before);
	});

	it.each(FORMATS)('valid_only writes exactly the valid rows, each with its receive event (%s)', async (format) => {
		const p = `VO${CODE[format]}`;
		const { imp, row } = await commit(await writeFile(format, mixedRows(p)), 'valid_only');
		expect(row).toMatchObject({ status: 'committed', mode: 'valid_only', written_rows: 3, new_rows: 3, error_rows: 6 });
		const stored = await orders(p);
		expect(stored.map((o) => o.order_no)).toEqual([`${p}-001`, `${p}-002`, `${p}-003`]);
		for (const o of stored) {
			expect(o).toMatchObject({
				origin: 'file',
				import_id: imp.id,
				status: 'received',
				citizen_name: '欧阳娜娜',
				phone: '13812345678',
				address: '古美路 1000 弄 3 号'
			});
		}
		expect(stored.map((o) => o.content)).toEqual([
			'楼道堆物，影响通行',
			'楼道堆物，影响通行',
			'夜间施工噪音，已持续一周'
		]);
		expect(stored[0].received_at).toBe(at('2026-09-28 09:15'));
		const events = await env.db
			.selectFrom('hotline_events')
			.selectAll()
			.where(
				'order_id',
				'in',
				stored.map((o) => o.id)
			)
			.execute();
		expect(events.map((e) => [e.action, e.actor_id])).toEqual(stored.map(() => ['receive', env.actorId]));
	});

	it('the four formats of one file give identical orders (decoding and XLSX cells agree)', async () => {
		const pick = (o: Awaited<ReturnType<typeof orders>>[number]) => {
			// Every field is a column; the fingerprint hashes the 工单号 too, so it differs by design.
			const { id: _id, order_no, import_id: _imp, fingerprint: _fp, ...rest } = o;
			return { ...rest, order_no: order_no.replace(/^VO[A-Z0-9]+-/, '') };
		};
		const byFormat = await Promise.all(FORMATS.map(async (f) => (await orders(`VO${CODE[f]}`)).map(pick)));
		expect(byFormat[0]).toHaveLength(3);
		for (const other of byFormat.slice(1)) expect(other).toEqual(byFormat[0]);
	});

	it('re-importing the same file: 0 new, all same, nothing written twice', async () => {
		const file = await writeFile('gb18030', mixedRows('RI'));
		await commit(file, 'valid_only');
		const before = { rows: await orders('RI'), orders: await countOrders(), events: await countEvents() };
		const again = await commit(file, 'valid_only');
		expect(again.row).toMatchObject({
			status: 'committed',
			valid_rows: 3,
			new_rows: 0,
			same_rows: 3,
			changed_rows: 0,
			written_rows: 0
		});
		expect({ rows: await orders('RI'), orders: await countOrders(), events: await countEvents() }).toEqual(before);
	});

	it('an import whose content changed for one order: reported as changed, the stored order is not overwritten', async () => {
		const rows = [valid('CH-001'), valid('CH-002'), valid('CH-003')];
		await commit(await writeFile('xlsx', rows), 'all_or_nothing');
		const before = await orders('CH');
		expect(before).toHaveLength(3);

		rows[1] = valid('CH-002', { content: '问题仍未解决，再次反映' });
		rows.push(valid('CH-004'));
		const file = await writeFile('utf-8-bom', rows);
		const { imp, row, report } = await analyse(file);
		expect(row).toMatchObject({ status: 'previewed', valid_rows: 4, new_rows: 1, same_rows: 2, changed_rows: 1 });
		expect(report.changed).toEqual(['CH-002']);
		await commitImport(env.db, imp, file, 'all_or_nothing', env.actorId, NOW);
		expect(await importRow(imp.id)).toMatchObject({ status: 'committed', written_rows: 1 });
		const after = await orders('CH');
		expect(after.slice(0, 3)).toEqual(before);
		expect(after[1].content).toBe('楼道堆物，影响通行');
		expect(after[3].order_no).toBe('CH-004');
	});

	it('a file that fails on commit (deleted meanwhile) marks the import failed and writes nothing', async () => {
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		const file = await writeFile('utf-8', [valid('GONE-001')]);
		const { imp } = await analyse(file);
		fs.rmSync(file);
		await commitImport(env.db, imp, file, 'valid_only', env.actorId, NOW);
		expect(await importRow(imp.id)).toMatchObject({ status: 'failed' });
		expect(await reportOf(imp.id)).toMatchObject({ fileError: 'internal' });
		expect(await orders('GONE')).toEqual([]);
		expect(logged).toHaveBeenCalledOnce();
		logged.mockRestore();
	});
});

describe('the upload path (startImport → startCommit), as the import page uses it', () => {
	it('stores the upload in IMPORT_DIR, analyses it, refuses all_or_nothing with errors, commits valid_only', async () => {
		process.env.DATABASE_PATH = path.join(env.dir, 'gridcase.db'); // startCommit writes on its own connection
		const bytes = fs.readFileSync(await writeFile('xlsx', mixedRows('UP')));
		const started = await startImport(env.db, new File([bytes], '工单导出.xlsx'), env.actorId, NOW);
		if (!started.ok) throw new Error(started.code);
		expect(fs.existsSync(importFilePath(started.id, 'xlsx'))).toBe(true);
		expect(importFilePath(started.id, 'xlsx').startsWith(path.join(tmp.dir, 'imports'))).toBe(true);
		expect(await settle(started.id, 'analysing')).toMatchObject({
			status: 'previewed',
			file_name: '工单导出.xlsx',
			valid_rows: 3,
			error_rows: 6
		});

		expect(await startCommit(env.db, started.id, 'all_or_nothing', env.actorId, NOW)).toEqual({
			ok: false,
			code: 'import_has_errors'
		});
		expect(await startCommit(env.db, started.id, 'valid_only', env.actorId, NOW)).toEqual({ ok: true });
		expect(await startCommit(env.db, started.id, 'valid_only', env.actorId, NOW)).toEqual({
			ok: false,
			code: 'not_allowed_in_state'
		});
		expect(await settle(started.id, 'committing')).toMatchObject({ status: 'committed', written_rows: 3 });
		expect((await orders('UP')).map((o) => o.order_no)).toEqual(['UP-001', 'UP-002', 'UP-003']);
	});

	it('refuses a file that is not CSV/XLSX and one over the size limit before storing anything', async () => {
		expect(
			await startImport(env.db, new File([Uint8Array.of(0x25, 0x50, 0x44, 0x46, 0x2d)], 'a.csv'), env.actorId, NOW)
		).toEqual({ ok: false, code: 'not_csv_or_xlsx' });
		const big = new File([new Uint8Array(20 * 1024 * 1024 + 1)], 'big.csv');
		expect(await startImport(env.db, big, env.actorId, NOW)).toEqual({ ok: false, code: 'file_too_large' });
	});
});

/** An import's row as a process left it, with no file stored for it here. */
const importRowOf = (status: string, mode: string | null) =>
	env.db
		.insertInto('hotline_imports')
		.values({
			file_name: 'x.csv',
			file_kind: 'csv',
			file_sha256: '0'.repeat(64),
			status,
			mode,
			report: null,
			created_by: env.actorId,
			created_at: NOW,
			finished_at: null
		})
		.returning('id')
		.executeTakeFirstOrThrow();

describe('an import interrupted mid-commit', () => {
	it('is marked interrupted once its process is gone, and commits when committed again', async () => {
		process.env.DATABASE_PATH = path.join(env.dir, 'gridcase.db');
		const bytes = fs.readFileSync(
			await writeFile(
				'utf-8',
				[1, 2, 3, 4].map((i) => valid(`RETRY-00${i}`))
			)
		);
		const started = await startImport(env.db, new File([bytes], 'retry.csv'), env.actorId, NOW);
		if (!started.ok) throw new Error(started.code);
		expect(await settle(started.id, 'analysing')).toMatchObject({ status: 'previewed', valid_rows: 4 });

		// A server killed while committing: the row says 'committing', its runner is a process that has ended.
		const gone = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
		await env.db
			.updateTable('hotline_imports')
			.set({ status: 'committing', mode: 'all_or_nothing' })
			.where('id', '=', started.id)
			.execute();
		await env.db
			.updateTable('settings')
			.set({ value: `${hostname()}:${gone}` })
			.where('key', '=', `import.runner.${started.id}`)
			.execute();
		expect(await markInterruptedImports(env.db, started.id)).toEqual([started.id]);
		expect(await importRow(started.id)).toMatchObject({ status: 'interrupted', mode: 'all_or_nothing' });
		expect(await orders('RETRY')).toEqual([]);

		expect(await startCommit(env.db, started.id, 'all_or_nothing', env.actorId, NOW)).toEqual({ ok: true });
		expect(await markInterruptedImports(env.db, started.id)).toEqual([]); // running here now: left alone
		expect(await settle(started.id, 'committing')).toMatchObject({ status: 'committed', written_rows: 4 });
		expect((await orders('RETRY')).length).toBe(4);
		// The statistics the commit added (judged from the prepared rows) are the ones the records give.
		expect((await rebuildCounts(env.db, { write: false })).differences).toEqual([]);
		expect((await checkRowsAgainstLogs(env.db)).first).toEqual([]);
	});

	it('opened while its process is gone: the page says interrupted; with no file kept here (a command-line import), it offers no commit and says why', async () => {
		const row = await importRowOf('committing', 'all_or_nothing');
		const gone = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid;
		await env.db
			.insertInto('settings')
			.values({ key: `import.runner.${row.id}`, value: `${hostname()}:${gone}` })
			.execute();
		const page = await loadImportStatus(env.db, row.id);
		expect(page).toMatchObject({ running: false, canCommit: false, fileGone: true, imp: { status: 'interrupted' } });
		expect(await startCommit(env.db, row.id, 'all_or_nothing', env.actorId, NOW)).toEqual({
			ok: false,
			code: 'import_file_missing'
		});
		expect(errorLabel('import_file_missing')).not.toBe(errorLabel('no-such-code'));
	});

	it('is not offered again when interrupted before its check finished', async () => {
		const row = await importRowOf('interrupted', null);
		expect(await startCommit(env.db, row.id, 'all_or_nothing', env.actorId, NOW)).toEqual({
			ok: false,
			code: 'not_allowed_in_state'
		});
	});
});
