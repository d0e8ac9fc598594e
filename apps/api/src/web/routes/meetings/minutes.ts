import { Router } from 'express';
import nunjucks from 'nunjucks';
import { BODYS_TODAY } from '#application/changes/body-today';
import { CommandGateway } from '#application/command-gateway';
import { Engine } from '#engine/engine';
import { meetingsOf } from '#projections/boards/boards.queries';
import { longDate } from '../../../publishing/html-pages';
import { minutesOf } from '../../../publishing/minutes';
import { minutesPdf } from '../../../publishing/minutes-pdf';
import { formText, renderPage, SignedInRequest, whenFound } from '../../page';
import { requireRole } from '../../signed-in';
import { notThen, readTimeOf, timeLink } from '../../time/as-at';
import { pageTimeFor } from '../../time/page-time';
import { meetingPages } from './meeting-pages';

/**
 * A held meeting's minutes: drafted once every item has its outcome, approved by a minute of a
 * later meeting, published, corrected only by a later meeting's resolution; read as the document
 * boards publish, and as a PDF.
 */
export function minutesRoutes(engine: Engine, views: nunjucks.Environment, gateway: CommandGateway): Router {
  const router = Router();
  const readers = requireRole('admin', 'secretary', 'officer', 'auditor');
  const secretaries = requireRole('admin', 'secretary');
  const { meetingOf, showMeeting, change, button } = meetingPages(engine, views, gateway);
  const path = '/boards/:boardId/meetings/:meetingId';

  router.post(
    `${path}/minutes-draft`,
    secretaries,
    button({ type: 'DraftMinutes', draftedOn: BODYS_TODAY }, 'Minutes drafted'),
  );

  router.post(
    `${path}/minutes-approval`,
    secretaries,
    whenFound(meetingOf, async (request, response, found) => {
      const [approvingId, minute] = formText(request.body?.approvedAt).split(':');
      const approving = (await meetingsOf(engine.db, found.board.id)).find((each) => each.id === approvingId);
      if (!approving || !approving.meeting.held)
        return showMeeting(request, response, found, {
          errors: [
            { field: 'approvedAt', text: 'Choose the minute of a later meeting that approved these minutes' },
          ],
        });
      await change(
        request,
        response,
        found,
        {
          type: 'ApproveMinutes',
          approvedAtMeetingId: approving.id,
          minuteNumber: Number(minute),
          approvedOn: approving.meeting.held.heldOn,
        },
        'Minutes approved',
        { approvedAt: formText(request.body?.approvedAt) },
      );
    }),
  );

  router.post(
    `${path}/minutes-correction`,
    secretaries,
    whenFound(meetingOf, async (request, response, found) => {
      const values = {
        correctedAt: formText(request.body?.correctedAt),
        correction: formText(request.body?.correction),
      };
      const [correctingId, minute] = values.correctedAt.split(':');
      const correcting = (await meetingsOf(engine.db, found.board.id)).find(
        (each) => each.id === correctingId,
      );
      const errors = [
        ...(!correcting?.meeting.held
          ? [
              {
                field: 'correctedAt',
                text: 'Choose the minute of a later meeting that resolved the correction',
              },
            ]
          : []),
        ...(values.correction
          ? []
          : [{ field: 'correction', text: 'Enter the correction as it was resolved' }]),
      ];
      if (!correcting?.meeting.held || errors.length > 0)
        return showMeeting(request, response, found, { errors, values });
      await change(
        request,
        response,
        found,
        {
          type: 'CorrectApprovedMinutes',
          correctedAtMeetingId: correcting.id,
          minuteNumber: Number(minute),
          correction: values.correction,
          correctedOn: correcting.meeting.held.heldOn,
        },
        'Correction recorded',
        values,
      );
    }),
  );

  router.post(
    `${path}/minutes-publication`,
    secretaries,
    button({ type: 'PublishMinutes', publishedOn: BODYS_TODAY }, 'Minutes published'),
  );

  router.get(`${path}/minutes.pdf`, readers, async (request: SignedInRequest, response, next) => {
    try {
      const { time, errors } = await pageTimeFor(engine, request);
      const found = await meetingOf(request, errors.length > 0 ? {} : readTimeOf(time));
      if (!found || found.meeting.meeting.stage !== 'held') return next();
      const { meeting } = found.meeting;
      const title = `Minutes: ${found.board.board.name}, ${longDate(meeting.date)}`;
      const pdf = await minutesPdf(minutesOf(meeting, found.board.board, 'members'), title);
      response
        .type('application/pdf')
        .setHeader('Content-Disposition', `attachment; filename="minutes-${meeting.date}.pdf"`)
        .setHeader('Cache-Control', 'no-store')
        .send(pdf);
    } catch (error) {
      next(error);
    }
  });

  router.get(`${path}/minutes`, readers, async (request: SignedInRequest, response, next) => {
    try {
      const { time, errors } = await pageTimeFor(engine, request);
      const found = await meetingOf(request, errors.length > 0 ? {} : readTimeOf(time));
      if (!found || found.meeting.meeting.stage !== 'held') {
        const now = time.travelling && (await meetingOf(request));
        return now && now.meeting.meeting.stage === 'held'
          ? notThen(views, request, response, time, 'The minutes of this meeting')
          : next();
      }
      const base = `/boards/${found.board.id}/meetings/${found.meeting.id}`;
      renderPage(views, request, response, 'pages/meetings/minutes.njk', {
        title: `Minutes: ${found.board.board.name}`,
        errors,
        time,
        current: `${base}/minutes`,
        meetingHref: timeLink(base, time),
        pdfHref: timeLink(`${base}/minutes.pdf`, time),
        minutes: minutesOf(found.meeting.meeting, found.board.board, 'members'),
      });
    } catch (error) {
      next(error);
    }
  });

  return router;
}
