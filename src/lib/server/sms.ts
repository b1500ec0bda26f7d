// The SMS gateway is an adapter: deployments plug in their operator's; the default only logs.

export interface SmsReceipt {
	provider: string;
	ref: string;
}

export interface SmsSender {
	send(phone: string, body: string): Promise<SmsReceipt>;
}

/** Writes the message to the server log and reports it sent (the demo and tests use this). */
export class LoggingSmsSender implements SmsSender {
	private seq = 0;
	readonly sent: { phone: string; body: string }[] = [];
	async send(phone: string, body: string): Promise<SmsReceipt> {
		this.sent.push({ phone, body });
		console.log(`[sms:log] to ${phone.slice(0, 3)}****${phone.slice(-4)}: ${body}`);
		return { provider: 'log', ref: `log-${Date.now().toString(36)}-${++this.seq}` };
	}
}

let sender: SmsSender | null = null;

/** GRIDCASE_SMS selects the adapter; only `log` ships with GridCase. */
export function smsSender(): SmsSender {
	if (sender) return sender;
	const kind = process.env.GRIDCASE_SMS ?? 'log';
	if (kind !== 'log') throw new Error(`GRIDCASE_SMS=${kind}: no such SMS adapter (available: log)`);
	sender = new LoggingSmsSender();
	return sender;
}

/** Tests and deployments may install their own adapter. */
export function setSmsSender(s: SmsSender | null): void {
	sender = s;
}
