import { describe, expect, it } from 'vitest';
import { isCrossSiteForm } from './csrf';

const url = (p: string) => new URL(`http://127.0.0.1:4173${p}`);
const SAME = 'http://127.0.0.1:4173';

describe('isCrossSiteForm', () => {
	it.each([
		['POST', 'multipart/form-data; boundary=x', null, '/cases/1?/accept', true],
		['POST', 'application/x-www-form-urlencoded', 'https://evil.example', '/login', true],
		['POST', 'text/plain', 'null', '/logout', true],
		['DELETE', 'multipart/form-data', 'https://evil.example', '/anything', true],
		['POST', 'MULTIPART/FORM-DATA; boundary=x', null, '/enforcement/1', true],
		['POST', 'application/x-www-form-urlencoded', SAME, '/login', false],
		['POST', 'application/json', null, '/api/v1/stats', false],
		['GET', 'multipart/form-data', null, '/cases', false],
		// The camera platform pushes multipart frames with no Origin, authenticated by its API key only.
		['POST', 'multipart/form-data; boundary=x', null, '/api/v1/alerts', false],
		['POST', 'multipart/form-data; boundary=x', null, '/api/v1/alerts/', true],
		['POST', 'multipart/form-data; boundary=x', null, '/api/v1/alertsX', true]
	])('%s %s from %s to %s → %s', (method, type, origin, path, expected) => {
		expect(isCrossSiteForm(method, type, origin, url(path))).toBe(expected);
	});
});
