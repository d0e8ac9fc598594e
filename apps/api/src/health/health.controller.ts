import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { parkedSummary } from '#projections/parked-events';
import { Public } from '../auth/auth.decorators';
import { Engine } from '#engine/engine';
import { ENGINE } from '../engine.token';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(ENGINE) private readonly engine: Engine) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Is the engine up, on what, and where are its projections in the log' })
  async health() {
    try {
      await this.engine.db.query('SELECT 1');
    } catch (error) {
      throw new ServiceUnavailableException(`database unreachable: ${(error as Error).message}`);
    }
    try {
      // EventStoreDB is a server of its own, which can be down while the database is up.
      await this.engine.store.check();
    } catch (error) {
      throw new ServiceUnavailableException(`event store unreachable: ${(error as Error).message}`);
    }
    const { failed, heldBehind } = await parkedSummary(this.engine.db, 20);
    return {
      // A parked event means some read model lacks a write: the engine serves, but not wholly.
      status: failed.length + heldBehind > 0 ? 'degraded' : 'ok',
      parked: failed,
      heldBehindParked: heldBehind,
      database: this.engine.db.kind,
      eventStore: this.engine.config.eventStoreUrl ? 'eventstoredb' : this.engine.db.kind,
      projections: this.engine.projector.checkpoints(),
    };
  }
}
