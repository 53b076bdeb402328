import { Role } from '../auth/roles';
import type { Viewer } from '../auth/viewer';

/**
 * The hub itself acting (an automatic 多头投诉 merge): an operator-level actor with no token,
 * recorded on the timeline as 系统 SYSTEM.
 */
export const SYSTEM_VIEWER: Viewer = { tokenId: 0, label: '系统 SYSTEM', role: Role.OPERATOR };
