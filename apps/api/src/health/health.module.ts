import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { ProjectionsController } from './projections.controller';

/** Health, and the projections an admin looks after. */
@Module({
  controllers: [HealthController, ProjectionsController],
})
export class HealthModule {}
