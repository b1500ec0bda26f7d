// Starts the built server (build/) on the embedded SQLite default and prints how to sign in.
// Settings: PORT (3000), HOST (0.0.0.0), DATABASE_URL (a postgres:// URL, or unset) or DATABASE_PATH
// (data/gridcase.db), ORIGIN, PUBLIC_TILE_URL, WORKERS (1: processes sharing the port, start-cluster.js).
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import http from 'node:http';
import Database from 'better-sqlite3';
import compression from 'compression';

const port = process.env.PORT ?? '3000';
const host = process.env.HOST ?? '0.0.0.0';
process.env.PORT = port;
process.env.HOST = host;
// adapter-node assumes https unless ORIGIN says otherwise, and refuses form posts from http.
process.env.ORIGIN ??= `http://localhost:${port}`;
// Six photos of up to 10 MB each must fit in one post.
process.env.BODY_SIZE_LIMIT ??= String(70 * 1024 * 1024);
process.env.DATABASE_PATH ??= 'data/gridcase.db';

if (!existsSync('build/index.js')) {
	console.error('build/ is missing: run `npm run build` first.');
	process.exit(1);
}

const postgresUrl = /^postgres(ql)?:\/\//i.test(process.env.DATABASE_URL ?? '') ? process.env.DATABASE_URL : null;
const workers = Number(process.env.WORKERS ?? '1');
if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
	console.error(`WORKERS must be a whole number from 1 to 64, not "${process.env.WORKERS}".`);
	process.exit(1);
}

/** The accounts to sign in with, from the SQLite file or the PostgreSQL database; [] when there are none. */
async function demoLogins() {
	const query = 'SELECT username, display_name, role FROM users ORDER BY id';
	if (postgresUrl) {
		const { default: pg } = await import('pg');
		const client = new pg.Client({ connectionString: postgresUrl });
		try {
			await client.connect();
			return (await client.query(query)).rows;
		} catch {
			return [];
		} finally {
			await client.end().catch(() => {});
		}
	}
	if (!existsSync(process.env.DATABASE_PATH)) return [];
	const db = new Database(process.env.DATABASE_PATH, { readonly: true, fileMustExist: true });
	try {
		return db.prepare(query).all();
	} catch {
		return [];
	} finally {
		db.close();
	}
}

// The built app's handler behind our own server, so pages and JSON go out compressed (gzip or
// brotli, as the browser asks): on a weak mobile link the HTML of a list is most of the wait.
// Scripts and styles are already served precompressed (.br/.gz) by the handler itself.
const compress = compression({ threshold: 1024 });
const bodyLimit = Number(process.env.BODY_SIZE_LIMIT);

/**
 * The body size limit for a body sent in chunks (no Content-Length): counted as the bytes arrive,
 * and answered 413 as soon as it passes the limit. The built handler counts too, but its error then
 * surfaces in the action as an unreadable form, a 500. Counting at `push` leaves the stream's flow
 * to the handler, which is told the body failed; what it writes afterwards goes nowhere. The rest of
 * the body is read and dropped (up to as much again), so the client gets to read the answer.
 */
function capChunkedBody(req, res) {
	if (!Number.isFinite(bodyLimit) || req.headers['content-length'] !== undefined || !req.headers['transfer-encoding'])
		return;
	let seen = 0;
	const push = req.push;
	req.push = function (chunk, encoding) {
		if (chunk) seen += chunk.length;
		if (seen <= bodyLimit) return push.call(this, chunk, encoding);
		if (!res.headersSent) {
			res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
			res.end(`Payload Too Large: at most ${bodyLimit} bytes`);
			for (const name of ['writeHead', 'setHeader', 'write', 'end', 'flushHeaders']) res[name] = () => res;
			req.emit('error', Object.assign(new Error('Payload Too Large'), { status: 413 }));
		}
		if (chunk === null) return push.call(this, null);
		if (seen > 2 * bodyLimit) req.destroy();
		return true;
	};
}

const showWorker = process.env.SHOW_WORKER_PID === '1';

/** How to reach the server and sign in: printed once, by the one process or by the primary. */
async function banner() {
	const users = await demoLogins();
	console.log(`\nGridCase is running: ${process.env.ORIGIN}`);
	console.log(`database: ${postgresUrl ? postgresUrl.replace(/:[^:@/]*@/, ':***@') : process.env.DATABASE_PATH}`);
	if (users.length) {
		const demo = users.some((u) => u.username === 'diaodu');
		console.log(demo ? 'demo accounts (password: gridcase-demo):' : 'accounts:');
		for (const u of users) console.log(`  ${u.username.padEnd(10)} ${u.role.padEnd(12)} ${u.display_name}`);
	} else {
		console.log('no users yet: create the first admin with `npm run user:create`');
	}
}

/** The built app's handler behind our own server (below); resolves once it listens. */
async function serve() {
	let handler;
	try {
		({ handler } = await import('../build/handler.js'));
	} catch (e) {
		// The server's start-up (migrations, base data) could not reach its database: one line, no stack.
		if (e?.name !== 'DatabaseUnreachableError') throw e;
		console.error(e.message);
		process.exit(1);
	}
	const server = http.createServer((req, res) => {
		// Which worker answered: for checking that WORKERS share the requests (off unless asked for).
		if (showWorker) res.setHeader('x-gridcase-worker', String(process.pid));
		capChunkedBody(req, res);
		compress(req, res, () => handler(req, res));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(Number(port), host, resolve);
	});
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.once(signal, () => {
			server.close(() => process.exit(0));
			server.closeAllConnections();
		});
	}
}

if (cluster.isPrimary && workers > 1) {
	// The primary serves nothing: it starts the workers, restarts one that dies, and stops them all.
	const { runPrimary } = await import('./start-cluster.js');
	await runPrimary(workers, banner);
} else {
	await serve();
	if (cluster.isPrimary) await banner();
}
