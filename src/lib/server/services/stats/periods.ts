// The statistics page's quick periods (this month, last month, this year, …), back to the first year
// that has counted figures.
import { quickPeriods } from '$lib/domain/stats-period';
import type { Db } from '../../db/create-database';
import { firstCountedYear } from '../../repositories/stat-count-sums';

export const statsQuickPeriods = async (db: Db, today: string) => quickPeriods(today, await firstCountedYear(db));
