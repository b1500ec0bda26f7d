import { describe, expect, it } from 'vitest';
import { IN_FLIGHT_MS, isImportFileExpired, isLeftBehind, parseRetentionDays } from './retention';

const NOW = Date.parse('2026-12-06T02:00:00Z');
const DAY = 86_400_000;

describe('parseRetentionDays', () => {
	it.each([
		['30', 30],
		[' 0 ', 0],
		['3650', 3650],
		['3651', null],
		['-1', null],
		['1.5', null],
		['', null],
		['30天', null],
		['1e3', null],
		['0012', 12],
		['00012', null]
	])('%j → %j', (raw, days) => expect(parseRetentionDays(raw)).toBe(days));
});

describe('isImportFileExpired', () => {
	it.each([
		['committed', NOW - 30 * DAY, 30, true],
		['committed', NOW - 30 * DAY + 1, 30, false],
		['failed', NOW - 31 * DAY, 30, true],
		['committed', NOW, 0, true],
		['previewed', NOW - 400 * DAY, 30, false], // may still be committed
		['interrupted', NOW - 400 * DAY, 30, false], // may still be committed again
		['committing', NOW - 400 * DAY, 30, false],
		['committed', null, 30, false]
	] as const)('%s, finished %j, %i days → %j', (status, finishedAt, days, expired) => {
		expect(isImportFileExpired({ status, finished_at: finishedAt }, days, NOW)).toBe(expired);
	});
});

describe('isLeftBehind', () => {
	const old = NOW - IN_FLIGHT_MS;
	const young = NOW - IN_FLIGHT_MS + 1;
	const tmp = '2026/12/0f1e2d3c4b5a69788796a5b4c3d2e1f0.jpg.6f1c7a52-6f0e-4c55-9d7a-1b2c3d4e5f60.tmp';
	it.each([
		['2026/12/0f1e2d3c4b5a69788796a5b4c3d2e1f0.jpg', 'media', old, false, true],
		['2026/12/0f1e2d3c4b5a69788796a5b4c3d2e1f0_t.jpg', 'media', old, false, true],
		['2026/12/6f1c7a52-6f0e-4c55-9d7a-1b2c3d4e5f60.png', 'media', old, false, true],
		['2026/12/0f1e2d3c4b5a69788796a5b4c3d2e1f0.jpg', 'media', old, true, false], // the database refers to it
		['2026/12/0f1e2d3c4b5a69788796a5b4c3d2e1f0.jpg', 'media', young, false, false], // an upload may be under way
		[tmp, 'media', old, false, true],
		[tmp, 'media', young, false, false],
		['README.txt', 'media', old, false, false], // not a name the app gives
		['12.csv', 'imports', old, false, true],
		['12.xlsx', 'imports', old, true, false],
		['orders-december.csv', 'imports', old, false, false],
		['12.csv', 'media', old, false, false]
	] as const)('%s (%s, mtime %i, referenced %j) → %j', (rel, kind, mtime, referenced, removed) => {
		expect(isLeftBehind(rel, kind, mtime, referenced, NOW)).toBe(removed);
	});
});
