// Creates a user (the first admin of a database started without demo data).
//   npm run user:create -- --username admin --name 管理员 --role admin   (password asked, or GRIDCASE_PASSWORD)
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { passwordProblem } from '../src/lib/domain/password-policy';
import { isRole, ROLES } from '../src/lib/domain/access';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../src/lib/server/auth/password';
import { databaseLabel, databaseTarget } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db/create-database';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { findUserByUsername, insertUser } from '../src/lib/server/repositories/users';
import { loadReferenceData } from '../src/lib/server/repositories/reference-data';

const { values } = parseArgs({
	options: {
		username: { type: 'string', default: 'admin' },
		name: { type: 'string', default: '系统管理员' },
		role: { type: 'string', default: 'admin' },
		department: { type: 'string' },
		community: { type: 'string' }
	}
});

async function readPassword(): Promise<string> {
	if (process.env.GRIDCASE_PASSWORD) return process.env.GRIDCASE_PASSWORD;
	const rl = createInterface({ input: process.stdin, output: process.stdout });
	const answer = await rl.question(`password for ${values.username} (min ${MIN_PASSWORD_LENGTH} characters): `);
	rl.close();
	return answer;
}

const db = openDatabase(databaseTarget());
try {
	if (!isRole(values.role!)) throw new Error(`role must be one of: ${ROLES.join(', ')}`);
	if (!/^[a-zA-Z0-9_.-]{2,32}$/.test(values.username!)) throw new Error('username: 2–32 letters, digits, _ . -');
	await migrateToLatest(db);
	await loadReferenceData(db);
	if (await findUserByUsername(db, values.username!)) throw new Error(`user ${values.username} already exists`);
	const password = await readPassword();
	const problem = passwordProblem(password, values.username!);
	if (problem)
		throw new Error(
			`password refused (${problem}): at least ${MIN_PASSWORD_LENGTH} characters, not the username, not a common password`
		);
	const department = values.department
		? await db.selectFrom('departments').select('id').where('name', '=', values.department).executeTakeFirst()
		: undefined;
	if (values.department && !department) throw new Error(`unknown department ${values.department}`);
	const community = values.community
		? await db
				.selectFrom('communities')
				.select(['id', 'area_id'])
				.where('name', '=', values.community)
				.executeTakeFirst()
		: undefined;
	if (values.community && !community) throw new Error(`unknown community ${values.community}`);
	const id = await insertUser(
		db,
		{
			username: values.username!,
			displayName: values.name!,
			role: values.role!,
			passwordHash: await hashPassword(password),
			departmentId: department?.id ?? null,
			communityId: community?.id ?? null,
			areaId: community?.area_id ?? null
		},
		Date.now()
	);
	console.log(`created user #${id} ${values.username} (${values.role}) in ${databaseLabel()}`);
} catch (e) {
	console.error(`user:create failed: ${e instanceof Error ? e.message : e}`);
	process.exitCode = 1;
} finally {
	await db.destroy();
}
