/** One holder at a time; waiters are served in arrival order, each woken once. */
export class FifoLock {
	#held = false;
	#waiting: (() => void)[] = [];
	get held(): boolean {
		return this.#held;
	}
	/** Takes the lock if nobody holds it; never waits. */
	tryAcquire(): boolean {
		if (this.#held) return false;
		this.#held = true;
		return true;
	}
	acquire(): Promise<void> {
		if (this.tryAcquire()) return Promise.resolve();
		return new Promise((resolve) => this.#waiting.push(resolve));
	}
	release(): void {
		const next = this.#waiting.shift();
		if (next) next();
		else this.#held = false;
	}
}
