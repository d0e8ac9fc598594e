import { Response, Router } from 'express';
import nunjucks from 'nunjucks';
import { importActions } from '#application/imports/action-import';
import { importDecisions } from '#application/imports/decision-import';
import { describeDecision, describeMeeting } from '#application/imports/import-report';
import { ImportReport, ImportRun } from '#application/imports/import-run';
import { importMeetings } from '#application/imports/meeting-import';
import { registerFromFile } from '#application/imports/register-files';
import { DomainError } from '#domain/shared/domain-error';
import { Engine } from '#engine/engine';
import { WrongExpectedRevisionError } from '#event-store/port';
import { registerChoices } from '#projections/action-register/register-as-at.queries';
import { bodySettingsOf } from '#projections/bodies/bodies.queries';
import { StatusCell } from '#domain/import/register-cells';
import { RequestRefusal } from '../../../http/request-guards';
import { rowOutcome } from '../../../imports/imports.controller';
import { discardKept, keepUpload, keptUpload } from '../../../imports/kept-uploads';
import { receiveUpload } from '../../../imports/upload';
import { FieldError, formText, linkQuery, renderPage, SignedInRequest } from '../../page';
import { requireRole } from '../../signed-in';
import { webActor } from '../../web-actor';

const OPTIONS = ['kind', 'plan', 'refPrefix', 'sheet', 'year'] as const;
const KINDS = ['actions', 'decisions', 'meetings'] as const;
type Options = Record<(typeof OPTIONS)[number], string>;
/** Rows the preview lists; the counts cover them all. */
const ROWS_SHOWN = 500;

/**
 * The secretary uploads a register, sees what each row would become and every row refused with
 * its cell (a dry run), then records the file (or the rows that can be) without uploading it again.
 */
