// A throwaway PostgreSQL cluster for tests (and for trying the app on PostgreSQL without installing a
// server): `initdb` into a fresh temp folder, the server on a free port of its own, and removed again
// by stop(). Settings favour speed over durability (no fsync), which is fine for data that is thrown
// away. PostgreSQL refuses to run as root, so when the shell is root the cluster belongs to the
// unprivileged `postgres` user (Debian's package creates it).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface PgCluster {
	/** postgres://… of the cluster's default `postgres` database (superuser, no password: trust on 127.0.0.1). */
	url: string;
	port: number;
	dir: string;
	/** Milliseconds spent in initdb and in starting the server. */
	timings: { initdb: number; start: number };
	/** A new empty database in this cluster; returns its URL. */
	createDatabase(name?: string): Promise<string>;
	/**
	 * Stops the server as an operator's restart does (fast shutdown: open transactions rolled back,
	 * every session cut) and starts it again on the same port and data; resolves once it accepts
	 * connections.
	 */
	restart(): Promise<void>;
	/** Stops the server (fast shutdown) and removes its folder. */
	stop(): Promise<void>;
}

const INSTALL_HINT =
	'install Debian\'s "postgresql" package (apt-get install postgresql) or set PG_BIN to the folder holding initdb and postgres';

/** The folder with initdb and postgres: PG_BIN, else the newest /usr/lib/postgresql/<n>/bin; null when none. */
export function findPgBin(env: NodeJS.ProcessEnv = process.env): string | null {
	const has = (dir: string) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'postgres'));
	if (env.PG_BIN) return has(env.PG_BIN) ? env.PG_BIN : null;
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((v) => /^\d+$/.test(v))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	for (const v of versions) if (has(path.join(root, v, 'bin'))) return path.join(root, v, 'bin');
	return null;
}

/** uid and gid of `postgres` when running as root (the server will not run as root); null otherwise. */
function runAs(): { uid: number; gid: number } | null {
	if (process.getuid?.() !== 0) return null;
	const line = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((l) => l.startsWith('postgres:'));
	if (!line) throw new Error(`running as root and there is no "postgres" user to run PostgreSQL as: ${INSTALL_HINT}`);
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

async function waitUntilReady(url: string, server: ChildProcess, log: () => string): Promise<void> {
	const started = Date.now();
	for (;;) {
		if (server.exitCode !== null) throw new Error(`PostgreSQL exited while starting:\n${log()}`);
		const client = new pg.Client({ connectionString: url });
		try {
			await client.connect();
			await client.end();
			return;
		} catch {
			await client.end().catch(() => {});
			if (Date.now() - started > 30_000) throw new Error(`PostgreSQL did not accept connections in 30 s:\n${log()}`);
			await new Promise((r) => setTimeout(r, 50));
		}
	}
}

/** Runs one statement on the server at `adminUrl` (a database other than the one it creates or drops). */
async function onServer(adminUrl: string, statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: adminUrl });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

const databaseUrl = (adminUrl: string, name: string) => {
	const u = new URL(adminUrl);
	u.pathname = `/${name}`;
	return u.toString();
};

const PLAIN_NAME = /^[a-z0-9_]+$/;

/**
 * A new database on the server of `adminUrl`, empty or a copy of `template` (a database nobody is
 * connected to); returns its URL. A copy is made file by file (FILE_COPY): for a small database on a
 * cluster without fsync that is several times faster than PostgreSQL's default of logging every page.
 */
export async function createDatabaseIn(
	adminUrl: string,
	name = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`,
	template?: string
): Promise<string> {
	if (!PLAIN_NAME.test(name)) throw new Error(`not a plain database name: ${name}`);
	if (template !== undefined && !PLAIN_NAME.test(template)) throw new Error(`not a plain database name: ${template}`);
	const copy = template === undefined ? '' : ` TEMPLATE ${template} STRATEGY FILE_COPY`;
	await onServer(adminUrl, `CREATE DATABASE ${name}${copy}`);
	return databaseUrl(adminUrl, name);
}

/** Drops a database made by createDatabaseIn, closing whatever sessions it still has. */
export async function dropDatabaseIn(adminUrl: string, url: string): Promise<void> {
	const name = new URL(url).pathname.slice(1);
	if (!PLAIN_NAME.test(name)) throw new Error(`not a plain database name: ${name}`);
	await onServer(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/** Starts a fresh cluster. Throws, saying what to install, when there are no PostgreSQL binaries. */
export async function startPgCluster(): Promise<PgCluster> {
	const bin = findPgBin();
	if (!bin) throw new Error(`PostgreSQL binaries (initdb, postgres) not found: ${INSTALL_HINT}`);
	const owner = runAs();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridcase-pg-'));
	const data = path.join(dir, 'data');
	const logFile = path.join(dir, 'server.log');
	if (owner) fs.chownSync(dir, owner.uid, owner.gid);
	const as = owner ? { uid: owner.uid, gid: owner.gid } : {};
	const env = { ...process.env, LC_ALL: 'C', TZ: 'UTC' };
	const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });

	let t = Date.now();
	const init = spawnSync(
		path.join(bin, 'initdb'),
		['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'],
		{ ...as, env, cwd: dir, encoding: 'utf8' }
	);
	if (init.status !== 0) {
		removeDir();
		throw new Error(`initdb failed (${init.status ?? init.error?.message}):\n${init.stderr}`);
	}
	const initdb = Date.now() - t;

	t = Date.now();
	const port = await freePort();
	// prettier-ignore
	const settings = ['listen_addresses=127.0.0.1', `unix_socket_directories=${dir}`, 'fsync=off', 'synchronous_commit=off',
		'full_page_writes=off', 'max_connections=100', 'shared_buffers=32MB', 'log_min_messages=warning',
		'log_parameter_max_length_on_error=200'];
	const launch = () => {
		const out = fs.openSync(logFile, 'a');
		if (owner) fs.fchownSync(out, owner.uid, owner.gid);
		const child = spawn(
			path.join(bin, 'postgres'),
			['-D', data, '-p', String(port), ...settings.flatMap((s) => ['-c', s])],
			{ ...as, env, cwd: dir, stdio: ['ignore', out, out] }
		);
		fs.closeSync(out);
		return child;
	};
	let server = launch();
	const readLog = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-2000) : '');
	const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
	// A test run that dies without calling stop() must not leave a server behind.
	const killOnExit = () => {
		if (server.exitCode === null) server.kill('SIGQUIT');
	};
	process.once('exit', killOnExit);
	try {
		await waitUntilReady(url, server, readLog);
	} catch (e) {
		killOnExit();
		removeDir();
		throw e;
	}
	const start = Date.now() - t;
	/** Fast shutdown: rolls back open transactions and closes every session. */
	const shutDown = async () => {
		if (server.exitCode !== null) return;
		const exited = new Promise((r) => server.once('exit', r));
		server.kill('SIGINT');
		await exited;
	};

	return {
		url,
		port,
		dir,
		timings: { initdb, start },
		createDatabase: (name?: string) => createDatabaseIn(url, name),
		async restart() {
			await shutDown();
			server = launch();
			await waitUntilReady(url, server, readLog);
		},
		async stop() {
			process.removeListener('exit', killOnExit);
			await shutDown();
			removeDir();
		}
	};
}
