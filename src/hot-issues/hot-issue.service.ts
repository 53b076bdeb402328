import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../auth/viewer';
import { HubError, notFound } from '../common/errors';
import type { EventBus } from '../events/event-bus';
import type { LifecycleService } from '../work-orders/lifecycle.service';
import { findHotIssue } from './hot-issue.query';
import { publishHotIssues } from './publication';
import { DuplicateStatus, HotIssueStatus } from './vocabulary';

/** 热点研判 What operators do with hot issues and 多头投诉 candidates. */
export class HotIssueService {
  constructor(
    private readonly bus: EventBus,
    private readonly lifecycle: LifecycleService,
  ) {}

  /** NEW → CONFIRMED / DISMISSED / RESOLVED (any change; who and when are kept), published as an update. */
  async updateStatus(em: EntityManager, viewer: Viewer, id: number, status: HotIssueStatus): Promise<void> {
    const issue = await findHotIssue(em, viewer, id);
    if (!issue) throw notFound({ zh: '热点', en: 'Hot issue' });
    await em.transactional(async (tx) => {
      await tx.execute(`update hot_issue set status = ?, status_changed_by = ?, status_changed_at = now(), updated_at = now() where id = ?`, [
        status,
        viewer.label,
        id,
      ]);
      await publishHotIssues(tx, this.bus, [{ hotIssueId: id, type: 'UPDATED' }]);
    });
  }

  /** An operator's decision on a pending candidate: merge the pair (lifecycle 并单) or dismiss it. */
  async decideDuplicate(em: EntityManager, viewer: Viewer, id: number, merge: boolean): Promise<void> {
    const [candidate] = await em.execute(`select id, primary_id, duplicate_id, status from duplicate_candidate where id = ?`, [id]);
    if (!candidate) throw notFound({ zh: '多头投诉候选', en: 'Duplicate candidate' });
    if (candidate.status !== DuplicateStatus.PENDING) {
      throw new HubError('INVALID_TRANSITION', { zh: '该候选已处理', en: 'The candidate was already decided' }, { status: candidate.status });
    }
    if (merge) {
      const [primary] = await em.execute('select version from work_order where id = ?', [candidate.primary_id]);
      await this.lifecycle.merge(em, viewer, { primaryId: candidate.primary_id, version: primary.version, duplicateIds: [candidate.duplicate_id] });
    }
    await em.execute(`update duplicate_candidate set status = ?, decided_by = ?, decided_at = now() where id = ?`, [
      merge ? DuplicateStatus.MERGED : DuplicateStatus.DISMISSED,
      viewer.label,
      id,
    ]);
  }
}
