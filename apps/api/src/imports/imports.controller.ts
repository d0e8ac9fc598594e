import { Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { ImportedRow, importActions } from '#application/imports/action-import';
import { importDecisions } from '#application/imports/decision-import';
import { DecidedRow, ImportOutcome, ImportReport } from '#application/imports/import-run';
import { importMeetings } from '#application/imports/meeting-import';
import { registerFromFile } from '#application/imports/register-files';
import { DomainError } from '#domain/shared/domain-error';
import { Actor } from '#engine/actor';
import { Engine } from '#engine/engine';
import { WrongExpectedRevisionError } from '#event-store/port';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { oneBody } from '../auth/body-scope';
import { ENGINE } from '../engine.token';
import { awaitProjections } from '../http/read-your-writes';
import { RequestRefusal } from '../http/request-guards';
import { receiveUpload } from './upload';

/** Rows the answer lists one by one; the counts cover them all. */
const ROWS_LISTED = 1000;
const MODES = ['dry-run', 'all', 'partial'] as const;
const KINDS = ['actions', 'decisions', 'meetings'] as const;

/** A decision's or a meeting's row as read, and what it became. */
const plainOutcome = ({ row, decision }: DecidedRow<object>) => ({
  ...row,
  outcome: decision.kind,
  events: decision.events.map((event) => event.type),
  kept: decision.kept,
});

/** One row of the answer: what the register said, and what it became. */
export function rowOutcome({ row, decision }: ImportedRow) {
  return {
    rowNumber: row.rowNumber,
    ref: row.ref,
    refGenerated: row.refGenerated,
    title: row.title,
    lead: row.lead,
    dueDate: { written: row.dueDate.written, date: row.dueDate.date },
    status: row.status.kind === 'status' ? row.status.status : row.status.kind,
    updates: row.updates.length,
    outcome: decision.kind,
    events: decision.events.map((event) => event.type),
    kept: decision.kept,
  };
}

@ApiTags('imports')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  @Post()
  @HttpCode(200)
  @Roles('admin', 'secretary')
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary: 'Import an action register, a decision log or a schedule of meetings (.csv or .xlsx)',
    description:
      'Form fields: file, kind=actions|decisions|meetings, plan (actions), body, sheet, refPrefix and year ' +
      '(actions), map (repeatable "Header=field"), ' +
      'mode=dry-run|all|partial (default dry-run). 200 for a dry run, 201 when recorded, 422 when a row ' +
      'was refused and nothing recorded; the answer reports every row refused with its cell and why.',
  })
  async import(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @CurrentActor() actor: Actor,
  ) {
    const upload = await receiveUpload(request, this.engine.config.importLimits.maxBytes);
    try {
      const field = (name: string) => upload.fields[name]?.at(-1)?.trim() || undefined;
      const kind = field('kind') ?? 'actions';
      if (!(KINDS as readonly string[]).includes(kind))
        throw new RequestRefusal(400, `kind must be one of ${KINDS.join(', ')}`, 'kind');
      const plan = field('plan');
      if (kind === 'actions' && !plan)
        throw new RequestRefusal(400, 'plan is required: the plan the actions belong to', 'plan');
      const mode = field('mode') ?? 'dry-run';
      if (!(MODES as readonly string[]).includes(mode))
        throw new RequestRefusal(400, `mode must be one of ${MODES.join(', ')}`, 'mode');
      const { source, notes } = await registerFromFile(upload.path, {
        name: upload.name,
        sheet: field('sheet'),
        limits: this.engine.config.importLimits,
      });
      const rows: object[] = [];
      const listed = (row: object) => {
        if (rows.length < ROWS_LISTED) rows.push(row);
      };
      const common = {
        bodyId: oneBody(actor, field('body')),
        map: upload.fields.map,
        mode: mode as (typeof MODES)[number],
        actor: { user: actor.user, role: actor.role },
        recordedAt: this.engine.clock(),
      };
      const report = await this.importing<ImportReport>(() => {
        if (kind === 'decisions')
          return importDecisions(this.engine, source, {
            ...common,
            onRow: (row) => listed(plainOutcome(row)),
          });
        if (kind === 'meetings')
          return importMeetings(this.engine, source, {
            ...common,
            onRow: (row) => listed(plainOutcome(row)),
          });
        return importActions(this.engine, source, {
          ...common,
          plan: plan!,
          refPrefix: field('refPrefix'),
          year: field('year'),
          onRow: (row) => listed(rowOutcome(row)),
        });
      });
      if (report.lastPosition) await awaitProjections(this.engine, report.lastPosition);
      response.status(mode === 'dry-run' ? 200 : report.recorded ? 201 : 422);
      return { ...answerOf(report), notes, rows, rowsListed: rows.length };
    } finally {
      await upload.discard();
    }
  }

  private async importing<Report>(run: () => Promise<Report>): Promise<Report> {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      throw new DomainError(
        'CHANGED_WHILE_IMPORTING',
        'a record the file names was changed while it was imported, so nothing was recorded: import it again',
        'conflict',
      );
    }
  }
}

/** The report as the answer gives it (the log position stays inside the engine). */
function answerOf(report: ImportOutcome): object {
  const { lastPosition: _inside, ...answer } = report as ImportOutcome & Record<string, unknown>;
  return answer;
}
