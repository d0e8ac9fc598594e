import {
  Controller,
  Get,
  Header,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Request, Response } from 'express';
import { BodyView, findBody } from '#projections/bodies/bodies.queries';
import { localDateOf } from '#domain/shared/time-zone';
import { Page } from '#projections/cursor';
import { publishedDecisions } from '#projections/decisions/decisions.queries';
import { Public } from '../auth/auth.decorators';
import {
  decisionViewsOf,
  DecisionView,
  ForwardPlanPage,
  GetDecision,
  GetForwardPlan,
  ListDecisions,
} from '../decisions/decision-queries';
import { PublicDecisionsQueryDto, PublicForwardPlanQueryDto } from '../decisions/decision.dto';
import { Engine } from '#engine/engine';
import { ENGINE } from '../engine.token';
import { forwardPlanWindow } from '../forward-plan/forward-plan-window';
import { wholeForwardPlan } from '../forward-plan/forward-plan.controller';
import {
  forwardPlanCalendar,
  forwardPlanCsv,
  publicationEntries,
  publicationFeed,
  registerCsv,
} from './forward-plan-formats';
import { decisionSummaryRows, HtmlPages } from './html-pages';
import { minutesMarkdown, minutesOf } from './minutes';
import { boardFor, meetingFor } from '../boards/board-queries';
import { meetingsOf } from '#projections/boards/boards.queries';
import { publicMeetingOf, PublicMeeting } from './agenda';
import { publicBaseUrl } from './public-base-url';

const FEED_LENGTH = 50;

/**
 * What a body publishes, open to anyone without a token: the forward plan, the register of
 * decisions of significant public interest, each published decision, and feeds. Exempt
 * information never appears here, only that it exists and under which paragraph.
 */
@ApiTags('published (no token)')
@Public()
@Controller('public/bodies/:body')
export class PublicController {
  private readonly pages = new HtmlPages();

  constructor(
    private readonly queries: QueryBus,
    @Inject(ENGINE) private readonly engine: Engine,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  @Get('forward-plan')
  @ApiOperation({ summary: 'The published forward plan, cursor-paged JSON' })
  async forwardPlan(
    @Param('body') bodyId: string,
    @Query() query: PublicForwardPlanQueryDto,
  ): Promise<ForwardPlanPage> {
    const body = await this.body(bodyId);
    const window = forwardPlanWindow(query, this.engine.clock(), body.settings.timeZone);
    return this.queries.execute(
      new GetForwardPlan(
        { ...window, keyOnly: query.keyOnly ?? false, limit: query.limit ?? 100, cursor: query.cursor },
        [bodyId],
        'public',
        false,
      ),
    );
  }

  @Get('forward-plan.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The published forward plan as CSV' })
  async forwardPlanCsv(
    @Param('body') bodyId: string,
    @Query() query: PublicForwardPlanQueryDto,
  ): Promise<string> {
    const body = await this.body(bodyId);
    return forwardPlanCsv(
      (await wholeForwardPlan(this.queries, query, this.calendarOf(body), [bodyId], 'public')).items,
    );
  }

