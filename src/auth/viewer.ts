import { Role } from './roles';

/** Who is calling: resolved from the bearer token once per request (or WebSocket connection). */
export interface Viewer {
  tokenId: number;
  label: string;
  role: Role;
  /** Department roles: their unit, and its materialised path ("/3/17/") for subtree checks. */
  departmentId?: number;
  departmentCode?: string;
  departmentPath?: string;
  /** CHANNEL role: the one channel it owns. */
  channelId?: number;
  channelCode?: string;
  /** The person behind a session token (issue 12); absent for API tokens and the system. */
  userId?: number;
  username?: string;
  displayName?: string;
}

/** Is `path` (a department's materialised path) inside the viewer's department subtree? */
export function inViewerSubtree(viewer: Viewer, path: string | undefined | null): boolean {
  return !!viewer.departmentPath && !!path && path.startsWith(viewer.departmentPath);
}
