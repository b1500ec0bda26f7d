// Test helper (imported by *.test.ts only). A route module (+page.server.ts, +server.ts) reads the
// database through getDb(), which opens DATABASE_PATH once per module graph: this points it at a
// fresh test database and reloads the modules, then puts everything back.
import path from 'node:path';
import { afterAll, beforeAll, vi } from 'vitest';
import { createTestDb, type TestDb } from './test-db';
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

/**
 * A page module under test on a fresh database of its own, for one test file: set up before the
 * file's tests and closed after; `db` and `page` are ready inside the tests, `event` posts to `url`.
 */
export function pageUnderTest(url: string, load: () => Promise<unknown>) {
	let t: RouteTestDb | undefined;
	let page: PageModule | undefined;
	beforeAll(async () => {
		t = await routeTestDb();
		page = (await load()) as PageModule;
	});
	afterAll(() => t?.close());
	return {
		get db() {
			return t!.db;
		},
		/** The test database's folder (the routes' files live under it). */
		get dir() {
			return t!.dir;
		},
		get page() {
			return page!;
		},
		event: (actor: Actor | null, fields: Record<string, string | File> = {}) => formEvent(url, actor, fields)
	};
}
