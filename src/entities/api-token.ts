import { Entity, Enum, ManyToOne, PrimaryKey, Property, OptionalProps } from '@mikro-orm/core';
import { Role } from '../auth/roles';
import { Channel } from './channel';
import { Department } from './department';
import { StaffUser } from './staff-user';

/** API: a machine's token (CLI `token create`); SESSION: a person's login (issue 12), always expiring. */
export enum ApiTokenKind {
  API = 'API',
  SESSION = 'SESSION',
}

/** API token. Only the SHA-256 of the token is stored; the token itself is shown once at creation. */
@Entity()
export class ApiToken {
  [OptionalProps]?: 'createdAt' | 'kind';

  @PrimaryKey()
  id!: number;

  @Property({ length: 64, unique: true })
  tokenHash!: string;

  /** First characters of the token, to recognise it in listings. */
  @Property({ length: 12 })
  prefix!: string;

  @Property({ length: 100 })
  label!: string;

  @Enum({ items: () => Role, nativeEnumName: 'role' })
  role!: Role;

  @Enum({ items: () => ApiTokenKind, nativeEnumName: 'api_token_kind', default: ApiTokenKind.API })
  kind: ApiTokenKind = ApiTokenKind.API;

  /** The person a SESSION belongs to (null for API tokens). */
  @ManyToOne(() => StaffUser, { nullable: true })
  user?: StaffUser | null;

  @ManyToOne(() => Department, { nullable: true })
  department?: Department;

  @ManyToOne(() => Channel, { nullable: true })
  channel?: Channel;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  expiresAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  revokedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  lastUsedAt?: Date | null;
}
