// Test actors shared by the access tests.
import type { Actor, Role } from '.';

// Places: 片区 1 holds 居民区 11 and 12; 片区 2 holds 居民区 21. Departments 5 and 6.
export const actor = (role: Role, over: Partial<Actor> = {}): Actor => ({
	id: 100,
	role,
	departmentId: null,
	areaId: null,
	communityId: null,
	...over
});
export const gridWorker = actor('grid_worker', { areaId: 1, communityId: 11 });
export const handler = actor('handler', { id: 200, departmentId: 5 });
export const dispatcher = actor('dispatcher', { id: 300 });
export const enforcer = actor('enforcer', { id: 400 });
export const leader = actor('leader', { id: 500 });
export const admin = actor('admin', { id: 600 });
