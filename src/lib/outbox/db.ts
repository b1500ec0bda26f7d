// The outbox's storage on the phone: one IndexedDB object store, keyed by the item's key.
// Browser only. Photos are kept as Blobs, so a reload or a closed tab loses nothing.
import type { OutboxEntry } from '$lib/domain/outbox';

export interface OutboxPhoto {
	field: string;
	name: string;
	blob: Blob;
}
export interface OutboxItem extends OutboxEntry {
	/** What the worker sees in the list: the case code or the first words of the description. */
	title: string;
	capturedAt: number;
	caseId?: number;
	version?: number;
	fields: Record<string, string>;
	photos: OutboxPhoto[];
}

const DB_NAME = 'gridcase';
const STORE = 'outbox';

function open(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const req = indexedDB.open(DB_NAME, 1);
		req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'key' });
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

async function run<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
	const db = await open();
	try {
		return await new Promise<T>((resolve, reject) => {
			const tx = db.transaction(STORE, mode);
			const req = fn(tx.objectStore(STORE));
			// Resolve when the transaction commits, so a write is on disk before the form is cleared.
			tx.oncomplete = () => resolve(req.result);
			tx.onabort = tx.onerror = () => reject(tx.error ?? req.error);
		});
	} finally {
		db.close();
	}
}

export const readItems = () => run<OutboxItem[]>('readonly', (s) => s.getAll() as IDBRequest<OutboxItem[]>);
export const writeItem = (item: OutboxItem) => run('readwrite', (s) => s.put(item));
export const removeItem = (key: string) => run('readwrite', (s) => s.delete(key));

/** A full phone refuses the write with QuotaExceededError: the worker must be told, not the item lost. */
export const isStorageFull = (e: unknown) =>
	e instanceof DOMException && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED');
