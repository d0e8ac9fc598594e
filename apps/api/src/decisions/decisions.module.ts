import { Module } from '@nestjs/common';
import { ChangeDecisionHandler, ProposeDecisionHandler } from './decision-commands';
import { GetDecisionHandler, GetForwardPlanHandler, ListDecisionsHandler } from './decision-queries';
import { DecisionsController } from './decisions.controller';
import { ForwardPlanController } from '../forward-plan/forward-plan.controller';

/** Decisions through their lifecycle, and the forward plan of key decisions. */
@Module({
  controllers: [DecisionsController, ForwardPlanController],
  providers: [
    ProposeDecisionHandler,
    ChangeDecisionHandler,
    GetDecisionHandler,
    ListDecisionsHandler,
    GetForwardPlanHandler,
  ],
})
export class DecisionsModule {}
