import { Module } from '@nestjs/common';
import { BodiesController } from './bodies.controller';

/** The public bodies the deployment serves, and their settings. */
@Module({
  controllers: [BodiesController],
})
export class BodiesModule {}
