import { DecisionDocument } from './decision.document';

/** What the public sees in place of exempt information. */
export function exemptPlaceholder(category: number): string {
  return `Exempt information (Local Government Act 1972, Schedule 12A, paragraph ${category})`;
}

/**
 * The decision as the public may see it: exempt parts replaced by a placeholder naming the
 * paragraph, never the exemption's reason. An exempt subject makes the whole item exempt, so every
 * free-text field (deferral reasons, call-in reasons...) goes too.
 */
export function withoutExemptInformation(decision: DecisionDocument): DecisionDocument {
  const exemption = decision.exemption;
  if (!exemption) return decision;
  const hidden = exemptPlaceholder(exemption.category);
  const whole = exemption.parts.includes('subject');
  const exempt = (part: (typeof exemption.parts)[number]) => whole || exemption.parts.includes(part);
  const text = (value: string, part: (typeof exemption.parts)[number]) => (exempt(part) ? hidden : value);
  const list = (value: readonly string[], part: (typeof exemption.parts)[number]): string[] =>
    exempt(part) && value.length > 0 ? [hidden] : [...value];
  const free = (value: string) => (whole ? hidden : value);
  return {
    ...decision,
    subject: text(decision.subject, 'subject'),
    documents: list(decision.documents, 'documents'),
    exemption: { category: exemption.category, reason: hidden, parts: exemption.parts },
    deferrals: decision.deferrals.map((d) => ({ ...d, reason: free(d.reason) })),
    withdrawal: decision.withdrawal && { ...decision.withdrawal, reason: free(decision.withdrawal.reason) },
    generalException: decision.generalException && {
      ...decision.generalException,
      reason: free(decision.generalException.reason),
    },
    specialUrgency: decision.specialUrgency && {
      ...decision.specialUrgency,
      reason: free(decision.specialUrgency.reason),
    },
    taken: decision.taken && {
      ...decision.taken,
      decisionText: text(decision.taken.decisionText, 'decisionText'),
      reasons: text(decision.taken.reasons, 'reasons'),
      alternativesRejected: list(decision.taken.alternativesRejected, 'alternativesRejected'),
      conflictsOfInterest: list(decision.taken.conflictsOfInterest, 'conflictsOfInterest'),
      dispensations: list(decision.taken.dispensations, 'dispensations'),
    },
    calledIn: decision.calledIn && { ...decision.calledIn, reason: free(decision.calledIn.reason) },
    revocation: decision.revocation && { ...decision.revocation, reason: free(decision.revocation.reason) },
  };
}
