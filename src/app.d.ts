import type { Session, SessionUser } from '$lib/server/auth/session';
import type { Actor } from '$lib/domain/access';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
			actor: Actor | null;
			/** A reset or new account: nothing but the password page until the user picks their own. */
			mustChangePassword: boolean;
		}
		interface Error {
			message: string;
			errorId?: string;
		}
	}
}

export {};
