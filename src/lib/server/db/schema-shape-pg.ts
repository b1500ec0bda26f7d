// The schema of a PostgreSQL database in the shape of schema-shape.ts, from its catalogue (the
// public schema only).
import { sql } from 'kysely';
import type { Db } from './create-database';
import {
	cleanDefault,
	conditionWords,
	isAppTable,
	rows,
	typeFamily,
	type IndexShape,
	type SchemaShape
} from './schema-shape';

export async function postgresSchemaShape(db: Db): Promise<SchemaShape> {
	const columns = await rows(
		db,
		sql<{ table: string; name: string; type: string; nullable: string; default: string | null }>`
			SELECT table_name AS table, column_name AS name, data_type AS type, is_nullable AS nullable, column_default AS default
			FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`
	);
	const indexes = await rows(
		db,
		sql<{ table: string; name: string; columns: string; unique: boolean; where: string | null; key: string | null }>`
			SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique, con.contype AS key,
				pg_get_expr(ix.indpred, ix.indrelid) AS where,
				(SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
					JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS columns
			FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
			LEFT JOIN pg_constraint con ON con.conindid = ix.indexrelid AND con.contype IN ('p', 'u')
			WHERE t.relnamespace = 'public'::regnamespace`
	);
	const foreignKeys = await rows(
		db,
		sql<{ table: string; column: string; ref_table: string; ref_column: string; on_delete: string }>`
			SELECT c.conrelid::regclass::text AS table, a.attname AS column, c.confrelid::regclass::text AS ref_table,
				af.attname AS ref_column, c.confdeltype AS on_delete
			FROM pg_constraint c CROSS JOIN LATERAL unnest(c.conkey, c.confkey) AS k(col, ref)
			JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.col
			JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = k.ref
			WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`
	);
	const triggers = await rows(
		db,
		sql<{ table: string; name: string }>`
			SELECT c.relname AS table, t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
			WHERE NOT t.tgisinternal AND c.relnamespace = 'public'::regnamespace ORDER BY t.tgname`
	);

	const shape: SchemaShape = {};
	for (const c of columns.filter((c) => isAppTable(c.table))) {
		shape[c.table] ??= { columns: [], primaryKey: [], foreignKeys: [], uniques: [], indexes: [], triggers: [] };
		shape[c.table].columns.push({
			name: c.name,
			type: typeFamily(c.type),
			notNull: c.nullable === 'NO',
			default: cleanDefault(c.default)
		});
	}
	for (const i of indexes.filter((i) => shape[i.table])) {
		const table = shape[i.table];
		if (i.key === 'p') table.primaryKey = i.columns.split(',');
		else if (i.key === 'u') table.uniques.push(i.columns);
		else {
			const index: IndexShape = {
				name: i.name,
				columns: i.columns.split(','),
				unique: i.unique,
				where: i.where === null ? null : conditionWords(i.where)
			};
			table.indexes.push(index);
		}
	}
	for (const f of foreignKeys.filter((f) => shape[f.table]))
		shape[f.table].foreignKeys.push(
			`${f.column} -> ${f.ref_table}.${f.ref_column}${f.on_delete === 'c' ? ' cascade' : ''}`
		);
	for (const t of triggers.filter((t) => shape[t.table])) shape[t.table].triggers.push(t.name);
	for (const table of Object.values(shape)) {
		table.foreignKeys.sort();
		table.uniques.sort();
		table.indexes.sort((a, b) => a.name.localeCompare(b.name));
	}
	return shape;
}
