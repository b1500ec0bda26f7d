import type { OrderValidationContext } from '$lib/domain/hotline-order-input';
import { ImportFileError } from '../../import/errors';
import type { Checker, OrderNo } from './import-check';
import { scanOrderFile } from './import-scan';

/** Everything a reading of a file handed to its callbacks, in order (of an order, what a preview reads), and how it ended. */
export async function scanAll(path: string, name: string, ctx: OrderValidationContext, check?: Checker<OrderNo>) {
	const calls: unknown[] = [];
	let failure: { code: string; line?: number; otherLine?: number } | null = null;
	let result = null;
	try {
		result = await scanOrderFile<OrderNo>(path, name, ctx, {
			check,
			order: (order, line, fingerprint) => void calls.push(['order', order.orderNo, line, fingerprint]),
			problems: (p) => void calls.push(['problems', p]),
			notes: (n) => void calls.push(['notes', n]),
			progress: (n) => void calls.push(['progress', n])
		});
	} catch (e) {
		if (!(e instanceof ImportFileError)) throw e;
		failure = { code: e.code, line: e.line, otherLine: e.otherLine };
	}
	return { calls, result, failure };
}
