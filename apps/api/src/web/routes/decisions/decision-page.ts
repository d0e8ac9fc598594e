import { Response, Router } from 'express';
import nunjucks from 'nunjucks';
import { decisionTitle } from '#domain/decision/decision-title';
import { CommandGateway } from '#application/command-gateway';
import { StaleVersionError } from '#application/command-handling';
import { CALL_IN_OUTCOMES, SPECIAL_URGENCY_ROLES } from '#domain/decision/decision.events';
import { earliestDateAfterClearDays } from '#domain/decision/statutory-clock';
import { DomainError } from '#domain/shared/domain-error';
import { localTimeLabelOf } from '#domain/shared/time-zone';
import { Engine } from '#engine/engine';
import { latestAuditEntry, listAuditTrail } from '#projections/audit-trail/audit-trail.queries';
import { listDecisions } from '#projections/decisions/decisions.queries';
import { namesByEmail } from '#projections/people/people.queries';
import { decisionAndRecordThen, DecisionView } from '../../../decisions/decision-queries';
import { ReadTime } from '../../../http/time-travel.dto';
import { changeDecision } from '../../../decisions/decision-writes';
import { FieldError, formChoices, formText, renderPage, SignedInRequest } from '../../page';
import { isSecretary, requireRole } from '../../signed-in';
import { notThen, PageTime, readTimeOf } from '../../time/as-at';
import { bodyDay, pageTimeFor } from '../../time/page-time';
import { webRequestContext } from '../../web-actor';
import { DECISION_STEPS, exemptionChoices, STEP_FIELDS } from './decision-forms';
import { complianceTag, statusTag } from './decision-tags';

type ShownDecision = DecisionView & { windowLeftOpen: boolean };

interface Shown {
  /** The time the page shows (read only when it is not now). */
  time?: PageTime;
  errors?: FieldError[];
  values?: Record<string, string>;
  stale?: string | null;
  status?: number;
}

/**
 * A decision's page: its facts, where it stands against the statutory rules with the events that
 * are the evidence (each a link to its entry in the decision's history), and a form for each step
 * its stage allows; taking it has a page of its own.
 */