  @Get('forward-plan.html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'The published forward plan as a printable GOV.UK page' })
  async forwardPlanHtml(
    @Param('body') bodyId: string,
    @Query() query: PublicForwardPlanQueryDto,
  ): Promise<string> {
    const body = await this.body(bodyId);
    const { window, items } = await wholeForwardPlan(
      this.queries,
      query,
      this.calendarOf(body),
      [bodyId],
      'public',
    );
    const base = this.base(bodyId);
    return this.pages.render(
      'forward-plan.njk',
      {
        title: 'Forward plan of key decisions',
        body,
        from: window.from,
        to: window.to,
        // The day the plan stood on, on the body's calendar.
        asOf: window.asOf && localDateOf(window.asOf, body.settings.timeZone),
        asOfPast: window.asOf !== undefined,
        items: items.map((item) => ({ ...item, link: `${base}/decisions/${item.id}` })),
        feedUrl: `${base}/feed.atom`,
        links: {
          csv: `${base}/forward-plan.csv`,
          ics: `${base}/forward-plan.ics`,
          atom: `${base}/feed.atom`,
        },
      },
      body.settings.timeZone,
    );
  }

  @Get('forward-plan.ics')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: 'Expected decision dates as an iCalendar feed; each entry links to its decision' })
  async forwardPlanIcs(
    @Param('body') bodyId: string,
    @Query() query: PublicForwardPlanQueryDto,
  ): Promise<string> {
    const body = await this.body(bodyId);
    const { items } = await wholeForwardPlan(this.queries, query, this.calendarOf(body), [bodyId], 'public');
    const base = this.base(bodyId);
    return forwardPlanCalendar(body, items, (d) => `${base}/decisions/${d.id}`);
  }

  @Get('feed.atom')
  @Header('Content-Type', 'application/atom+xml; charset=utf-8')
  @ApiProduces('application/atom+xml')
  @ApiOperation({ summary: 'Atom feed of new notices and published decisions' })
  atom(@Param('body') bodyId: string): Promise<string> {
    return this.feed('atom', bodyId);
  }

  @Get('feed.rss')
  @Header('Content-Type', 'application/rss+xml; charset=utf-8')
  @ApiProduces('application/rss+xml')
  @ApiOperation({ summary: 'RSS feed of new notices and published decisions' })
  rss(@Param('body') bodyId: string): Promise<string> {
    return this.feed('rss', bodyId);
  }

  @Get('decision-register')
  @ApiOperation({ summary: 'Register of taken decisions of significant public interest, cursor-paged JSON' })
  async register(
    @Param('body') bodyId: string,
    @Query() query: PublicDecisionsQueryDto,
  ): Promise<Page<DecisionView>> {
    await this.body(bodyId);
    return this.registerPage(bodyId, query);
  }

  @Get('decision-register.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The whole register of decisions of significant public interest as CSV' })
  async registerCsv(@Param('body') bodyId: string, @Query() query: PublicDecisionsQueryDto): Promise<string> {
    await this.body(bodyId);
    const items: DecisionView[] = [];
    for (let cursor: string | undefined; ;) {
      const page = await this.registerPage(bodyId, { ...query, limit: 500, cursor });
      items.push(...page.items);
      if (!page.nextCursor) return registerCsv(items);
      cursor = page.nextCursor;
    }
  }

  @Get('decision-register.html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'The register of decisions of significant public interest as a GOV.UK page' })
  async registerHtml(
    @Param('body') bodyId: string,
    @Query() query: PublicDecisionsQueryDto,
  ): Promise<string> {
    const body = await this.body(bodyId);
    const page = await this.registerPage(bodyId, query);
    const base = this.base(bodyId);
    return this.pages.render(
      'register.njk',
      {
        title: 'Register of decisions of significant public interest',
        body,
        items: page.items.map((item) => ({ ...item, link: `${base}/decisions/${item.id}` })),
        nextLink: page.nextCursor
          ? `${base}/decision-register.html?cursor=${encodeURIComponent(page.nextCursor)}`
          : null,
        links: { csv: `${base}/decision-register.csv` },
      },
      body.settings.timeZone,
    );
  }

  @Get('decisions/:id')
  @ApiProduces('application/json', 'text/html')
  @ApiOperation({ summary: 'One published decision: JSON, or a GOV.UK page when the client asks for HTML' })
  async decision(
    @Param('body') bodyId: string,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('decision not found') }))
    id: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DecisionView | string> {
    const body = await this.body(bodyId);
    const decision: DecisionView = await this.queries.execute(new GetDecision(id, [bodyId], 'public'));
    if (request.accepts(['json', 'html']) !== 'html') return decision;
    response.type('html');
    return this.pages.render(
      'decision.njk',
      {
        title: decision.title ? `${decision.title}: ${decision.subject}` : decision.subject,
        body,
        decision,
        rows: decisionSummaryRows(decision),
      },
      body.settings.timeZone,
    );
  }

  @Get('boards/:boardId/meetings/:meetingId/minutes.html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOperation({
    summary: 'Published minutes of a public meeting; exempt items say only that they were considered',
  })
  async minutesHtml(
    @Param('body') bodyId: string,
    @Param('boardId') boardId: string,
    @Param('meetingId') meetingId: string,
  ): Promise<string> {
    const { board, minutes } = await this.publishedMinutes(bodyId, boardId, meetingId);
    const body = await this.body(bodyId);
    return this.pages.render(
      'minutes.njk',
      { title: `Minutes: ${board.name}`, body, minutes },
      body.settings.timeZone,
    );
  }

  @Get('boards/:boardId/meetings/:meetingId/minutes.md')
  @Header('Content-Type', 'text/markdown; charset=utf-8')
  @ApiProduces('text/markdown')
  @ApiOperation({ summary: 'Published minutes as Markdown' })
  async minutesMarkdown(
    @Param('body') bodyId: string,
    @Param('boardId') boardId: string,
    @Param('meetingId') meetingId: string,
  ): Promise<string> {
    return minutesMarkdown((await this.publishedMinutes(bodyId, boardId, meetingId)).minutes);
  }

  @Get('boards/:boardId/meetings')
  @ApiOperation({
    summary: "A board's meetings: date, time, place, and each public meeting's agenda once issued",
  })
  async meetings(@Param('body') bodyId: string, @Param('boardId') boardId: string): Promise<PublicMeeting[]> {
    await this.body(bodyId);
    await boardFor(this.engine, boardId, [bodyId]);
    return (await meetingsOf(this.engine.db, boardId)).map((m) => publicMeetingOf(m.id, m.meeting));
  }

  @Get('boards/:boardId/meetings/:meetingId/agenda.html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'The issued agenda of a public meeting, as a printable page' })
  async agendaHtml(
    @Param('body') bodyId: string,
    @Param('boardId') boardId: string,
    @Param('meetingId') meetingId: string,
  ): Promise<string> {
    const body = await this.body(bodyId);
    const { board, meeting } = await meetingFor(this.engine, boardId, meetingId, [bodyId]);
    const shown = publicMeetingOf(meeting.id, meeting.meeting);
    if (shown.agendaIssuedOn === null) throw new NotFoundException('agenda not found');
    return this.pages.render(
      'agenda.njk',
      { title: `Agenda: ${board.board.name}`, body, meeting: shown },
      body.settings.timeZone,
    );
  }

  /** Minutes the public may read: a public meeting's, once published. */
  private async publishedMinutes(bodyId: string, boardId: string, meetingId: string) {
    await this.body(bodyId);
    const { board, meeting } = await meetingFor(this.engine, boardId, meetingId, [bodyId]).catch(() => {
      throw new NotFoundException('minutes not found');
    });
    if (meeting.meeting.access !== 'public' || meeting.meeting.minutes !== 'published')
      throw new NotFoundException('minutes not found');
    return { board: board.board, minutes: minutesOf(meeting.meeting, board.board, 'public') };
  }

  private registerPage(bodyId: string, query: PublicDecisionsQueryDto): Promise<Page<DecisionView>> {
    const { q, limit, cursor, keyDecision, takenFrom, takenTo } = query;
    return this.queries.execute(
      new ListDecisions(
        {
          stages: ['taken', 'revoked', 'superseded'],
          significantPublicInterest: true,
          recordPublishedOnly: true,
          keyDecision,
          takenFrom,
          takenTo,
          search: q,
          limit: limit ?? 50,
          cursor,
        },
        [bodyId],
        'public',
      ),
    );
  }

  private async feed(format: 'atom' | 'rss', bodyId: string): Promise<string> {
    const body = await this.body(bodyId);
    const stored = await publishedDecisions(this.engine.db, bodyId, FEED_LENGTH);
    const views = await decisionViewsOf(this.engine.db, stored, 'public', this.engine.clock());
    const base = this.base(bodyId);
    const entries = publicationEntries(views, (d) => `${base}/decisions/${d.id}`).slice(0, FEED_LENGTH);
    return publicationFeed(format, body, `${base}/feed.${format}`, `${base}/forward-plan.html`, entries);
  }

  /** The body, or 404: an unknown body publishes nothing. */
  private async body(bodyId: string): Promise<BodyView> {
    const body = await findBody(this.engine.db, bodyId);
    if (!body) throw new NotFoundException(`body "${bodyId}" not found`);
    return body;
  }

  /** Links name the configured public address, never the request's Host header (which anyone can set). */
  private base(bodyId: string): string {
    return `${publicBaseUrl(this.engine, this.adapterHost)}/api/public/bodies/${encodeURIComponent(bodyId)}`;
  }

  /** Now, on the body's calendar. */
  private calendarOf(body: BodyView): { now: Date; timeZone: string } {
    return { now: this.engine.clock(), timeZone: body.settings.timeZone };
  }
}
