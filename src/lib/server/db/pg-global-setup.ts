// Vitest global set-up of the "pg" test project: one throwaway PostgreSQL cluster for the whole run,
// shared by every *.pg.test.ts file (each makes its own database in it with pgTestDatabase()).
// No PostgreSQL binaries is a failure, not a skip: the PostgreSQL half of the suite must run.
import type { TestProject } from 'vitest/node';
import { startPgCluster } from './pg-cluster';

declare module 'vitest' {
	export interface ProvidedContext {
		/** URL of the cluster's `postgres` database; tests create their own databases next to it. */
		pgClusterUrl: string;
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const cluster = await startPgCluster();
	console.log(
		`PostgreSQL test cluster on port ${cluster.port}: initdb ${cluster.timings.initdb} ms, start ${cluster.timings.start} ms`
	);
	project.provide('pgClusterUrl', cluster.url);
	return () => cluster.stop();
}
