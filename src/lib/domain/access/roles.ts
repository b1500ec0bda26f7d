/** The roles of the street office: 网格员, 承办部门人员, 城运中心调度, 执法队员, 领导, 系统管理员. */
export const ROLES = ['grid_worker', 'handler', 'dispatcher', 'enforcer', 'leader', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export function isRole(s: string): s is Role {
	return (ROLES as readonly string[]).includes(s);
}

/** Who is acting: the signed-in user, reduced to what permission needs. */
export interface Actor {
	id: number;
	role: Role;
	departmentId: number | null;
	areaId: number | null; // 片区
	communityId: number | null; // 居民区
}
