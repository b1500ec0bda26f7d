// One demo account per role (and a few more so every department and the 核查 rule can be tried).
import type { Db } from '../src/lib/server/db/create-database';
import { hashPassword } from '../src/lib/server/auth/password';
import { insertUser } from '../src/lib/server/repositories/users';

export const DEMO_PASSWORD = 'gridcase-demo';

export interface DemoUser {
	username: string;
	displayName: string;
	role: string;
	department?: string;
	community?: string;
}

export const DEMO_USERS: DemoUser[] = [
	{ username: 'wangge', displayName: '张网格（东兰一居）', role: 'grid_worker', community: '东兰一居' },
	{ username: 'wangge2', displayName: '李网格（东兰一居）', role: 'grid_worker', community: '东兰一居' },
	{ username: 'wangge3', displayName: '王网格（古美一村）', role: 'grid_worker', community: '古美一村' },
	{ username: 'diaodu', displayName: '陈调度（城运中心）', role: 'dispatcher' },
	{ username: 'chengguan', displayName: '赵队员（城管中队）', role: 'handler', department: '城管中队' },
	{ username: 'shirong', displayName: '钱师傅（市容所）', role: 'handler', department: '市容所' },
	{ username: 'fangban', displayName: '孙主任（房办）', role: 'handler', department: '房办' },
	{ username: 'lvhua', displayName: '周师傅（绿化所）', role: 'handler', department: '绿化所' },
	{ username: 'wuye', displayName: '吴经理（物业/居委）', role: 'handler', department: '物业/居委' },
	{ username: 'shizheng', displayName: '郑师傅（市政养护所）', role: 'handler', department: '市政养护所' },
	{ username: 'zhifa', displayName: '冯队员（执法）', role: 'enforcer' },
	{ username: 'lingdao', displayName: '刘主任（街道领导）', role: 'leader' },
	{ username: 'admin', displayName: '系统管理员', role: 'admin' }
];

export async function seedDemoUsers(db: Db, now: number): Promise<Map<string, number>> {
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const depts = new Map(
		(await db.selectFrom('departments').select(['id', 'name']).execute()).map((d) => [d.name, d.id])
	);
	const comms = new Map(
		(await db.selectFrom('communities').select(['id', 'name', 'area_id']).execute()).map((c) => [c.name, c])
	);
	const ids = new Map<string, number>();
	for (const u of DEMO_USERS) {
		const community = u.community ? comms.get(u.community) : undefined;
		const id = await insertUser(
			db,
			{
				username: u.username,
				displayName: u.displayName,
				role: u.role,
				passwordHash,
				departmentId: u.department ? depts.get(u.department) : null,
				communityId: community?.id ?? null,
				areaId: community?.area_id ?? null
			},
			now
		);
		ids.set(u.username, id);
	}
	return ids;
}
