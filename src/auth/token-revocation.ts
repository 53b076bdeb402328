import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../common/errors';
import type { EventBus } from '../events/event-bus';
import { Topics, type TokenRevokedMessage } from '../events/topics';
import { forgetRevoked } from './token-cache';

export interface RevokeResult {
  tokenId: number;
  /** When the token was revoked (now, or earlier if it already was). */
  revokedAt: Date;
  /** False when the token had been revoked before (its revocation is announced again anyway). */
  newlyRevoked: boolean;
}

/**
 * Revokes an API token: sets api_token.revoked_at (kept if already set) and, in the same
 * transaction, publishes TOKEN_REVOKED, which every hub instance hears after commit and answers by
 * closing the WebSockets opened with the token (4403) and dropping it from its token cache
 * (auth/token-cache.ts; this instance drops it right after the commit), so HTTP requests stop at once. Idempotent: revoking again re-announces it (closing any socket that
 * survived, e.g. one opened on an instance that was away). Throws NOT_FOUND for an unknown id.
 * Reused by the `token revoke` CLI (issue 12).
 */
export async function revokeToken(em: EntityManager, bus: EventBus, tokenId: number): Promise<RevokeResult> {
  const result = await em.transactional(async (tx) => {
    const rows = await tx.execute<Array<{ revoked_at: Date; newly: boolean }>>(
      `update api_token set revoked_at = coalesce(revoked_at, now())
        where id = ?
    returning revoked_at, (revoked_at = now()) as newly`,
      [tokenId],
    );
    const row = rows[0];
    if (!row) throw notFound({ zh: `令牌 ${tokenId}`, en: `Token ${tokenId}` });
    const message: TokenRevokedMessage = { tokenId };
    await bus.publishInTransaction(tx as EntityManager, Topics.TOKEN_REVOKED, message);
    return { tokenId, revokedAt: new Date(row.revoked_at), newlyRevoked: row.newly };
  });
  // Committed: this instance's token cache drops it now; the others when they hear TOKEN_REVOKED.
  forgetRevoked(bus, tokenId);
  return result;
}

/** Whether a token (by id) may still be used: exists, not revoked, not expired. */
export async function tokenIsActive(em: EntityManager, tokenId: number): Promise<boolean> {
  const rows = await em.execute(
    `select 1 from api_token t left join staff_user u on u.id = t.user_id
      where t.id = ? and t.revoked_at is null and (t.expires_at is null or t.expires_at > now())
        and (t.user_id is null or u.disabled_at is null)`,
    [tokenId],
  );
  return rows.length > 0;
}
