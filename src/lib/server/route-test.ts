// Test helper (imported by *.test.ts only). A route module (+page.server.ts, +server.ts) reads the
// database through getDb(), which opens DATABASE_PATH once per module graph: this points it at a
// fresh test database and reloads the modules, then puts everything back.
import path from 'node:path';
import { afterAll, beforeAll, vi } from 'vitest';
import { createTestDb, type TestDb } from './test-db';
import { createApiKey, type ApiIntegration } from './auth/api-keys';
import type { Actor } from '$lib/domain/access';

export interface RouteTestDb extends TestDb {
	/** Closes the routes' connection, restores DATABASE_PATH and removes the files. */
	close(): Promise<void>;
}

/** Call before importing the route module (dynamically) in beforeAll. */
export async function routeTestDb(): Promise<RouteTestDb> {
	const t = await createTestDb();
	const saved = process.env.DATABASE_PATH;
	process.env.DATABASE_PATH = path.join(t.dir, 'gridcase.db');
	vi.resetModules();
	return {
		...t,
		async close() {
			const { getDb } = await import('$lib/server/db');
			await getDb().destroy();
			if (saved === undefined) delete process.env.DATABASE_PATH;
			else process.env.DATABASE_PATH = saved;
			await t.cleanup();
		}
	};
}

export type RouteEvent = {
	locals: { actor: Actor | null };
	url: URL;
	request: Request;
	params: Record<string, string>;
};
export type PageModule = {
	load: (e: RouteEvent) => Promise<Record<string, unknown>>;
	actions: Record<string, (e: RouteEvent) => Promise<unknown>>;
};

/** A form POST to `url` by `actor` (also usable as a load's event). */
export function formEvent(
	url: string | URL,
	actor: Actor | null,
	fields: Record<string, string | File> = {},
	params: Record<string, string> = {}
): RouteEvent {
	const body = new FormData();
	for (const [k, v] of Object.entries(fields)) body.set(k, v);
	const u = new URL(url);
	return { locals: { actor }, url: u, request: new Request(u, { method: 'POST', body }), params };
}

/** The test database's side of a route under test; read its fields inside the tests. */
export interface RouteTestHandle {
	readonly db: RouteTestDb['db'];
	/** The test database's folder (the routes' files live under it). */
	readonly dir: string;
	/** Demo user ids by username. */
	readonly users: Map<string, number>;
}

/** Registers the file's hooks: a route test database set up before the file's tests and closed after. */
function useRouteTestDb(): RouteTestHandle {
	let t: RouteTestDb | undefined;
	beforeAll(async () => {
		t = await routeTestDb();
	});
	afterAll(() => t?.close());
	return {
		get db() {
			return t!.db;
		},
		get dir() {
			return t!.dir;
		},
		get users() {
			return t!.users;
		}
	};
}

/** `handle` with more read-only fields, each read when used (after the file's beforeAll hooks have run). */
export function withFields<H extends object, X extends object>(
	handle: H,
	fields: { [K in keyof X]: () => X[K] }
): H & X {
	for (const [name, get] of Object.entries<() => unknown>(fields))
		Object.defineProperty(handle, name, { get, enumerable: true });
	return handle as H & X;
}

/**
 * A page module under test on a fresh database of its own, for one test file: set up before the
 * file's tests and closed after; `db` and `page` are ready inside the tests, `event` posts to `url`.
 */
export function pageUnderTest(url: string, load: () => Promise<unknown>) {
	const handle = useRouteTestDb();
	let page: PageModule | undefined;
	beforeAll(async () => {
		page = (await load()) as PageModule;
	});
	const event = (actor: Actor | null, fields: Record<string, string | File> = {}) => formEvent(url, actor, fields);
	return withFields(handle, { page: () => page!, event: () => event });
}

/** An API endpoint under test: see apiUnderTest. */
export interface ApiUnderTest extends RouteTestHandle {
	/** The API key the requests carry, and its id. */
	readonly key: string;
	readonly apiKeyId: number;
	/** The endpoint's POST handler. */
	post(request: Request): Promise<Response>;
}

/**
 * An API endpoint (a +server.ts with POST) on a fresh database of its own, for one test file, with one API key for
 * `integration` named `keyName` (created by the admin): set up before the file's tests and closed after; the fields
 * are ready inside the tests.
 */
export function apiUnderTest(
	load: () => Promise<{ POST?: unknown }>,
	keyName: string,
	integration: ApiIntegration = 'hotline'
): ApiUnderTest {
	const handle = useRouteTestDb();
	let POST: ((e: { request: Request }) => Promise<Response>) | undefined;
	let apiKey: { id: number; key: string } | undefined;
	beforeAll(async () => {
		POST = (await load()).POST as typeof POST;
		apiKey = await createApiKey(handle.db, keyName, handle.users.get('admin')!, Date.now(), integration);
	});
	const post = (request: Request) => POST!({ request });
	return withFields(handle, { key: () => apiKey!.key, apiKeyId: () => apiKey!.id, post: () => post });
}
