// What an import worker (import-worker.ts) does when asked: make a commit's rows (import-prepare.ts)
// or check a batch of a preview's rows (import-check.ts). Loaded only on the worker's thread.
import type { OrderValidationContext } from '$lib/domain/hotline-order-input';
import { validationContextFrom } from '../../hotline-validation';
import { checkForPreview, type CheckReply, type CheckRequest } from './import-check';
import { produce, type PrepareMessage, type PrepareRequest } from './import-prepare';

let ctx: OrderValidationContext | null = null;

export function serve(m: CheckRequest | PrepareRequest, reply: (m: CheckReply | PrepareMessage) => void): void {
	if (m.kind === 'context') ctx = validationContextFrom(m.data);
	else if (m.kind === 'check') reply({ kind: 'checked', id: m.id, rows: checkForPreview(m.rows, ctx!) });
	else void produce(m.input, reply, () => Promise.resolve());
}
