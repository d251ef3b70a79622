// Who may see and do what. Pure rules; the API enforces them on every request.
import type { OrgRole, Report, Round, Subject } from "./model.js";
import { roleFor } from "./subjects.js";

export interface Viewer {
  personId?: string;
  roles: ReadonlySet<OrgRole>;
}

export const isAdmin = (v: Viewer): boolean => v.roles.has("admin");
export const isManager = (v: Viewer): boolean => v.roles.has("manager") || isAdmin(v);

/** Does the viewer answer for this subject in this round (owner, substitute or preparer)? */
export function answersFor(viewer: Viewer, subject: Subject, round: Pick<Round, "substitutes">): boolean {
  return viewer.personId !== undefined && roleFor(viewer.personId, subject, round) !== undefined;
}

/**
 * Owners and preparers see their own subjects' reports, drafts included; managers see every
 * submitted report; admins see everything. A draft is nobody else's business.
 */
export function canSeeReport(
  viewer: Viewer,
  subject: Subject,
  round: Pick<Round, "substitutes">,
  report: Pick<Report, "state">,
): boolean {
  if (isAdmin(viewer) || answersFor(viewer, subject, round)) return true;
  return report.state === "submitted" && isManager(viewer);
}

/** May the viewer see the subject at all in the consolidated views? */
export function canSeeSubject(viewer: Viewer, subject: Subject, round: Pick<Round, "substitutes">): boolean {
  return isManager(viewer) || answersFor(viewer, subject, round);
}
