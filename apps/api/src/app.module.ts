import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ChangeActionHandler, CreateActionHandler } from './actions/action-commands';
import { GetActionHandler, GetRagHistoryHandler, ListActionsHandler } from './actions/action-queries';
import { ActionsController } from './actions/actions.controller';
import { AuditController, ListAuditTrailHandler, VerifyAuditTrailHandler } from './audit/audit.controller';
import { AuthGuard } from './auth/auth.guard';
import { TokenService } from '../../../libs/engine/src/token.service';
import {
  ChangeBoardHandler,
  ChangeMeetingHandler,
  EstablishBoardHandler,
  ScheduleMeetingHandler,
} from './boards/board-commands';
import {
  GetBoardActionLogHandler,
  GetBoardHandler,
  GetMeetingPackHandler,
  GetScheduleOfAssuranceHandler,
  ListBoardsHandler,
  ListMeetingsHandler,
} from './boards/board-queries';
import { BoardsController } from './boards/boards.controller';
import { MeetingsController } from './boards/meetings.controller';
import { MinutesController } from './boards/minutes.controller';
import { BodiesController } from './bodies/bodies.controller';
import { ChangeDecisionHandler, ProposeDecisionHandler } from './decisions/decision-commands';
import {
  GetDecisionHandler,
  GetForwardPlanHandler,
  ListDecisionsHandler,
} from './decisions/decision-queries';
import { DecisionsController } from './decisions/decisions.controller';
import { Engine } from '../../../libs/engine/src/engine';
import { ENGINE } from './engine.token';
import { ForwardPlanController } from './forward-plan/forward-plan.controller';
import { HealthController } from './health/health.controller';
import { ProjectionsController } from './health/projections.controller';
import { ErrorFilter } from './http/error.filter';
import { commandGatewayProvider } from './http/command-context';
import { PublicController } from './publishing/public.controller';
import { RemindersController } from './reminders/reminders.controller';
import { GetRagReportHandler, ReportsController } from './reports/reports.controller';

@Module({})
export class AppModule {
  static register(engine: Engine): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot()],
      controllers: [
        ActionsController,
        ReportsController,
        AuditController,
        BodiesController,
        DecisionsController,
        BoardsController,
        MeetingsController,
        MinutesController,
        RemindersController,
        ForwardPlanController,
        PublicController,
        HealthController,
        ProjectionsController,
      ],
      providers: [
        { provide: ENGINE, useValue: engine },
        commandGatewayProvider,
        { provide: TokenService, useValue: engine.tokens },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useValue: new ErrorFilter(engine.log) },
        CreateActionHandler,
        ChangeActionHandler,
        GetActionHandler,
        ListActionsHandler,
        GetRagHistoryHandler,
        GetRagReportHandler,
        ListAuditTrailHandler,
        VerifyAuditTrailHandler,
        ProposeDecisionHandler,
        ChangeDecisionHandler,
        GetDecisionHandler,
        ListDecisionsHandler,
        GetForwardPlanHandler,
        EstablishBoardHandler,
        ChangeBoardHandler,
        ScheduleMeetingHandler,
        ChangeMeetingHandler,
        ListBoardsHandler,
        GetBoardHandler,
        GetScheduleOfAssuranceHandler,
        GetBoardActionLogHandler,
        ListMeetingsHandler,
        GetMeetingPackHandler,
      ],
    };
  }
}
