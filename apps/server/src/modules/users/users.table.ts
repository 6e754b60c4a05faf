import type { Role } from '@grassroots/domain';
import type { Generated, Selectable } from 'kysely';

export interface UserTable {
  id: Generated<number>;
  username: string;
  name: string;
  passwordHash: string;
  disabled: Generated<number>;
  failedLogins: Generated<number>;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}
export type UserRow = Selectable<UserTable>;

// A grant: a role held at an anchor org, with or without its subtree, optionally time-bounded.
export interface UserGrantTable {
  id: Generated<number>;
  userId: number;
  role: Role;
  orgId: number;
  includeSubtree: number;
  validFrom: string | null;
  validTo: string | null;
}
export type UserGrantRow = Selectable<UserGrantTable>;
