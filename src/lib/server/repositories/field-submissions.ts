import type { Insertable } from 'kysely';
import type { Db } from '../db/create-database';
import type { FieldSubmissionTable } from '../db/schema-cases';

/** A key the phone sent before, with the case it created or acted on. */
export async function findSubmission(db: Db, key: string) {
	return db
		.selectFrom('field_submissions')
		.innerJoin('cases', 'cases.id', 'field_submissions.case_id')
		.select([
			'field_submissions.user_id',
			'field_submissions.kind',
			'field_submissions.case_id',
			'cases.code',
			'cases.status',
			'cases.version'
		])
		.where('field_submissions.key', '=', key)
		.executeTakeFirst();
}

export async function insertSubmission(db: Db, row: Insertable<FieldSubmissionTable>): Promise<void> {
	await db.insertInto('field_submissions').values(row).execute();
}

/** Where a case stands now: what a phone is told when its 核查 arrives after the case moved on. */
export async function caseStanding(db: Db, caseId: number) {
	return db.selectFrom('cases').select(['code', 'status', 'version']).where('id', '=', caseId).executeTakeFirst();
}
