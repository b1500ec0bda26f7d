import { describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES, parseCapturedAt, validateAlertInput, type AlertInputResult } from './alert-input';
import { errorsIn } from './fixtures/errors';

const NOW = Date.parse('2026-11-27T08:00:00Z');
const B64 = btoa('\xff\xd8\xff\xe0 not really a jpeg, the server checks that');
const payload = (over: Record<string, unknown> = {}) => ({
	cameraId: 'CAM-001',
	capturedAt: '2026-11-27T15:30:00+08:00',
	lng: 121.3912,
	lat: 31.1523,
	categoryCode: 'SH-JMZX-01',
	confidence: 0.92,
	frames: [{ data: B64 }, { url: 'https://frames.example.com/a.jpg' }],
	...over
});
const errorsOf = (r: AlertInputResult) => (r.ok ? [] : r.errors);

describe('validateAlertInput', () => {
	it('a complete payload → typed input (instant in ms UTC, frames by source)', () => {
		const r = validateAlertInput(payload({ externalId: ' EXT-9 ', cameraId: ' CAM-001 ' }), { now: NOW });
		expect(r).toEqual({
			ok: true,
			alert: {
				cameraId: 'CAM-001',
				capturedAt: Date.parse('2026-11-27T07:30:00Z'),
				lng: 121.3912,
				lat: 31.1523,
				categoryCode: 'SH-JMZX-01',
				confidence: 0.92,
				externalId: 'EXT-9',
				frames: [
					{ kind: 'data', base64: B64 },
					{ kind: 'url', url: 'https://frames.example.com/a.jpg' }
				]
			}
		});
	});

	it('a data: URL prefix and line breaks in base64 are accepted', () => {
		const r = validateAlertInput(
			payload({ frames: [{ data: `data:image/jpeg;base64,${B64.slice(0, 8)}\n${B64.slice(8)}` }, { data: B64 }] }),
			{ now: NOW }
		);
		expect(r.ok && r.alert.frames[0]).toEqual({ kind: 'data', base64: B64 });
	});

	it('reports every bad field at once', () => {
		const r = validateAlertInput(
			{
				capturedAt: '2026-11-27 15:30',
				lng: 'x',
				lat: 91,
				categoryCode: 7,
				confidence: 1.5,
				externalId: 3,
				frames: []
			},
			{ now: NOW }
		);
		expect(errorsOf(r)).toEqual(
			errorsIn('field', {
				cameraId: 'required',
				capturedAt: 'missing_offset',
				lng: 'invalid_point',
				lat: 'invalid_point',
				categoryCode: 'invalid',
				confidence: 'out_of_range',
				externalId: 'invalid',
				frames: 'required'
			})
		);
	});

	it.each([
		[null, 'body', 'invalid'],
		[[], 'body', 'invalid'],
		['text', 'body', 'invalid']
	])('a body that is not an object (%j) → %s %s', (raw, field, code) => {
		expect(errorsOf(validateAlertInput(raw, { now: NOW }))).toEqual([{ field, code }]);
	});

	const cases: [Record<string, unknown>, string, string][] = [
		[{ cameraId: 'C'.repeat(65) }, 'cameraId', 'too_long'],
		[{ cameraId: '   ' }, 'cameraId', 'invalid'],
		[{ capturedAt: '2026-02-30T10:00:00+08:00' }, 'capturedAt', 'invalid_date'],
		[{ capturedAt: 'yesterday' }, 'capturedAt', 'invalid_date'],
		[{ capturedAt: 1764228600000 }, 'capturedAt', 'invalid_date'],
		[{ capturedAt: '2026-11-27T08:06:00Z' }, 'capturedAt', 'in_future'],
		[{ lng: undefined }, 'lng', 'required'],
		[{ lat: null }, 'lat', 'required'],
		[{ lng: Infinity }, 'lng', 'invalid_point'],
		[{ confidence: undefined }, 'confidence', 'required'],
		[{ confidence: '0.9' }, 'confidence', 'invalid'],
		[{ confidence: -0.01 }, 'confidence', 'out_of_range'],
		[{ externalId: 'x'.repeat(129) }, 'externalId', 'too_long'],
		[{ frames: 'a,b' }, 'frames', 'invalid'],
		[{ frames: [{ data: B64 }] }, 'frames', 'too_few'],
		[{ frames: Array.from({ length: 7 }, () => ({ data: B64 })) }, 'frames', 'too_many'],
		[{ frames: [{ data: B64 }, { data: 'abc$' }] }, 'frames[1]', 'invalid_base64'],
		[{ frames: [{ data: B64 }, { data: 'abc' }] }, 'frames[1]', 'invalid_base64'],
		[{ frames: [{ data: B64 }, { data: '' }] }, 'frames[1]', 'required'],
		[{ frames: [{ data: B64 }, { data: 42 }] }, 'frames[1]', 'invalid_base64'],
		[
			{ frames: [{ data: 'A'.repeat(Math.ceil((MAX_FRAME_BYTES + 1) / 3) * 4) }, { data: B64 }] },
			'frames[0]',
			'too_large'
		],
		[{ frames: [{ data: B64, url: 'https://a/b.jpg' }, { data: B64 }] }, 'frames[0]', 'invalid'],
		[{ frames: [{}, { data: B64 }] }, 'frames[0]', 'invalid'],
		[{ frames: ['https://a/b.jpg', { data: B64 }] }, 'frames[0]', 'invalid'],
		[{ frames: [{ url: 'ftp://a/b.jpg' }, { data: B64 }] }, 'frames[0]', 'unsupported_scheme'],
		[{ frames: [{ url: 'file:///etc/passwd' }, { data: B64 }] }, 'frames[0]', 'unsupported_scheme'],
		[{ frames: [{ url: 'not a url' }, { data: B64 }] }, 'frames[0]', 'invalid_url'],
		[{ frames: [{ url: 'https://user:pw@a/b.jpg' }, { data: B64 }] }, 'frames[0]', 'invalid_url'],
		[{ frames: [{ url: `https://a/${'x'.repeat(2100)}` }, { data: B64 }] }, 'frames[0]', 'too_long']
	];
	it.each(cases.map(([over, field, code]) => [JSON.stringify(over).slice(0, 70), over, field, code] as const))(
		'%s → %s %s',
		(_label, over, field, code) => {
			expect(errorsOf(validateAlertInput(payload(over), { now: NOW }))).toEqual([{ field, code }]);
		}
	);

	it('5 minutes of clock skew are tolerated', () => {
		expect(validateAlertInput(payload({ capturedAt: '2026-11-27T08:05:00Z' }), { now: NOW }).ok).toBe(true);
	});

	it('a missing externalId or null is fine', () => {
		const r = validateAlertInput(payload({ externalId: null }), { now: NOW });
		expect(r.ok && r.alert.externalId).toBeNull();
	});

	describe('frames uploaded as files (multipart)', () => {
		const noFrames = () => {
			const p: Record<string, unknown> = payload();
			delete p.frames;
			return p;
		};
		it('the count of files is checked; the JSON must not carry frames too', () => {
			const r = validateAlertInput(noFrames(), { now: NOW, uploadedFrames: 3 });
			expect(r.ok && r.alert.frames).toEqual([]);
			expect(errorsOf(validateAlertInput(noFrames(), { now: NOW, uploadedFrames: 0 }))).toEqual([
				{ field: 'frames', code: 'required' }
			]);
			expect(errorsOf(validateAlertInput(noFrames(), { now: NOW, uploadedFrames: 1 }))).toEqual([
				{ field: 'frames', code: 'too_few' }
			]);
			expect(errorsOf(validateAlertInput(noFrames(), { now: NOW, uploadedFrames: 7 }))).toEqual([
				{ field: 'frames', code: 'too_many' }
			]);
			expect(errorsOf(validateAlertInput(payload(), { now: NOW, uploadedFrames: 2 }))).toEqual([
				{ field: 'frames', code: 'unexpected' }
			]);
		});
	});
});

describe('parseCapturedAt', () => {
	it.each([
		['2026-11-27T15:30:00+08:00', Date.parse('2026-11-27T07:30:00Z')],
		['2026-11-27T07:30Z', Date.parse('2026-11-27T07:30:00Z')],
		['2026-11-27T07:30:00.5Z', Date.parse('2026-11-27T07:30:00.500Z')],
		['2026-11-27T07:30:00.123456789Z', Date.parse('2026-11-27T07:30:00.123Z')],
		['2026-11-27T02:30:00-05:00', Date.parse('2026-11-27T07:30:00Z')],
		['2024-02-29T00:00:00+08:00', Date.parse('2024-02-28T16:00:00Z')],
		['2025-02-29T00:00:00+08:00', 'invalid_date'],
		['2026-11-27T24:00:00Z', 'invalid_date'],
		['2026-13-01T00:00:00Z', 'invalid_date'],
		['2026-11-27T07:30:00+15:00', 'invalid_date'],
		['2026-11-27T07:30:00', 'missing_offset'],
		['2026-11-27 07:30', 'missing_offset'],
		['2026-11-27', 'invalid_date']
	])('%s → %s', (s, expected) => {
		expect(parseCapturedAt(s)).toBe(expected);
	});
});
