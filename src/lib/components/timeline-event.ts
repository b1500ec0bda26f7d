/** One line of a case's timeline (Timeline.svelte): a row of its event log with the actor's name. */
export interface TimelineEvent {
	id: number;
	at: number;
	action: string;
	from_status: string | null;
	to_status: string;
	note: string | null;
	actor_name: string;
	actor_role?: string;
	payload: Record<string, unknown>;
}
