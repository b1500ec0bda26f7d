// WORKERS=N (N > 1) for `npm start`: N worker processes on one machine, sharing the one port
// (node:cluster hands the connections round). The primary only looks after them:
// - the first worker starts alone (it migrates and loads the base data), the others once it listens,
//   so they never migrate at the same moment and find nothing left to do;
// - a worker that dies is replaced (after a pause that grows while workers keep dying at once);
// - SIGTERM or SIGINT stops every worker (each finishes the requests it holds), then the primary.
// Several workers on one SQLite file work (WAL; a write waits for the other workers' writes), but
// several servers, or many workers, are what PostgreSQL is for (docs/postgresql.md).
import cluster from 'node:cluster';

const MAX_PAUSE_MS = 30_000;
/** A worker that ran this long before dying was not crashing at start: the pause starts over. */
const HEALTHY_MS = 60_000;

/** Forks `count` workers and keeps them running until a signal; `banner` is printed once all listen. */
export async function runPrimary(count, banner) {
	let stopping = false;
	let pause = 0;
	const startedAt = new Map();
	const fork = () => {
		const worker = cluster.fork();
		startedAt.set(worker.id, Date.now());
		return worker;
	};
	const listening = (worker) =>
		new Promise((resolve, reject) => {
			worker.once('listening', resolve);
			worker.once('exit', (code) => reject(new Error(`worker ${worker.process.pid} stopped at start (exit ${code})`)));
		});

	try {
		await listening(fork());
		await Promise.all(Array.from({ length: count - 1 }, () => listening(fork())));
	} catch (e) {
		// The worker has said why (a database it cannot reach, a port in use): stop the others too.
		console.error(`${e.message}; stopping`);
		for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
		process.exit(1);
	}
	await banner();
	console.log(`${count} workers (pids ${pids().join(', ')}), primary ${process.pid}`);

	cluster.on('exit', (worker, code, signal) => {
		if (stopping) return;
		const ranMs = Date.now() - (startedAt.get(worker.id) ?? 0);
		startedAt.delete(worker.id);
		pause = ranMs > HEALTHY_MS ? 0 : Math.min(MAX_PAUSE_MS, Math.max(1_000, pause * 2));
		console.error(
			`worker ${worker.process.pid} died (${signal ?? `exit ${code}`}); a new one starts in ${(pause / 1000).toFixed(0)} s`
		);
		setTimeout(() => {
			if (stopping) return;
			const w = fork();
			w.once('listening', () => console.log(`worker ${w.process.pid} started`));
		}, pause);
	});

	for (const signal of ['SIGINT', 'SIGTERM'])
		process.once(signal, () => {
			stopping = true;
			const left = Object.values(cluster.workers ?? {}).filter(Boolean);
			if (!left.length) process.exit(0);
			let running = left.length;
			for (const w of left) {
				w.once('exit', () => --running || process.exit(0));
				w.process.kill('SIGTERM');
			}
		});
}

const pids = () => Object.values(cluster.workers ?? {}).map((w) => w.process.pid);
