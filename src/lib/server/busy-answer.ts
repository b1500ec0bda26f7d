// A request whose write met another process's long write (an operator's bulk import or rebuild)
// past the database's wait is not a fault of the server nor of the request: it answers 503 with
// Retry-After, and says the database is busy, instead of a 500. handleError notes the error
// (noteBusy) and the outermost handle turns the answer (asBusy); an API client gets its usual
// `{ error: { code, message } }` shape.
import { isBusy } from './db/busy';

export const BUSY_MESSAGE =
	'数据库正忙（正在进行大批量写入），请稍后重试 · The database is busy with a bulk write; try again shortly';
export const RETRY_AFTER_S = 5;

const busy = new WeakSet<object>();

/** Notes a request that failed on a busy database (by its locals, which handleError's event shares); true if it did. */
export function noteBusy(event: { locals: object }, error: unknown): boolean {
	if (isBusy(error)) busy.add(event.locals);
	return busy.has(event.locals);
}

/** The answer to a request noted busy: 503 with Retry-After (the rest of the answer kept); else `response` itself. */
export function asBusy(event: { url: URL; locals: object }, response: Response): Response {
	if (!busy.has(event.locals)) return response;
	const headers = new Headers(response.headers);
	headers.set('retry-after', String(RETRY_AFTER_S));
	if (event.url.pathname.startsWith('/api/')) {
		headers.set('content-type', 'application/json');
		headers.delete('content-length');
		const body = JSON.stringify({ error: { code: 'busy', message: BUSY_MESSAGE } });
		return new Response(body, { status: 503, headers });
	}
	return new Response(response.body, { status: 503, statusText: 'Service Unavailable', headers });
}
