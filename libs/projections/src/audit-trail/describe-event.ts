import { ActionEvent } from '#domain/action/action.events';
import { BodyEvent } from '#domain/body/body.events';
import { DecisionNumberAssigned } from '#domain/decision/decision-numbering';
import { DecisionEvent } from '#domain/decision/decision.events';
import { BoardEvent } from '#domain/board/board.events';
import { MeetingEvent, MinuteNumbersAllocated } from '#domain/meeting/meeting.events';
import { AppointmentEvent, PersonEvent } from '#domain/person/person.events';
import { CHECKPOINT_EVENT, SignedChainHead } from '#event-store/chain/chain-checkpoint';

type KnownEvent =
  | ActionEvent
  | BodyEvent
  | DecisionEvent
  | DecisionNumberAssigned
  | BoardEvent
  | MeetingEvent
  | MinuteNumbersAllocated
  | PersonEvent
  | AppointmentEvent
  | { type: typeof CHECKPOINT_EVENT; data: SignedChainHead };

/** One line a person reads in the audit trail: what happened, in the domain's words. */
export function describeEvent(type: string, data: unknown): string {
  const event = { type, data } as KnownEvent;
  switch (event.type) {
    case 'ActionCreated':
      return `Action ${event.data.ref} added to ${event.data.plan}, due ${event.data.dueDate.written}`;
    case 'ActionMarkedExempt':
      return `Marked exempt under paragraph ${event.data.category} of Schedule 12A`;
    case 'ActionStatusSet':
      return `Status set to ${event.data.status} as at ${event.data.effectiveOn}`;
    case 'ActionProgressRecorded':
      return `Progress recorded for ${event.data.reportedOn}`;
    case 'ActionDueDateChanged':
      return `Due date changed from ${event.data.previousDueDate.written} to ${event.data.dueDate.written}`;
    case 'ActionLeadReassigned':
      return `Lead reassigned from ${event.data.previousLeadOfficers.join(', ')} to ${event.data.leadOfficers.join(', ')}`;
    case 'ActionCompleted':
      return `Completed on ${event.data.completedOn}`;
    case 'ActionClosed':
      return `Closed on ${event.data.closedOn}`;
    case 'ActionReopened':
      return `Reopened on ${event.data.reopenedOn} at ${event.data.status}`;
    case 'ActionCancelled':
      return `Cancelled on ${event.data.cancelledOn}`;
    case 'ActionEntryCorrected':
      return `Corrected ${event.data.correctsEventType === 'ActionStatusSet' ? 'status' : 'progress'} entry ${event.data.correctsEventId}`;
    case 'BodyRegistered':
      return `Body ${event.data.name} registered`;
    case 'BodySettingsChanged':
      return 'Body settings changed';
    case CHECKPOINT_EVENT:
      return `Hash chain signed at event ${event.data.seq} (key ${event.data.keyId})`;
    default:
      return describeDecisionEvent(event) ?? describeBoardEvent(event) ?? describePersonEvent(event) ?? type;
  }
}

function describeBoardEvent(event: KnownEvent): string | null {
  switch (event.type) {
    case 'BoardEstablished':
      return `Board ${event.data.name} (${event.data.code}) established`;
    case 'BoardMembersChanged':
      return `Members changed (${event.data.members.length})`;
    case 'AssuranceMatterScheduled':
      return `Added to the schedule of assurance: ${event.data.title}`;
    case 'AssuranceMatterRetired':
      return `Matter ${event.data.matterId} taken off the schedule of assurance`;
    case 'MeetingScheduled':
      return `Meeting ${event.data.provisional ? 'provisionally ' : ''}scheduled for ${event.data.date}${event.data.time ? ` at ${event.data.time}` : ''}, ${event.data.place} (${event.data.access})`;
    case 'MeetingConfirmed':
      return `Meeting confirmed on ${event.data.confirmedOn}`;
    case 'MeetingRescheduled':
      return `Meeting moved to ${event.data.date}`;
    case 'MeetingCancelled':
      return 'Meeting cancelled';
    case 'AgendaItemAdded':
      return `Agenda item added: ${event.data.exemption ? 'exempt item' : event.data.title}`;
    case 'AgendaItemsReordered':
      return 'Agenda reordered';
    case 'AgendaItemWithdrawn':
      return `Agenda item ${event.data.itemId} withdrawn`;
    case 'AgendaIssued':
      return `Agenda issued on ${event.data.issuedOn}`;
    case 'AttendanceRecorded':
      return `Attendance recorded: ${event.data.present.length} present, ${event.data.apologies.length} apologies`;
    case 'InterestDeclared':
      return `Interest declared by ${event.data.member}`;
    case 'MeetingHeld':
      return `Meeting held on ${event.data.heldOn}`;
    case 'MinuteNumbersAssigned':
    case 'MinuteNumbersAllocated':
      return 'Minute numbers assigned';
    case 'ItemOutcomeRecorded':
      return `Outcome of minute ${event.data.minuteNumber}: ${event.data.outcome.kind}`;
    case 'ItemOutcomeAmended':
      return `Draft minute ${event.data.minuteNumber} amended (was ${event.data.amends.outcome.kind}, now ${event.data.outcome.kind})`;
    case 'InterestDeclarationWithdrawn':
      return `Declaration of interest by ${event.data.member} withdrawn`;
    case 'BoardActionRaised':
      return `Action ${event.data.ref} raised at minute ${event.data.minuteNumber}`;
    case 'BoardDecisionRequested':
      return `Decision requested at minute ${event.data.minuteNumber}: ${event.data.subject}`;
    case 'MinutesDrafted':
      return `Minutes drafted on ${event.data.draftedOn}`;
    case 'MinutesApproved':
      return `Minutes approved (minute ${event.data.minuteNumber}) on ${event.data.approvedOn}`;
    case 'MinutesPublished':
      return `Minutes published on ${event.data.publishedOn}`;
    case 'ApprovedMinutesCorrected':
      return `Approved minutes corrected by minute ${event.data.minuteNumber} of the meeting of ${event.data.correctedAt.date}`;
    default:
      return null;
  }
}

