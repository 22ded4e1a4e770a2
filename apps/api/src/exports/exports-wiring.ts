import type { Provider, Type } from '@nestjs/common';
import { DisclosuresController } from './disclosures.controller.js';
import { ExportBook } from './export-book.js';
import { ExportJobs } from './export-jobs.js';
import { ExportsController } from './exports.controller.js';

/**
 * Research exports (issue 9) for ApiModule: controllers and providers in one list each. Needs
 * what ApiModule already provides: EventStore, AnalyticsStore, Directory (through
 * AnalyticsScope), AuditTrail, Clock, ReadPositions and APP_CONFIG.
 */
export const exportControllers: Type[] = [ExportsController, DisclosuresController];
export const exportProviders: Provider[] = [ExportBook, ExportJobs];
