// The sealed records (migration 016): the event logs, the audit log and the stored photos and
// evidence. The database refuses to change, remove or replace a row of them; each row also carries
// its place in a chain (chain_seq) and a hash over its content and the hash of the row before it,
// so a row edited by anyone who got past the triggers (or the file itself) shows up in
// `npm run verify`. Chains run per case (per order, per enforcement case), or over the whole table
// where rows belong to no single record. No SvelteKit, no clock, no I/O: shared by the app, the
// migration's backfill, the verifier and the raw bulk loaders.
// One-shot hash(): half the cost of createHash() for a row (a bulk import seals 100,000 at once).
import { hash } from 'node:crypto';

export interface SealedTableSpec {
	/** The chain each row belongs to: a column (one chain per value) or null (one chain for the table). */
	chainKey: string | null;
	/** Whether `id` is chosen by the database (INTEGER PRIMARY KEY): then it is not hashed, chain_seq orders. */
	autoId: boolean;
	/** The columns hashed, in this order (all but id when autoId, chain_seq included, hash excluded). */
	columns: readonly string[];
	/** Column defaults the inserts may leave out, so the hash at insert equals the hash read back. */
	defaults?: Readonly<Record<string, unknown>>;
}

const EVENT = ['at', 'actor_id', 'action', 'from_status', 'to_status', 'note', 'payload'] as const;

export const SEALED_TABLES = {
	case_events: { chainKey: 'case_id', autoId: true, columns: ['case_id', 'chain_seq', ...EVENT] },
	attachments: {
		chainKey: 'case_id',
		autoId: false,
		columns: [
			'id',
			'case_id',
			'chain_seq',
			'event_id',
			'kind',
			'path',
			'thumb_path',
			'mime',
			'width',
			'height',
			'bytes',
			'sha256',
			'original_name',
			'captured_at',
			'lng',
			'lat',
			'uploaded_by',
			'created_at'
		]
	},
	hotline_events: {
		chainKey: 'order_id',
		autoId: true,
		columns: [
			'order_id',
			'chain_seq',
			'at',
			'actor_id',
			'api_key_id',
			'action',
			'from_status',
			'to_status',
			'note',
			'payload'
		]
	},
	hotline_attachments: {
		chainKey: 'order_id',
		autoId: false,
		columns: [
			'id',
			'order_id',
			'chain_seq',
			'event_id',
			'path',
			'thumb_path',
			'sha256',
			'original_name',
			'uploaded_by',
			'created_at'
		]
	},
	enforcement_events: { chainKey: 'enforcement_id', autoId: true, columns: ['enforcement_id', 'chain_seq', ...EVENT] },
	evidence_files: {
		chainKey: null,
		autoId: false,
		columns: [
			'id',
			'chain_seq',
			'alert_id',
			'enforcement_id',
			'event_id',
			'kind',
			'seq',
			'path',
			'thumb_path',
			'mime',
			'bytes',
			'width',
			'height',
			'sha256',
			'source',
			'camera_id',
			'captured_at',
			'uploaded_by',
			'created_at'
		],
		defaults: { seq: 0 }
	},
	audit_log: { chainKey: null, autoId: true, columns: ['chain_seq', 'at', 'actor_id', 'action', 'target', 'detail'] },
	/** Issued 告知书 and 决定书 as served (migration 020): content, HTML and their SHA-256. */
	enforcement_documents: {
		chainKey: 'enforcement_id',
		autoId: true,
		columns: [
			'enforcement_id',
			'chain_seq',
			'event_id',
			'kind',
			'document_no',
			'issued_at',
			'issued_by',
			'content',
			'content_sha256',
			'html',
			'sha256'
		]
	}
} as const satisfies Record<string, SealedTableSpec>;

export type SealedTable = keyof typeof SEALED_TABLES;
/**
 * The tables migration 016 sealed. Frozen: that migration walks this list (up and down), so a table
 * sealed by a later migration is added to ALL_SEALED_TABLE_NAMES only.
 */
export const SEALED_TABLE_NAMES: SealedTable[] = [
	'case_events',
	'attachments',
	'hotline_events',
	'hotline_attachments',
	'enforcement_events',
	'evidence_files',
	'audit_log'
];
/** Every sealed table: what `npm run verify` walks and the tests check. */
export const ALL_SEALED_TABLE_NAMES = Object.keys(SEALED_TABLES) as SealedTable[];

/** Append-only without a chain: a phone's submission keys (migration 014), refused REPLACE too. */
export const APPEND_ONLY_UNCHAINED = ['field_submissions'] as const;

/** The hash before the first row of every chain. */
export const GENESIS = '';

/** Lone UTF-16 surrogates replaced by U+FFFD: a sealed row stores only text that reads back as written. */
const SURROGATE = /[\uD800-\uDFFF]/;
export const wellFormed = (s: string) =>
	SURROGATE.test(s)
		? s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
		: s;

/**
 * The row's canonical form: its table, then each hashed column's value as text (null stays null).
 * Text, because SQLite's column affinity may turn 5 into '5' or 5.0 into 5 on the way in, and the
 * hash at insert must equal the hash of what is read back. Version 1 of the form.
 */
export function canonicalRow(table: SealedTable, row: Readonly<Record<string, unknown>>): string {
	const spec: SealedTableSpec = SEALED_TABLES[table];
	const values = spec.columns.map((c) => {
		const v = row[c] === undefined ? spec.defaults?.[c] : row[c];
		return v === undefined || v === null ? null : wellFormed(String(v));
	});
	return JSON.stringify(['v1', table, ...values]);
}

/**
 * The hash of the first row of a chain (chain_seq 0, after GENESIS) for rows alike but for their
 * chain key, as rowHash gives it: the canonical form is made once around the key, so a bulk loader
 * (the 12345 import seals 100,000 first events at once) only joins text and hashes per row.
 */
export function chainStartHasher(
	table: SealedTable,
	row: Readonly<Record<string, unknown>>
): (key: number | string) => string {
	const key = SEALED_TABLES[table].chainKey as string | null;
	if (key === null) throw new Error(`${table}: one chain for the whole table`);
	// Made with a stand-in for the key, then cut there: what comes before and after it never changes.
	const marker = JSON.stringify('\u0000chain key\u0000');
	const parts = canonicalRow(table, { ...row, chain_seq: 0, [key]: JSON.parse(marker) }).split(marker);
	if (parts.length !== 2) throw new Error(`${table}: the row's text contains the stand-in for its chain key`);
	const [head, tail] = parts;
	return (k) => hash('sha256', `${GENESIS}\n${head}${JSON.stringify(wellFormed(String(k)))}${tail}`, 'hex');
}

/** SHA-256 (hex) over the previous row's hash and this row's canonical form. */
export function rowHash(table: SealedTable, row: Readonly<Record<string, unknown>>, previousHash: string): string {
	return hash('sha256', `${previousHash}\n${canonicalRow(table, row)}`, 'hex');
}

/** The chain a row belongs to, as text ('' for a table-wide chain). */
export function chainOf(table: SealedTable, row: Readonly<Record<string, unknown>>): string {
	const key: string | null = SEALED_TABLES[table].chainKey;
	return key === null ? '' : String(row[key]);
}

/** The row with its text made well-formed (see wellFormed), as it is to be stored and hashed. */
export function storableRow<R extends object>(row: R): R {
	// Nearly every row is well-formed already: copied only when it is not (the bulk import seals 100,000).
	if (!Object.values(row).some((v) => typeof v === 'string' && SURROGATE.test(v))) return row;
	return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' ? wellFormed(v) : v])) as R;
}
