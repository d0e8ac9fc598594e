import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { CommandGateway } from '#application/command-gateway';
import { Engine } from '#engine/engine';
import { TokenService } from '#engine/token.service';
import { ActionsModule } from './actions/actions.module';
import { AuditModule } from './audit/audit.module';
import { AuthGuard } from './auth/auth.guard';
import { BoardsModule } from './boards/boards.module';
import { BodiesModule } from './bodies/bodies.module';
import { DecisionsModule } from './decisions/decisions.module';
import { ENGINE } from './engine.token';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { commandGatewayProvider } from './http/command-context';
import { ErrorFilter } from './http/error.filter';
import { PeopleModule } from './people/people.module';
import { PublishingModule } from './publishing/publishing.module';
import { RemindersModule } from './reminders/reminders.module';
import { ReportsModule } from './reports/reports.module';

/** What every feature shares: the running engine, its tokens and the command gateway. */
@Global()
@Module({})
class EngineModule {
  static register(engine: Engine): DynamicModule {
    return {
      module: EngineModule,
      providers: [
        { provide: ENGINE, useValue: engine },
        { provide: TokenService, useValue: engine.tokens },
        commandGatewayProvider,
      ],
      exports: [ENGINE, TokenService, CommandGateway],
    };
  }
}

/** The HTTP app: one module per feature over the engine, every route behind the auth guard. */
@Module({})
export class AppModule {
  static register(engine: Engine): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        EngineModule.register(engine),
        ActionsModule,
        ImportsModule,
        ReportsModule,
        AuditModule,
        BodiesModule,
        DecisionsModule,
        BoardsModule,
        PeopleModule,
        RemindersModule,
        PublishingModule,
        HealthModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useValue: new ErrorFilter(engine.log) },
      ],
    };
  }
}
