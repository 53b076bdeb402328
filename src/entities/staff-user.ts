import { Entity, Enum, ManyToOne, PrimaryKey, Property, OptionalProps, Unique } from '@mikro-orm/core';
import { Role } from '../auth/roles';
import { Department } from './department';

/**
 * 工作人员账号 A person who signs in (issue 12): by password (scrypt, src/auth/accounts/password.ts)
 * or through the province's unified identity platform (OpenID Connect, src/auth/oidc/). A login
 * issues a session, an api_token row of kind SESSION linked to the person, so every path that
 * accepts a token accepts a session. Accounts are disabled, never deleted: the timeline and the
 * personal-data access log point at them.
 */
@Entity()
@Unique({ properties: ['oidcIssuer', 'oidcSubject'] })
export class StaffUser {
  [OptionalProps]?: 'createdAt' | 'failedLogins';

  @PrimaryKey()
  id!: number;

  /** Login name, stored lower-case. */
  @Property({ length: 64, unique: true })
  username!: string;

  @Property({ length: 100 })
  displayName!: string;

  @Enum({ items: () => Role, nativeEnumName: 'role' })
  role!: Role;

  @ManyToOne(() => Department, { nullable: true })
  department?: Department | null;

  /** "scrypt$<logN>$<r>$<p>$<salt>$<hash>"; null for accounts that only sign in through OIDC. */
  @Property({ type: 'text', nullable: true })
  passwordHash?: string | null;

  @Property({ length: 255, nullable: true })
  oidcIssuer?: string | null;

  @Property({ length: 255, nullable: true })
  oidcSubject?: string | null;

  @Property({ type: 'datetime', nullable: true })
  disabledAt?: Date | null;

  /** Failed password attempts since failedSince (the lockout window). */
  @Property({ type: 'integer', default: 0 })
  failedLogins: number = 0;

  @Property({ type: 'datetime', nullable: true })
  failedSince?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  lockedUntil?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  lastLoginAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  passwordChangedAt?: Date | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
