import { Controller, Get, Header, Inject, Query, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { timeZoneOf } from '#projections/bodies/bodies.queries';
import { Actor } from '#engine/actor';
import { CurrentActor } from '../auth/auth.decorators';
import { bodiesToRead } from '../auth/body-scope';
import { ForwardPlanQueryDto } from '../decisions/decision.dto';
import { Audience, DecisionView, ForwardPlanPage, GetForwardPlan } from '../decisions/decision-queries';
import { Engine } from '#engine/engine';
import { ENGINE } from '../engine.token';
import { forwardPlanCsv, forwardPlanWorkbook } from '../publishing/forward-plan-formats';
import { forwardPlanWindow } from './forward-plan-window';

/** Every page of a forward plan: published outputs carry all of it, never a silent first page. */
export async function wholeForwardPlan(
  queries: QueryBus,
  query: ForwardPlanQueryDto,
  calendar: { now: Date; timeZone: string },
  bodies: readonly string[] | 'all',
  audience: Audience,
): Promise<{ window: ReturnType<typeof forwardPlanWindow>; items: DecisionView[] }> {
  const window = forwardPlanWindow(query, calendar.now, calendar.timeZone);
  const items: DecisionView[] = [];
  for (let cursor: string | undefined; ;) {
    const page: ForwardPlanPage = await queries.execute(
      new GetForwardPlan(
        { ...window, keyOnly: query.keyOnly ?? false, limit: 500, cursor },
        bodies,
        audience,
        false,
        query.knownAt,
      ),
    );
    items.push(...page.items);
    if (!page.nextCursor) return { window, items };
    cursor = page.nextCursor;
  }
}

@ApiTags('forward plan')
@ApiBearerAuth()
@Controller()
export class ForwardPlanController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(ENGINE) private readonly engine: Engine,
  ) {}

  @Get('forward-plan')
  @ApiOperation({
    summary: 'Forthcoming decisions in a date window with notice dates and compliance; asOf for a past plan',
  })
  async get(@Query() query: ForwardPlanQueryDto, @CurrentActor() actor: Actor): Promise<ForwardPlanPage> {
    const bodies = bodiesToRead(actor, query.body);
    const window = forwardPlanWindow(query, this.engine.clock(), await timeZoneOf(this.engine.db, bodies));
    return this.queries.execute(
      new GetForwardPlan(
        { ...window, keyOnly: query.keyOnly ?? false, limit: query.limit ?? 100, cursor: query.cursor },
        bodies,
        'members',
        query.includeActions ?? false,
        query.knownAt,
      ),
    );
  }

  @Get('forward-plan.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The whole forward plan window as CSV (members: exempt information included)' })
  async csv(@Query() query: ForwardPlanQueryDto, @CurrentActor() actor: Actor): Promise<string> {
    return forwardPlanCsv(await this.wholeWindow(query, actor));
  }

  @Get('forward-plan.xlsx')
  @Header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Header('Content-Disposition', 'attachment; filename="forward-plan.xlsx"')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'The whole forward plan window as an Excel workbook (the CSV’s columns)' })
  async xlsx(@Query() query: ForwardPlanQueryDto, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    return new StreamableFile(await forwardPlanWorkbook(await this.wholeWindow(query, actor)));
  }

  /** Every decision of the window, for a download (members: exempt information included). */
  private async wholeWindow(query: ForwardPlanQueryDto, actor: Actor) {
    const bodies = bodiesToRead(actor, query.body);
    const { items } = await wholeForwardPlan(
      this.queries,
      query,
      { now: this.engine.clock(), timeZone: await timeZoneOf(this.engine.db, bodies) },
      bodies,
      'members',
    );
    return items;
  }
}
