import { Module } from '@nestjs/common';
import { AuditController, ListAuditTrailHandler, VerifyAuditTrailHandler } from './audit.controller';

/** The audit trail and the check of its hash chain. */
@Module({
  controllers: [AuditController],
  providers: [ListAuditTrailHandler, VerifyAuditTrailHandler],
})
export class AuditModule {}
