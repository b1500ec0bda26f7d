// The schema as both databases describe it, in one shape: tables with their columns in order (a
// type family, nullability, default), primary key, foreign keys, unique constraints, indexes and
// triggers. Read from SQLite's pragmas and from PostgreSQL's catalogue, so a test can tell when the
// two migration sets stop making the same schema.
import { sql } from 'kysely';
import type { Db } from './create-database';

export type TypeFamily = 'integer' | 'real' | 'text' | 'other';

export interface ColumnShape {
	name: string;
	type: TypeFamily;
	notNull: boolean;
	/** The default as written, casts and quotes aside (null: none, or an identity). */
	default: string | null;
}

export interface IndexShape {
	name: string;
	columns: string[];
	unique: boolean;
	/** The words of a partial index's condition (columns and quoted values), sorted; null when not partial. */
	where: string[] | null;
}

export interface TableShape {
	columns: ColumnShape[];
	primaryKey: string[];
	/** `column -> table.column`, with ` cascade` when a delete cascades; sorted. */
	foreignKeys: string[];
	/** Column lists of the unique constraints (not the primary key), sorted. */
	uniques: string[];
	/** Indexes made by name, not those behind a key or a unique constraint; sorted by name. */
	indexes: IndexShape[];
	triggers: string[];
}

export type SchemaShape = Record<string, TableShape>;

export function typeFamily(declared: string): TypeFamily {
	const t = declared.toLowerCase();
	if (/^(integer|int|bigint|smallint|int[248])$/.test(t)) return 'integer';
	if (/^(real|double precision|float[48]?|numeric)$/.test(t)) return 'real';
	if (/^(text|character varying|varchar.*)$/.test(t)) return 'text';
	return 'other';
}

const KEYWORDS = new Set(['not', 'in', 'is', 'null', 'all', 'array', 'text', 'and', 'or', 'any']);
/** The columns and quoted values a condition names, in either database's spelling of it. */
export const conditionWords = (condition: string): string[] =>
	(condition.match(/'[^']*'|[a-z_][a-z0-9_]*/gi) ?? [])
		.map((w) => w.replaceAll('"', '').toLowerCase())
		.filter((w) => !KEYWORDS.has(w))
		.sort();

export const cleanDefault = (d: string | null): string | null =>
	d === null || /nextval\(/.test(d) ? null : d.replace(/::[a-z ]+$/i, '').replace(/^\((.*)\)$/, '$1');

export const isAppTable = (name: string) => !name.startsWith('kysely_') && !name.startsWith('sqlite_');

export async function rows<R>(db: Db, query: ReturnType<typeof sql<R>>): Promise<R[]> {
	return (await query.execute(db)).rows;
}

/** The schema of a SQLite database, from its pragmas. */
export async function sqliteSchemaShape(db: Db): Promise<SchemaShape> {
	type Col = { name: string; type: string; notnull: number; dflt_value: string | null; pk: number };
	type Fk = { from: string; table: string; to: string; on_delete: string };
	type Idx = { name: string; unique: number; origin: string; partial: number };
	const shape: SchemaShape = {};
	const tables = await rows(
		db,
		sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`
	);
	for (const { name } of tables.filter((t) => isAppTable(t.name))) {
		const cols = await rows(db, sql<Col>`SELECT * FROM pragma_table_info(${name})`);
		const fks = await rows(db, sql<Fk>`SELECT * FROM pragma_foreign_key_list(${name})`);
		const idx = await rows(db, sql<Idx>`SELECT * FROM pragma_index_list(${name})`);
		const columnsOf = async (index: string) =>
			(await rows(db, sql<{ name: string }>`SELECT name FROM pragma_index_info(${index}) ORDER BY seqno`)).map(
				(c) => c.name
			);
		const indexes: IndexShape[] = [];
		const uniques: string[] = [];
		for (const i of idx) {
			if (i.origin === 'u') uniques.push((await columnsOf(i.name)).join(','));
			if (i.origin !== 'c') continue;
			const text = (await rows(db, sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE name = ${i.name}`))[0].sql;
			const where = i.partial ? conditionWords(text.replace(/^.*?\bwhere\b/is, '')) : null;
			indexes.push({ name: i.name, columns: await columnsOf(i.name), unique: i.unique === 1, where });
		}
		const triggers = await rows(
			db,
			sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ${name} ORDER BY name`
		);
		shape[name] = {
			columns: cols.map((c) => ({
				name: c.name,
				type: typeFamily(c.type),
				notNull: c.notnull === 1 || c.pk > 0,
				default: cleanDefault(c.dflt_value)
			})),
			primaryKey: cols
				.filter((c) => c.pk > 0)
				.sort((a, b) => a.pk - b.pk)
				.map((c) => c.name),
			foreignKeys: fks
				.map((f) => `${f.from} -> ${f.table}.${f.to}${f.on_delete === 'CASCADE' ? ' cascade' : ''}`)
				.sort(),
			uniques: uniques.sort(),
			indexes: indexes.sort((a, b) => a.name.localeCompare(b.name)),
			triggers: triggers.map((t) => t.name)
		};
	}
	return shape;
}
