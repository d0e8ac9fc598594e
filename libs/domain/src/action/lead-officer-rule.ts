import { DomainError } from '../shared/domain-error';

/**
 * An officer reports on the actions they lead, and only those; secretaries and admins act on any
 * action of their body. A person of the directory leads the actions that name them; a lead kept
 * as text (imported history, or a token's bare name) is matched by the name as written, ignoring
 * case and surrounding spaces.
 */
export function assertMayReportOn(
  action: {
    readonly ref: string;
    readonly leadOfficers: readonly string[];
    readonly leadPersonIds: readonly (string | null)[];
  },
  actor: { readonly user: string; readonly role: string; readonly personId?: string },
): void {
  if (actor.role !== 'officer') return;
  if (actor.personId && action.leadPersonIds.includes(actor.personId)) return;
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
