import { Response, Router } from 'express';
import { Engine } from '#engine/engine';
import { findBoard, meetingsOf } from '#projections/boards/boards.queries';
import { SignedInRequest } from '../../page';
import { requireRole } from '../../signed-in';
import { sendTable } from '../../table-download';

/** The columns of a board's schedule download: the headers a schedule of meetings imports from. */
const COLUMNS = [
  { header: 'Board', width: 30 },
  { header: 'Date', width: 12 },
  { header: 'Time', width: 8 },
  { header: 'Place', width: 40 },
  { header: 'Access', width: 10 },
  { header: 'Stage', width: 12 },
] as const;

/**
 * A board's meetings, every one in date order, as CSV and as an Excel workbook, in the columns a
 * schedule of meetings is imported from: a download goes back in as the same meetings.
 */
export function scheduleDownloadRoutes(engine: Engine): Router {
  const router = Router();
  const readers = requireRole('admin', 'secretary', 'officer', 'auditor');
  const download =
    (format: 'csv' | 'xlsx') =>
    async (request: SignedInRequest, response: Response, next: (error?: unknown) => void) => {
      try {
        const found = await findBoard(engine.db, request.params.boardId as string, [request.actingFor!.id]);
        if (!found) return next();
        const rows = (await meetingsOf(engine.db, found.id)).map(({ meeting }) => [
          found.board.name,
          meeting.date,
          meeting.time ?? '',
          meeting.place,
          meeting.access === 'private' ? 'Private' : 'Public',
          meeting.stage,
        ]);
        const name = `meetings-${found.board.code || found.id}`;
        await sendTable(response, { format, name, sheet: 'Meetings' }, COLUMNS, rows);
      } catch (error) {
        next(error);
      }
    };
  router.get('/boards/:boardId/meetings.csv', readers, download('csv'));
  router.get('/boards/:boardId/meetings.xlsx', readers, download('xlsx'));
  return router;
}
