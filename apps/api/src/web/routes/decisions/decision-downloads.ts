import { Response, Router } from 'express';
import { decisionTitle } from '#domain/decision/decision-title';
import { Engine } from '#engine/engine';
import { bodySettingsOf } from '#projections/bodies/bodies.queries';
import { listDecisions, StoredDecision } from '#projections/decisions/decisions.queries';
import { SignedInRequest } from '../../page';
import { requireRole } from '../../signed-in';
import { sendTable } from '../../table-download';

/** The columns of the decision register's downloads: the headers a decision log import reads. */
const COLUMNS = [
  { header: 'Decision', width: 24 },
  { header: 'Date', width: 12 },
  { header: 'Decision maker', width: 28 },
  { header: 'Subject', width: 60 },
  { header: 'Key decision', width: 8 },
  { header: 'Significant public interest', width: 10 },
  { header: 'Published', width: 12 },
  { header: 'Notice published', width: 12 },
  { header: 'Stage', width: 12 },
] as const;

const yesNo = (flag: boolean) => (flag ? 'Yes' : 'No');

function cellsOf({ decision }: StoredDecision, seriesLabel: string): string[] {
  return [
    decisionTitle(decision, seriesLabel) ?? '',
    decision.taken?.takenOn ?? '',
    decision.decisionMaker,
    decision.subject,
    yesNo(decision.keyDecision),
    yesNo(decision.significantPublicInterest),
    decision.recordPublishedOn ?? '',
    decision.noticePublishedOn ?? '',
    decision.stage,
  ];
}

/**
 * The body's decision register (every numbered decision, lowest number first) as CSV and as an
 * Excel workbook, in the columns a decision log is imported from, so a download goes back in
 * as the same records.
 */
export function decisionDownloadRoutes(engine: Engine): Router {
  const router = Router();
  const readers = requireRole('admin', 'secretary', 'officer', 'auditor');
  const download =
    (format: 'csv' | 'xlsx') =>
    async (request: SignedInRequest, response: Response, next: (error: unknown) => void) => {
      try {
        const bodyId = request.actingFor!.id;
        const settings = await bodySettingsOf(engine.db, bodyId);
        const numbered: StoredDecision[] = [];
        let cursor: string | undefined;
        do {
          const page = await listDecisions(engine.db, {
            bodyIds: [bodyId],
            publicOnly: false,
            limit: 500,
            cursor,
          });
          numbered.push(...page.items.filter((each) => each.decision.number !== null));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        numbered.sort((a, b) => (a.decision.number ?? 0) - (b.decision.number ?? 0));
        const rows = numbered.map((each) => cellsOf(each, settings.decisions.seriesLabel));
        await sendTable(
          response,
          { format, name: `decision-register-${bodyId}`, sheet: 'Decision register' },
          COLUMNS,
          rows,
        );
      } catch (error) {
        next(error);
      }
    };
  router.get('/decisions/register.csv', readers, download('csv'));
  router.get('/decisions/register.xlsx', readers, download('xlsx'));
  return router;
}