export function importRegisterRoutes(engine: Engine, views: nunjucks.Environment): Router {
  const router = Router();
  const secretaries = requireRole('secretary', 'admin');
  const ownerOf = (request: SignedInRequest) => ({
    personId: request.person!.id,
    bodyId: request.actingFor!.id,
  });

  const showForm = async (
    request: SignedInRequest,
    response: Response,
    values: Options,
    errors: FieldError[] = [],
  ) =>
    renderPage(views, request, response, 'pages/actions/import.njk', {
      title: 'Import a register',
      values,
      errors,
      status: errors.length > 0 ? 400 : 200,
      plans: (await registerChoices(engine.db, request.actingFor!.id)).plans.map((each) => each.plan),
    });

  /** Runs the import of a kept file: a dry run for the preview, or the real one. */
  const run = async (
    request: SignedInRequest,
    file: { path: string; name: string },
    values: Options,
    mode: ImportRun<unknown>['mode'],
  ) => {
    const { source, notes } = await registerFromFile(file.path, {
      name: file.name,
      sheet: values.sheet || undefined,
      limits: engine.config.importLimits,
    });
    // Actions are shown in a table; decisions and meetings as the sentences the command line prints.
    const rows: ReturnType<typeof rowOutcome>[] = [];
    const { statusDisplay } = await bodySettingsOf(engine.db, request.actingFor!.id);
    // The status as the body's register writes it (Green, White (NS), Blue), not the engine's code.
    const labels = (cell: StatusCell) =>
      cell.kind === 'status'
        ? statusDisplay[cell.status].label
        : cell.kind === 'completed'
          ? statusDisplay.BLUE.label
          : cell.kind === 'cancelled'
            ? 'Cancelled'
            : 'Not yet reported';
    const lines: string[] = [];
    const shown = <T>(list: T[], item: () => T) => {
      if (list.length < ROWS_SHOWN) list.push(item());
    };
    const actor = webActor(request);
    const common = {
      bodyId: request.actingFor!.id,
      mode,
      actor: { user: actor.user, role: actor.role },
      recordedAt: engine.clock(),
    };
    const report: ImportReport =
      values.kind === 'decisions'
        ? await importDecisions(engine, source, {
            ...common,
            onRow: ({ row, decision }) => shown(lines, () => describeDecision(row, decision)),
          })
        : values.kind === 'meetings'
          ? await importMeetings(engine, source, {
              ...common,
              onRow: ({ row, decision }) => shown(lines, () => describeMeeting(row, decision)),
            })
          : await importActions(engine, source, {
              ...common,
              plan: values.plan,
              refPrefix: values.refPrefix || undefined,
              year: values.year || undefined,
              onRow: (row) => shown(rows, () => ({ ...rowOutcome(row), status: labels(row.row.status) })),
            });
    if (report.lastPosition) await engine.projector.waitFor(report.lastPosition);
    return { report, notes, rows, lines };
  };

  router.get('/actions/import', secretaries, async (request: SignedInRequest, response, next) => {
    try {
      await showForm(request, response, {
        kind: 'actions',
        plan: formText(request.query.plan),
        refPrefix: '',
        sheet: '',
        year: '',
      });
    } catch (error) {
      next(error);
    }
  });

  // A multipart form: its CSRF token rides in the query (see web-security), the file onto disk.
  router.post('/actions/import', secretaries, async (request: SignedInRequest, response, next) => {
    try {
      const upload = await receiveUpload(request, engine.config.importLimits.maxBytes);
      const values = Object.fromEntries(
        OPTIONS.map((name) => [name, formText(upload.fields[name]?.[0])]),
      ) as Options;
      const errors: FieldError[] = [];
      if (!(KINDS as readonly string[]).includes(values.kind)) values.kind = 'actions';
      if (values.kind === 'actions' && !values.plan)
        errors.push({ field: 'plan', text: 'Enter the plan the actions belong to' });
      if (errors.length > 0) {
        await upload.discard();
        return showForm(request, response, values, errors);
      }
      const id = await keepUpload(upload, ownerOf(request), engine.clock());
      await upload.discard();
      const file = (await keptUpload(id, ownerOf(request), engine.clock()))!;
      try {
        const preview = await run(request, file, values, 'dry-run');
        renderPage(views, request, response, 'pages/actions/import-preview.njk', {
          title: `Check ${file.name} before it is imported`,
          values,
          id,
          ...preview,
        });
      } catch (error) {
        await discardKept(id);
        if (!(error instanceof DomainError) || error.kind !== 'invalid') throw error;
        await showForm(request, response, values, [{ field: 'file', text: error.message }]);
      }
    } catch (error) {
      if (error instanceof RequestRefusal && error.statusCode !== 415) {
        return showForm(
          request,
          response,
          { kind: 'actions', plan: '', refPrefix: '', sheet: '', year: '' },
          [{ field: 'file', text: error.message }],
        );
      }
      next(error);
    }
  });

  router.post('/actions/import/record', secretaries, async (request: SignedInRequest, response, next) => {
    try {
      const id = formText(request.body?.id);
      const values = Object.fromEntries(
        OPTIONS.map((name) => [name, formText(request.body?.[name])]),
      ) as Options;
      const file = await keptUpload(id, ownerOf(request), engine.clock());
      if (!(KINDS as readonly string[]).includes(values.kind)) values.kind = 'actions';
      if (!file || (values.kind === 'actions' && !values.plan))
        return showForm(request, response, values, [
          { field: 'file', text: 'The file is no longer kept (an hour after its preview): upload it again' },
        ]);
      const mode = formText(request.body?.mode) === 'partial' ? 'partial' : 'all';
      let result;
      try {
        result = await run(request, file, values, mode);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        return showForm(request, response, values, [
          {
            field: 'file',
            text: 'An action of the plan was changed while the file was imported, so nothing was recorded: upload it again',
          },
        ]);
      }
      await discardKept(id);
      renderPage(views, request, response, 'pages/actions/import-done.njk', {
        title: result.report.recorded ? `${file.name} is imported` : `Nothing of ${file.name} was recorded`,
        registerHref:
          values.kind === 'decisions'
            ? '/decisions'
            : values.kind === 'meetings'
              ? '/boards'
              : `/actions?${linkQuery({ plan: values.plan })}`,
        ...result,
      });
    } catch (error) {
      next(error);
    }
  });

  return router;
}
