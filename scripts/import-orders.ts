// Command-line import of a 12345 order file (CSV or XLSX) into DATABASE_PATH, for operators:
//   npm run import:orders -- path/to/orders.csv [--mode all_or_nothing|valid_only]
// Migrates, registers the import (as the first dispatcher), checks every row and prints the counts and
// the first problems, then writes the orders in ONE transaction, printing `progress: N` as it goes.
// Killed half-way, the database holds none of it; running it again completes it (stored orders count as
// the same), and an import stopped by Ctrl-C or a kill (SIGTERM) is marked interrupted, not left
// 'committing'. While the server writes, it waits for the database and says so.
// Exit code 0 when committed, 1 otherwise.
import { resolve } from 'node:path';
import { databaseLabel, databaseTarget } from '../src/lib/server/config';
import { retryWhileBusy, sayWhenWaiting } from '../src/lib/server/db/busy';
import { openDatabase, rollBackNow, sqliteHandle } from '../src/lib/server/db/create-database';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { ORDER_COLUMNS } from '../src/lib/domain/hotline-order-columns';
import { analyseImport } from '../src/lib/server/services/hotline/import-analyse';
import { commitImport } from '../src/lib/server/services/hotline/import-commit';
import { type ImportMode, type ImportReport } from '../src/lib/server/services/hotline/import-jobs';
import { importProgress } from '../src/lib/server/services/hotline/import-progress';
import { markInterruptedImports, registerImportFile } from '../src/lib/server/services/hotline/import-upload';
import { claimImportJob } from '../src/lib/server/services/hotline/import-runner';

const USAGE = 'usage: npm run import:orders -- <file.csv|file.xlsx> [--mode all_or_nothing|valid_only]';
const SHOW_PROBLEMS = 20;

function parseArgs(argv: string[]): { file: string; mode: ImportMode } | string {
	let file: string | null = null;
	let mode: ImportMode = 'all_or_nothing';
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const value = a.startsWith('--mode=') ? a.slice(7) : a === '--mode' ? argv[++i] : null;
		if (value !== null) {
			if (value !== 'all_or_nothing' && value !== 'valid_only') return `unknown mode ${JSON.stringify(value)}`;
			mode = value;
		} else if (a.startsWith('-')) return `unknown option ${a}`;
		else if (file === null) file = a;
		else return `one file at a time (got ${file} and ${a})`;
	}
	return file === null ? 'no file given' : { file: resolve(file), mode };
}

const header = (key: string | null) => ORDER_COLUMNS.find((c) => c.key === key)?.header ?? key ?? '-';

