import { Compliance } from '#domain/decision/decision-compliance';
import { DecisionStatus } from '#domain/decision/decision-status';

/** A GOV.UK tag for where a decision stands: colour for what needs the secretary, grey for what is over. */
export function statusTag(status: DecisionStatus) {
  const colour: Partial<Record<DecisionStatus, string>> = {
    proposed: 'govuk-tag--light-blue',
    'notice published': 'govuk-tag--blue',
    taken: 'govuk-tag--purple',
    'in call-in': 'govuk-tag--yellow',
    'called in': 'govuk-tag--orange',
    referred: 'govuk-tag--orange',
    'awaiting implementation': 'govuk-tag--turquoise',
    implemented: 'govuk-tag--green',
  };
  return { text: status, classes: colour[status] ?? 'govuk-tag--grey' };
}

export function complianceTag(status: Compliance['status']) {
  const colour: Record<Compliance['status'], string> = {
    compliant: 'govuk-tag--green',
    'on track': 'govuk-tag--blue',
    'at risk': 'govuk-tag--red',
    'not applicable': 'govuk-tag--grey',
  };
  return { text: status, classes: colour[status] };
}
