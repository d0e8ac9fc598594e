import { DomainError } from '../shared/domain-error';

/**
 * An officer reports on the actions they lead, and only those; secretaries and admins act on any
 * action of their body. Until people are a directory of their own, an officer is matched to a
 * lead by the name the action records (as written, ignoring case and surrounding spaces).
 */
export function assertMayReportOn(
  action: { readonly ref: string; readonly leadOfficers: readonly string[] },
  actor: { readonly user: string; readonly role: string },
): void {
  if (actor.role !== 'officer') return;
  const user = actor.user.trim().toLowerCase();
  if (action.leadOfficers.some((lead) => lead.trim().toLowerCase() === user)) return;
  const leads = action.leadOfficers.length > 0 ? action.leadOfficers.join(', ') : 'nobody: it is unassigned';
  throw new DomainError(
    'NOT_THE_LEAD',
    `only the lead officer may report on action ${action.ref} (led by ${leads}); ask the secretary to reassign it`,
    'forbidden',
    'leadOfficers',
  );
}
