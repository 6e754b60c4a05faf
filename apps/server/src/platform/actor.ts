import type { Grant } from '@grassroots/domain';

export interface ActorGrant extends Grant {
  /** Materialized path of the grant's anchor org. */
  orgPath: string;
  orgName: string;
}

/** The logged-in user a request acts for, with the grants active today. */
export interface Actor {
  userId: number;
  username: string;
  name: string;
  grants: ActorGrant[];
  ip: string | null;
  sessionId: string;
}

/** What decides every scope check for the actor: answers cached per actor are keyed by it (equal grants, equal answer). */
export function grantsKey(actor: Actor): string {
  return actor.grants.map((g) => `${g.role}:${g.orgPath}:${g.includeSubtree ? 1 : 0}`).join(',');
}
