import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * An OpenID Connect login in progress (src/auth/oidc/): kept server-side, so any hub instance can
 * answer the callback, and used once. The browser is bound to it by a cookie whose SHA-256 is
 * stored here (login CSRF: a callback URL from someone else's login does not work in your browser).
 */
@Entity()
export class OidcLoginState {
  /** The `state` parameter (random, 32 bytes base64url). */
  @PrimaryKey({ length: 64 })
  state!: string;

  @Property({ length: 64 })
  nonce!: string;

  @Property({ length: 128 })
  codeVerifier!: string;

  @Property({ length: 64 })
  browserHash!: string;

  @Property({ type: 'datetime' })
  expiresAt!: Date;
}
