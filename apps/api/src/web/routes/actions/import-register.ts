import { Response, Router } from 'express';
import nunjucks from 'nunjucks';
import { ActionImportRequest, importActions } from '#application/imports/action-import';
import { registerFromFile } from '#application/imports/register-files';
import { DomainError } from '#domain/shared/domain-error';
import { Engine } from '#engine/engine';
import { WrongExpectedRevisionError } from '#event-store/port';
import { registerChoices } from '#projections/action-register/register-as-at.queries';
import { RequestRefusal } from '../../../http/request-guards';
import { rowOutcome } from '../../../imports/imports.controller';
import { discardKept, keepUpload, keptUpload } from '../../../imports/kept-uploads';
import { receiveUpload } from '../../../imports/upload';
import { FieldError, formText, linkQuery, renderPage, SignedInRequest } from '../../page';
import { requireRole } from '../../signed-in';
import { webActor } from '../../web-actor';

const OPTIONS = ['plan', 'refPrefix', 'sheet', 'year'] as const;
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
      title: 'Import an action register',
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
    mode: ActionImportRequest['mode'],
  ) => {
    const { source, notes } = await registerFromFile(file.path, {
      name: file.name,
      sheet: values.sheet || undefined,
      limits: engine.config.importLimits,
    });
    const rows: ReturnType<typeof rowOutcome>[] = [];
    const actor = webActor(request);
    const report = await importActions(engine, source, {
      bodyId: request.actingFor!.id,
      plan: values.plan,
      refPrefix: values.refPrefix || undefined,
      year: values.year || undefined,
      mode,
      actor: { user: actor.user, role: actor.role },
      recordedAt: engine.clock(),
      onRow: (row) => {
        if (rows.length < ROWS_SHOWN) rows.push(rowOutcome(row));
      },
    });
    if (report.lastPosition) await engine.projector.waitFor(report.lastPosition);
    return { report, notes, rows };
  };

  router.get('/actions/import', secretaries, async (request: SignedInRequest, response, next) => {
    try {
      await showForm(request, response, {
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
      if (!values.plan) errors.push({ field: 'plan', text: 'Enter the plan the actions belong to' });
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
        return showForm(request, response, { plan: '', refPrefix: '', sheet: '', year: '' }, [
          { field: 'file', text: error.message },
        ]);
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
      if (!file || !values.plan)
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
        registerHref: `/actions?${linkQuery({ plan: values.plan })}`,
        ...result,
      });
    } catch (error) {
      next(error);
    }
  });

  return router;
}
