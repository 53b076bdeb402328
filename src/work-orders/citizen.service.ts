import type { EntityManager } from '@mikro-orm/postgresql';
import { canRevealCitizen } from '../auth/policy';
import { Role } from '../auth/roles';
import type { Viewer } from '../auth/viewer';
import { badInput, forbidden, notFound } from '../common/errors';
import { ApiToken, PiiAccessLog, StaffUser, WorkOrder } from '../entities';
import type { DataCipher } from '../pii/cipher';
import { CITIZEN_FIELDS, maskCitizen, openCitizen, type CitizenData } from '../pii/citizen';
import type { WorkOrderQueries } from './work-order.query';
import { loadVisibilityFacts } from './visibility';

export interface CitizenView extends CitizenData {
  masked: boolean;
  restricted: boolean;
  /** 信访 XFNR, in a reveal by the petition bureau only (petition.md §8). */
  petitionContent?: string | null;
}

const HIDDEN: CitizenData = { name: null, phone: null, idNumber: null, address: null, anonymous: false };

/** 诉求人个人信息 What each viewer may see of a citizen, and the audited reveal. */
export class CitizenService {
  constructor(
    private readonly cipher: DataCipher,
    private readonly queries: WorkOrderQueries,
  ) {}

  /** Always masked; a 信访 identity is hidden entirely from everyone but the petition bureau. */
  masked(viewer: Viewer, order: WorkOrder): CitizenView {
    if (order.restrictedIdentity && viewer.role !== Role.PETITION_OFFICER) {
      return { ...HIDDEN, anonymous: order.citizenAnonymous, masked: true, restricted: true };
    }
    return { ...maskCitizen(openCitizen(this.cipher, order)), masked: true, restricted: order.restrictedIdentity };
  }

  /** Clear text for an allowed viewer, written to the PII access log with the stated reason. */
  async reveal(em: EntityManager, viewer: Viewer, orderId: number, reason: string, requestId: string): Promise<CitizenView> {
    const why = reason.trim();
    if ([...why].length < 2 || [...why].length > 500) {
      throw badInput('请填写查看原因（2–500 字）', 'state the reason for viewing (2–500 characters)', 'reason');
    }
    const [order] = await this.queries.byIds(em, viewer, [orderId]);
    if (!order) throw notFound({ zh: '工单', en: 'Work order' });
    const facts = (await loadVisibilityFacts(em, [order.id])).get(order.id)!;
    if (!canRevealCitizen(viewer, facts)) {
      throw forbidden({
        zh: facts.restrictedIdentity ? '信访人身份信息仅限信访局查看' : '无权查看该工单的个人信息',
        en: facts.restrictedIdentity
          ? 'Petition identities are visible to the petition bureau only'
          : 'Your role or department may not view this citizen in clear',
      });
    }
    const citizen = openCitizen(this.cipher, order);
    const petitionContent = viewer.role === Role.PETITION_OFFICER ? this.cipher.decrypt(order.restrictedContentEnc) : null;
    const fields = [...CITIZEN_FIELDS.filter((f) => citizen[f] !== null), ...(petitionContent ? ['petitionContent'] : [])];
    em.create(PiiAccessLog, {
      token: em.getReference(ApiToken, viewer.tokenId),
      role: viewer.role,
      actorUser: viewer.userId ? em.getReference(StaffUser, viewer.userId) : null,
      actorName: viewer.displayName ?? null,
      workOrder: em.getReference(WorkOrder, order.id),
      reason: why,
      fields,
      requestId,
    });
    await em.flush();
    return { ...citizen, masked: false, restricted: order.restrictedIdentity, petitionContent };
  }
}
