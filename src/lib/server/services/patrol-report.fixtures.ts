// Test fixtures (tests and their child processes; no test runner imports): the report most service
// tests file, a grid worker's patrol find of 垃圾 at 东兰路 1 号.
import type { PhotoInput } from '../photos';
import type { ReportInput } from './report-case';

/** The input of a patrol report with these photos before, and whatever the test changes. */
export const patrolReport = (beforePhotos: PhotoInput[], over: Partial<ReportInput> = {}): ReportInput => ({
	mode: 'report',
	source: 'patrol',
	categoryCode: 'SH-HWSR-01',
	description: '垃圾',
	address: '东兰路 1 号',
	lng: 121.37792,
	lat: 31.15505,
	communityId: null,
	handlingNote: '',
	beforePhotos,
	afterPhotos: [],
	...over
});
