import { openDatabase, waitWithoutBlocking, type Db } from './create-database';
import { databaseTarget } from '../config';

// Opened lazily: `vite build` imports server modules and must not create a database file.
// DATABASE_URL (or DATABASE_PATH) chooses SQLite or PostgreSQL: see config.ts.
let db: Db | null = null;

export function getDb(): Db {
	if (!db) {
		db = openDatabase(databaseTarget());
		waitWithoutBlocking(db);
	}
	return db;
}
