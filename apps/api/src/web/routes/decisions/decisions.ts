import { Response, Router } from 'express';
import nunjucks from 'nunjucks';
import { CommandGateway } from '#application/command-gateway';
import { proposalDatesOf } from '#domain/decision/proposal-dates';
import { DecisionStage } from '#domain/decision/decision.document';
import { DomainError } from '#domain/shared/domain-error';
import { Engine } from '#engine/engine';
import { leadCandidates } from '#projections/people/people.queries';
import { decisionsThen } from '../../../decisions/decision-queries';
import { proposeDecision } from '../../../decisions/decision-writes';
import { FieldError, formChoices, formText, linkQuery, renderPage, SignedInRequest } from '../../page';
import { requireRole } from '../../signed-in';
import { readTimeOf, timeLink } from '../../time/as-at';
import { bodyDay, pageTimeFor } from '../../time/page-time';
import { webRequestContext } from '../../web-actor';
import { EXEMPTABLE_PART_NAMES, exemptionChoices, PROPOSAL_FIELDS, proposalOf } from './decision-forms';
import { complianceTag, statusTag } from './decision-tags';

const PAGE_SIZE = 50;
const STAGES: DecisionStage[] = ['proposed', 'taken', 'withdrawn', 'revoked', 'superseded'];

/**
 * The body's decisions for its staff: the list (by stage, key decisions, words), and proposing one
 * in two steps: the answers, then a page that shows the statutory dates they lead to before
 * anything is written (the GOV.UK "check your answers" pattern).
 */
export function decisionRoutes(engine: Engine, views: nunjucks.Environment, gateway: CommandGateway): Router {
  const router = Router();
  const readers = requireRole('admin', 'secretary', 'officer', 'auditor');
  const secretaries = requireRole('admin', 'secretary');

  router.get('/decisions', readers, async (request: SignedInRequest, response, next) => {
    try {
      const bodyId = request.actingFor!.id;
      const values = {
        stage: STAGES.find((stage) => stage === formText(request.query.stage)) ?? '',
        key: formText(request.query.key) === 'yes' ? 'yes' : '',
        q: formText(request.query.q).slice(0, 200),
      };
      const cursor = formText(request.query.cursor) || undefined;
      const { time, errors } = await pageTimeFor(engine, request);
      const page = await decisionsThen(
        engine,
        {
          bodyIds: [bodyId],
          stages: values.stage ? [values.stage as DecisionStage] : undefined,
          keyDecision: values.key ? true : undefined,
          search: values.q || undefined,
          limit: PAGE_SIZE,
          cursor,
        },
        'members',
        errors.length > 0 ? {} : readTimeOf(time),
      );
      const kept = { ...values, asAt: time.asked.asAt, knownAt: time.asked.knownAt };
      renderPage(views, request, response, 'pages/decisions/list.njk', {
        title: 'Decisions',
        errors,
        time,
        current: `/decisions?${linkQuery(values)}`,
        values,
        kept,
        proposeHref:
          !time.travelling &&
          request.actingFor!.roles.some((role) => role === 'secretary' || role === 'admin')
            ? '/decisions/new'
            : null,
        stageItems: [
          { value: '', text: 'Any stage' },
          ...STAGES.map((stage) => ({ value: stage, text: stage, selected: values.stage === stage })),
        ],
        decisions: page.items.map((decision) => ({
          ...decision,
          href: timeLink(`/decisions/${decision.id}`, time),
          statusTag: statusTag(decision.status),
          complianceTag: complianceTag(decision.compliance.status),
        })),
        firstHref: cursor ? `/decisions?${linkQuery(kept)}` : null,
        nextHref: page.nextCursor ? `/decisions?${linkQuery(kept, { cursor: page.nextCursor })}` : null,
      });
    } catch (error) {
      next(error);
    }
  });

  const showProposal = async (
    request: SignedInRequest,
    response: Response,
    values: Record<string, string>,
    errors: FieldError[] = [],
  ) => {
    const people = await leadCandidates(engine.db, request.actingFor!.id);
    renderPage(views, request, response, 'pages/decisions/new.njk', {
      title: 'Propose a decision',
      errors,
      values,
      ...exemptionChoices(values, 'None: nothing is exempt'),
      makerItems: [
        { value: '', text: 'Choose a person' },
        ...people.map((person) => ({
          value: person.email,
          text: `${person.name} (${person.email})`,
          selected: values.decisionMaker === person.email,
        })),
      ],
    });
  };

  router.get('/decisions/new', secretaries, async (request: SignedInRequest, response, next) => {
    try {
      await showProposal(request, response, {});
    } catch (error) {
      next(error);
    }
  });

  router.post('/decisions/new', secretaries, async (request: SignedInRequest, response, next) => {
    try {
      const values: Record<string, string> = Object.fromEntries(
        [...PROPOSAL_FIELDS, 'decisionMakerOther'].map((field) => [
          field,
          formChoices(request.body?.[field]),
        ]),
      );
      // Someone not in the directory (a role, as many bodies' decision makers are written) wins.
      values.decisionMaker = values.decisionMakerOther || values.decisionMaker;
      const { proposal, errors } = proposalOf(values);
      const asked = formText(request.body?.step);
      if (!proposal || asked === 'change') return await showProposal(request, response, values, errors);
      const bodyId = request.actingFor!.id;
      if (asked !== 'propose') {
        const { settings, today } = await bodyDay(engine, bodyId);
        const people = await leadCandidates(engine.db, bodyId);
        return renderPage(views, request, response, 'pages/decisions/check.njk', {
          title: 'Check the decision and its dates',
          values,
          proposal,
          exemptPartNames: proposal.exemption?.parts.map((part) => EXEMPTABLE_PART_NAMES[part]) ?? [],
          makerName:
            people.find((person) => person.email === proposal.decisionMaker)?.name ?? proposal.decisionMaker,
          today,
          dates: proposalDatesOf(proposal.expectedOn, proposal.keyDecision, today, settings.statutoryPeriods),
        });
      }
      try {
        const written = await proposeDecision(engine, gateway, bodyId, proposal, webRequestContext(request));
        request.session.flash = 'Decision proposed';
        response.redirect(303, `/decisions/${written.id}`);
      } catch (error) {
        if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
        const field =
          error.field && (PROPOSAL_FIELDS as readonly string[]).includes(error.field)
            ? error.field
            : 'subject';
        await showProposal(request, response, values, [{ field, text: error.message }]);
      }
    } catch (error) {
      next(error);
    }
  });

  return router;
}
