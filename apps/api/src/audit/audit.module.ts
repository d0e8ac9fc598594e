import { Module } from '@nestjs/common';
import { AuditController, ListAuditTrailHandler, VerifyAuditTrailHandler } from './audit.controller';
import { EvidenceController } from './evidence.controller';

/** The audit trail, the check of the record, and each record's evidence pack. */
@Module({
  controllers: [AuditController, EvidenceController],
  providers: [ListAuditTrailHandler, VerifyAuditTrailHandler],
})
export class AuditModule {}
