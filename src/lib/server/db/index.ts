import { createDatabase, type Db } from './create-database';
import { databasePath } from '../config';

// Opened lazily: `vite build` imports server modules and must not create a database file.
let db: Db | null = null;

export function getDb(): Db {
	db ??= createDatabase(databasePath());
	return db;
}
