// What an import worker (import-worker.ts) does when asked: make a commit's rows (import-prepare.ts)
// or check a batch of a preview's rows (import-check.ts). Loaded only on the worker's thread.
import Database from 'better-sqlite3';
import type { OrderValidationContext } from '$lib/domain/hotline-order-input';
import { validationContextFrom } from '../../hotline-validation';
import { checkForPreview, type CheckReply, type CheckRequest } from './import-check';
import { produce, type PrepareMessage, type PrepareRequest } from './import-prepare';

let ctx: OrderValidationContext | null = null;

type CheckpointRequest = { kind: 'checkpoint'; file: string };

export function serve(
	m: CheckRequest | PrepareRequest | CheckpointRequest,
	reply: (m: CheckReply | PrepareMessage | { kind: 'checkpointed' }) => void
): void {
	if (m.kind === 'checkpoint') {
		try {
			const db = new Database(m.file);
			db.pragma('wal_checkpoint(PASSIVE)');
			db.close();
		} catch {
			// Left to the app's connection, whose next commit copies the WAL in as usual.
		}
		reply({ kind: 'checkpointed' });
	} else if (m.kind === 'context') ctx = validationContextFrom(m.data);
	else if (m.kind === 'check') reply({ kind: 'checked', id: m.id, rows: checkForPreview(m.cells, m.keys, ctx!) });
	else void produce(m.input, reply, () => Promise.resolve());
}
