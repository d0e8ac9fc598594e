import { Module } from '@nestjs/common';
import { ChangeActionHandler, CreateActionHandler } from './action-commands';
import { GetActionHandler, GetRagHistoryHandler, ListActionsHandler } from './action-queries';
import { ActionsController } from './actions.controller';

/** The action register: creating and changing actions, their RAG history. */
@Module({
  controllers: [ActionsController],
  providers: [
    CreateActionHandler,
    ChangeActionHandler,
    GetActionHandler,
    ListActionsHandler,
    GetRagHistoryHandler,
  ],
})
export class ActionsModule {}