async function main(): Promise<number> {
	const args = parseArgs(process.argv.slice(2));
	if (typeof args === 'string') {
		console.error(`${args}\n${USAGE}`);
		return 1;
	}
	const db = openDatabase(databaseTarget());
	let timer: NodeJS.Timeout | null = null;
	try {
		await migrateToLatest(db);
		const dispatcher = await db
			.selectFrom('users')
			.select(['id', 'username'])
			.where('role', '=', 'dispatcher')
			.where('active', '=', 1)
			.orderBy('id')
			.executeTakeFirst();
		if (!dispatcher) {
			console.error(
				`${databaseLabel()} has no active dispatcher user to record as the importer; create one first (npm run user:create).`
			);
			return 1;
		}
		// An earlier run killed outright (kill -9) left its import 'committing': say it was interrupted.
		for (const id of await retryWhileBusy(() => markInterruptedImports(db), { onWait: sayWhenWaiting('import') }))
			console.log(`import ${id}: its process is gone; marked interrupted (nothing of it was written)`);
		const now = Date.now();
		const registered = await retryWhileBusy(() => registerImportFile(db, args.file, dispatcher.id, now), {
			onWait: sayWhenWaiting('import')
		});
		if (!registered.ok) {
			console.error(`${args.file}: refused (${registered.code})`);
			return 1;
		}
		const { imp } = registered;
		// Stopped half-way: nothing of the transaction stays, and the import says it was interrupted.
		for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
			process.once(signal, () => {
				console.error(
					`${signal}: import ${imp.id} interrupted; nothing written (run this command again to complete it)`
				);
				try {
					rollBackNow(db); // the import's own transaction, half-written, on whichever connection
					sqliteHandle(db)
						?.prepare(
							"UPDATE hotline_imports SET status = 'interrupted' WHERE id = ? AND status IN ('analysing', 'committing')"
						)
						.run(imp.id);
				} finally {
					process.exit(130);
				}
			});
		}
		console.log(
			`import ${imp.id}: ${imp.file_name} (${imp.file_kind}) into ${databaseLabel()} as ${dispatcher.username}, mode ${args.mode}`
		);

		// This process's own figure of its job (import-progress.ts); poll it between batches.
		let phase: 'checked' | 'progress' = 'checked';
		let shown = -1;
		const show = () => {
			const n = importProgress(imp.id);
			if (n > 0 && n !== shown) console.log(`${phase}: ${(shown = n)}`);
		};
		timer = setInterval(show, 20);

		await analyseImport(db, imp, args.file, now);
		show();
		const analysed = await db
			.selectFrom('hotline_imports')
			.selectAll()
			.where('id', '=', imp.id)
			.executeTakeFirstOrThrow();
		const report: ImportReport = analysed.report ? JSON.parse(analysed.report) : {};
		if (analysed.status !== 'previewed') {
			const detail = report.columns ? ` (${report.columns.join(', ')})` : report.line ? ` (line ${report.line})` : '';
			console.error(`failed: ${report.fileError ?? analysed.status}${detail}; nothing written`);
			return 1;
		}
		console.log(
			`rows: ${analysed.total_rows} total, ${analysed.valid_rows} valid, ${analysed.error_rows} with errors; ` +
				`${analysed.new_rows} new, ${analysed.same_rows} same, ${analysed.changed_rows} changed`
		);
		for (const p of (report.problems ?? []).slice(0, SHOW_PROBLEMS))
			console.log(`  line ${p.line}, ${header(p.column)}: ${p.code}`);
		const moreProblems = (report.problems?.length ?? 0) - SHOW_PROBLEMS + (report.more ?? 0);
		if (moreProblems > 0) console.log(`  … ${moreProblems} more problems`);
		if (report.changed?.length)
			console.log(
				`  changed (not overwritten): ${report.changed.slice(0, 10).join(', ')}${analysed.changed_rows > 10 ? ', …' : ''}`
			);

		if (args.mode === 'all_or_nothing' && analysed.error_rows > 0) {
			await retryWhileBusy(
				() =>
					db
						.updateTable('hotline_imports')
						.set({ status: 'failed', mode: args.mode, finished_at: Date.now() })
						.where('id', '=', imp.id)
						.execute(),
				{ onWait: sayWhenWaiting('import') }
			);
			console.error(
				'failed: import_has_errors; nothing written (fix the file, or run with --mode valid_only to write the valid rows)'
			);
			return 1;
		}

		// This process runs the commit: another process (a second run, a server starting) must see it alive.
		await retryWhileBusy(
			async () => {
				await db
					.updateTable('hotline_imports')
					.set({ status: 'committing', mode: args.mode })
					.where('id', '=', imp.id)
					.execute();
				await claimImportJob(db, imp.id);
			},
			{ onWait: sayWhenWaiting('import') }
		);
		phase = 'progress';
		shown = -1;
		await commitImport(db, imp, args.file, args.mode, dispatcher.id, now);
		clearInterval(timer);
		timer = null;
		const done = await db.selectFrom('hotline_imports').selectAll().where('id', '=', imp.id).executeTakeFirstOrThrow();
		if (done.status !== 'committed') {
			const failed: ImportReport = done.report ? JSON.parse(done.report) : {};
			console.error(
				`failed: ${failed.fileError ?? done.status}${failed.line ? ` (line ${failed.line})` : ''}; nothing written`
			);
			return 1;
		}
		if (shown !== done.written_rows) console.log(`progress: ${done.written_rows}`);
		console.log(
			`done: ${done.written_rows} written, ${done.same_rows} same, ${done.changed_rows} changed (not overwritten), ${done.error_rows} row(s) with errors skipped`
		);
		return 0;
	} catch (e) {
		console.error('import failed:', e instanceof Error ? e.message : e);
		return 1;
	} finally {
		if (timer) clearInterval(timer);
		await db.destroy();
	}
}

process.exitCode = await main();