export function decisionPageRoutes(
  engine: Engine,
  views: nunjucks.Environment,
  gateway: CommandGateway,
): Router {
  const router = Router();
  const readers = requireRole('admin', 'secretary', 'officer', 'auditor');
  const secretaries = requireRole('admin', 'secretary');

  const decisionOf = async (request: SignedInRequest, time: ReadTime = {}): Promise<ShownDecision | null> => {
    const found = await decisionAndRecordThen(
      engine,
      request.params.decisionId as string,
      [request.actingFor!.id],
      'members',
      time,
    );
    if (!found) return null;
    const { view, stored } = found;
    // The view's call-in is as of today; a window run out but never closed still takes its closing.
    const windowLeftOpen = !time.knownAt && stored.decision.callIn === 'open' && view.callIn === 'cleared';
    return { ...view, windowLeftOpen };
  };

  const showDecision = async (
    request: SignedInRequest,
    response: Response,
    decision: ShownDecision,
    shown: Shown = {},
  ) => {
    const { settings } = await bodyDay(engine, decision.bodyId);
    const time = shown.time;
    const trail = await listAuditTrail(engine.db, {
      bodyIds: [decision.bodyId],
      entityId: decision.id,
      recordedTo: time?.knownAt ?? undefined,
      limit: 500,
    });
    // As at a date, the history ends there: nothing dated later had happened yet.
    const history = trail.items.filter(
      (entry) => !time?.asked.asAt || !entry.effectiveAt || entry.effectiveAt.slice(0, 10) <= time.asAt,
    );
    const names = await namesByEmail(
      engine.db,
      history.map((entry) => entry.actor),
    );
    const secretary = isSecretary(request) && !time?.travelling;
    const proposed = secretary && decision.stage === 'proposed';
    const taken = secretary && decision.stage === 'taken';
    const callIn = decision.callIn;
    const successors = taken
      ? (
          await listDecisions(engine.db, {
            bodyIds: [decision.bodyId],
            stages: ['taken'],
            publicOnly: false,
            limit: 200,
          })
        ).items.filter((each) => each.id !== decision.id)
      : [];
    renderPage(views, request, response, 'pages/decisions/decision.njk', {
      title: decision.title ? `${decision.title}: ${decision.subject}` : decision.subject,
      errors: shown.errors,
      status: shown.status,
      stale: shown.stale,
      values: shown.values ?? {},
      time,
      current: `/decisions/${decision.id}`,
      decision,
      version: decision.version,
      base: `/decisions/${decision.id}`,
      statusTag: statusTag(decision.status),
      complianceTag: complianceTag(decision.compliance.status),
      ruleTags: decision.compliance.rules.map((rule) =>
        complianceTag(
          rule.status === 'met' ? 'compliant' : rule.status === 'pending' ? 'on track' : rule.status,
        ),
      ),
      history: history.map((entry) => ({
        id: entry.eventId,
        heading: entry.summary,
        byline: names.get(entry.actor) ?? entry.actor,
        recordedAt: localTimeLabelOf(entry.recordedAt, settings.timeZone),
        reason: entry.reason,
      })),
      steps: {
        notice: proposed && decision.keyDecision && !decision.noticePublishedOn,
        deferral: proposed,
        withdrawal: proposed,
        generalException:
          proposed && decision.keyDecision && !decision.generalException && !decision.specialUrgency,
        specialUrgency: proposed && decision.keyDecision && !decision.specialUrgency,
        taking: proposed,
        recordPublication: taken && !decision.recordPublishedOn,
        callInWindowClosure: taken && decision.windowLeftOpen,
        callIn: taken && callIn === 'open',
        callInOutcome: taken && callIn === 'called in',
        reconsideration: taken && callIn === 'referred',
        implementation:
          taken && !decision.implementedOn && (callIn === 'cleared' || callIn === 'not applicable'),
        revocation: taken,
        supersession: taken && successors.length > 0,
        exemption: secretary && decision.exemption === null,
        exemptionLifting: secretary && decision.exemption !== null,
      },
      roleItems: [
        { value: '', text: 'Choose a role' },
        ...SPECIAL_URGENCY_ROLES.map((role) => ({
          value: role,
          text: role,
          selected: shown.values?.agreedByRole === role,
        })),
      ],
      ...exemptionChoices(shown.values),
      outcomeItems: CALL_IN_OUTCOMES.map((outcome) => ({
        value: outcome,
        text: outcome,
        checked: shown.values?.outcome === outcome,
      })),
      successorItems: [
        { value: '', text: 'Choose the later decision' },
        ...successors.map((each) => ({
          value: each.id,
          text: `${decisionTitle(each.decision, settings.decisions.seriesLabel)}: ${each.decision.subject}`,
          selected: shown.values?.supersededBy === each.id,
        })),
      ],
    });
  };

  /** The taking form, with the first lawful day the engine sees for it. */
  const showTaking = async (
    request: SignedInRequest,
    response: Response,
    decision: ShownDecision,
    shown: Shown = {},
  ) => {
    const { settings } = await bodyDay(engine, decision.bodyId);
    const periods = settings.statutoryPeriods;
    const earliest =
      !decision.keyDecision || decision.specialUrgency
        ? null
        : decision.noticePublishedOn
          ? earliestDateAfterClearDays(decision.noticePublishedOn, periods.keyDecisionNoticeClearDays)
          : undefined;
    renderPage(views, request, response, 'pages/decisions/take.njk', {
      title: `Record the decision taken: ${decision.subject}`,
      errors: shown.errors,
      status: shown.status,
      stale: shown.stale,
      values: { decidedBy: decision.decisionMaker, ...shown.values },
      decision,
      version: decision.version,
      base: `/decisions/${decision.id}`,
      earliest,
    });
  };

  router.get('/decisions/:decisionId', readers, async (request: SignedInRequest, response, next) => {
    try {
      const { time, errors } = await pageTimeFor(engine, request);
      const decision = await decisionOf(request, errors.length > 0 ? {} : readTimeOf(time));
      if (!decision && time.travelling && (await decisionOf(request)))
        return notThen(views, request, response, time, 'This decision');
      if (!decision) return next();
      await showDecision(request, response, decision, { time, errors });
    } catch (error) {
      next(error);
    }
  });

  router.get(
    '/decisions/:decisionId/taking',
    secretaries,
    async (request: SignedInRequest, response, next) => {
      try {
        const decision = await decisionOf(request);
        if (!decision || decision.stage !== 'proposed') return next();
        await showTaking(request, response, decision);
      } catch (error) {
        next(error);
      }
    },
  );

  router.post(
    '/decisions/:decisionId/:step',
    secretaries,
    async (request: SignedInRequest, response, next) => {
      try {
        const decision = await decisionOf(request);
        const stepOf = DECISION_STEPS[request.params.step as string];
        if (!decision || !Object.hasOwn(DECISION_STEPS, request.params.step as string)) return next();
        const values = Object.fromEntries(
          STEP_FIELDS.map((field) => [field, formChoices(request.body?.[field])]),
        );
        const show = request.params.step === 'taking' ? showTaking : showDecision;
        const { change, errors } = stepOf(values);
        if (!change) return await show(request, response, decision, { values, errors });
        try {
          await changeDecision(
            engine,
            gateway,
            { decisionId: decision.id, change, expectedVersion: Number(formText(request.body?.version)) },
            webRequestContext(request),
          );
        } catch (error) {
          if (error instanceof StaleVersionError) {
            const last = await latestAuditEntry(engine.db, decision.bodyId, decision.id);
            const { settings } = await bodyDay(engine, decision.bodyId);
            const stale = last
              ? `${last.actor} changed this at ${localTimeLabelOf(last.recordedAt, settings.timeZone)}`
              : null;
            return await show(request, response, decision, { values, stale, status: 409 });
          }
          if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
          // The domain names its own fields (takenOn, expectedOn ...): the form's where they match.
          const field = error.field && values[error.field] !== undefined ? error.field : 'decision';
          return await show(request, response, decision, {
            values,
            errors: [{ field, text: error.message }],
          });
        }
        request.session.flash = `${decision.subject}: ${STEP_DONE[request.params.step as string]}`;
        response.redirect(303, `/decisions/${decision.id}`);
      } catch (error) {
        next(error);
      }
    },
  );

  return router;
}

const STEP_DONE: Record<string, string> = {
  notice: 'notice published',
  deferral: 'deferred',
  withdrawal: 'withdrawn',
  'general-exception': 'general exception recorded',
  'special-urgency': 'special urgency recorded',
  taking: 'decision taken',
  'record-publication': 'record published',
  'call-in-window-closure': 'call-in window closed',
  'call-in': 'call-in recorded',
  'call-in-outcome': 'call-in outcome recorded',
  reconsideration: 'reconsideration recorded',
  implementation: 'implemented',
  revocation: 'revoked',
  supersession: 'superseded',
  exemption: 'parts marked exempt',
  'exemption-lifting': 'exemption lifted',
};
