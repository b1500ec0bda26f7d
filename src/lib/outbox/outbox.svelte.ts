// The phone's outbox as the pages see it: the items, whether a send is running, and the actions.
// One per browser tab; the items themselves live in IndexedDB (db.ts), shared by every tab.
import { afterSend, nextSeq, resendHeld, retryDelay, sendQueue, type SendOutcome } from '$lib/domain/outbox';
import { readItems, removeItem, writeItem, type OutboxItem } from './db';
import { sendItem } from './send';

export type NewItem = Omit<OutboxItem, 'seq' | 'state' | 'reason' | 'attempts' | 'current'>;

class Outbox {
	items = $state<OutboxItem[]>([]);
	/** False until the phone's storage has been read once: until then an empty list means "not read yet", not "nothing kept". */
	loaded = $state(false);
	sending = $state(false);
	/** Why the last run stopped (network, server, signed_out), for the header to say. */
	stopped = $state<string | null>(null);
	username = '';
	/** The key of the item being sent as it is recorded: kept already, but not yet waiting in the outbox. */
	recording = $state<string | null>(null);
	private retry: ReturnType<typeof setTimeout> | undefined;

	pending = $derived(this.items.filter((i) => i.state === 'pending').length);
	held = $derived(this.items.filter((i) => i.state === 'held').length);

	async refresh(): Promise<void> {
		if (typeof indexedDB === 'undefined') {
			this.loaded = true; // nothing can be kept on this browser
			return;
		}
		this.items = (await readItems()).sort((a, b) => a.seq - b.seq);
		this.loaded = true;
	}

	/** Keeps the work on the phone first: nothing is lost if the page or the link dies afterwards. */
	async add(item: NewItem): Promise<OutboxItem> {
		await this.refresh();
		const kept: OutboxItem = {
			...item,
			seq: nextSeq(this.items, Date.now()),
			state: 'pending',
			reason: null,
			attempts: 0,
			current: null
		};
		await writeItem(kept);
		await this.refresh();
		return kept;
	}

	async discard(key: string): Promise<void> {
		await removeItem(key);
		await this.refresh();
	}

	async resend(key: string): Promise<void> {
		const item = (await readItems()).find((i) => i.key === key);
		if (item) await writeItem(resendHeld(item));
		await this.flush();
	}

	/** Applies a send's answer to the stored item; false when the run should stop there. */
	async settle(item: OutboxItem, outcome: SendOutcome): Promise<boolean> {
		const next = afterSend(item, outcome);
		if (next.remove) await removeItem(item.key);
		else await writeItem({ ...item, ...next.entry });
		if (!next.next) this.stopped = next.remove ? null : next.entry.reason;
		await this.refresh();
		if (!this.sending) this.scheduleRetry();
		return next.next;
	}

	/** Sends this person's pending items in order; stops at the first that gets no answer. */
	async flush(): Promise<void> {
		if (this.sending || !this.username) return;
		this.sending = true;
		try {
			this.stopped = null;
			for (const item of sendQueue(await readItems(), this.username)) {
				if (!(await this.settle(item, await sendItem(item)))) break;
			}
		} finally {
			await this.refresh();
			this.sending = false;
		}
		this.scheduleRetry();
	}

	/** After no answer (or a server failure) the next try comes by itself, sooner at first. */
	private scheduleRetry(): void {
		clearTimeout(this.retry);
		if (this.stopped !== 'network' && this.stopped !== 'server') return;
		const first = sendQueue(this.items, this.username)[0];
		if (!first) return;
		this.retry = setTimeout(() => {
			if (navigator.onLine) void this.flush();
		}, retryDelay(first.attempts));
	}
}

export const outbox = new Outbox();