function describeDecisionEvent(event: KnownEvent): string | null {
  switch (event.type) {
    case 'DecisionProposed':
      return `${event.data.keyDecision ? 'Key decision' : 'Decision'} proposed: ${event.data.subject}, expected ${event.data.expectedOn}`;
    case 'DecisionMarkedExempt':
      return `Marked exempt (Schedule 12A, paragraph ${event.data.category}): ${event.data.parts.join(', ')}`;
    case 'DecisionExemptionLifted':
      return `Exemption lifted on ${event.data.liftedOn}`;
    case 'DecisionNoticePublished':
      return `Notice published on the forward plan on ${event.data.publishedOn}`;
    case 'DecisionDeferred':
      return `Deferred to ${event.data.expectedOn}`;
    case 'DecisionWithdrawn':
      return `Withdrawn on ${event.data.withdrawnOn}`;
    case 'GeneralExceptionRecorded':
      return `General exception: scrutiny chair informed on ${event.data.scrutinyChairInformedOn}`;
    case 'SpecialUrgencyAgreed':
      return `Special urgency agreed by ${event.data.agreedBy} (${event.data.agreedByRole}) on ${event.data.agreedOn}`;
    case 'DecisionTaken':
      return `Taken on ${event.data.takenOn} by ${event.data.decidedBy} (${event.data.route})`;
    case 'DecisionNumbered':
      return `Numbered ${event.data.series ? `${event.data.series} ` : ''}${event.data.number}`;
    case 'DecisionNumberAssigned':
      return `Number ${event.data.number} assigned to decision ${event.data.decisionId}`;
    case 'DecisionRecordPublished':
      return `Decision record published on ${event.data.publishedOn}`;
    case 'CallInWindowOpened':
      return `Call-in window open until the end of ${event.data.closesOn}`;
    case 'CallInWindowClosed':
      return `Call-in window closed on ${event.data.closedOn}`;
    case 'CallInNotApplicable':
      return `Not subject to call-in: ${event.data.reason}`;
    case 'DecisionCalledIn':
      return `Called in on ${event.data.calledInOn} by ${event.data.calledInBy.join(', ')}`;
    case 'CallInOutcomeRecorded':
      return `Call-in outcome on ${event.data.decidedOn}: ${event.data.outcome}`;
    case 'DecisionReconsidered':
      return `Reconsidered on ${event.data.reconsideredOn}: ${event.data.outcome}`;
    case 'DecisionImplemented':
      return `Implemented on ${event.data.implementedOn}`;
    case 'DecisionRevoked':
      return `Revoked on ${event.data.revokedOn}`;
    case 'DecisionSuperseded':
      return `Superseded by decision ${event.data.supersededByNumber} on ${event.data.supersededOn}`;
    default:
      return null;
  }
}

function describePersonEvent(event: KnownEvent): string | null {
  switch (event.type) {
    case 'PersonRegistered':
      return `${event.data.name} (${event.data.email}) added to the directory`;
    case 'PersonDetailsChanged':
      return `Details of ${event.data.name} changed`;
    case 'PersonDisabled':
      return 'Person disabled: cannot sign in';
    case 'PersonEnabled':
      return 'Person enabled again';
    case 'RoleGranted':
      return `Role ${event.data.role} granted`;
    case 'RoleRemoved':
      return `Role ${event.data.role} removed`;
    default:
      return null;
  }
}

/** Why, when the event says: a reason, else the commentary or note that came with it. */
export function reasonOf(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const { reason, commentary, note } = data as { reason?: unknown; commentary?: unknown; note?: unknown };
  const why = reason ?? commentary ?? note;
  return typeof why === 'string' ? why : null;
}
