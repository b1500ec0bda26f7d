import { expect, test } from './csp';

// No request can stall the server (issue 14 §4): a body sent without Content-Length is counted as it
// arrives and refused past the limit.
test('a body sent in chunks past the size limit is answered 413, and the server goes on', async ({ baseURL }) => {
	const limit = 70 * 1024 * 1024; // BODY_SIZE_LIMIT as scripts/start.js sets it
	const chunk = new Uint8Array(1024 * 1024);
	let sent = 0;
	const body = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (sent > limit + 8 * chunk.length) return controller.close();
			sent += chunk.length;
			controller.enqueue(chunk);
		}
	});
	const res = await fetch(`${baseURL}/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseURL! },
		body,
		duplex: 'half'
	} as RequestInit).catch((e: Error) => e);
	expect(res instanceof Response ? res.status : res.message).toBe(413);
	expect((await fetch(`${baseURL}/health`)).status).toBe(200);
});
