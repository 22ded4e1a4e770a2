import type { Provider, Type } from '@nestjs/common';
import { AcknowledgeAlertHandler } from '../alerts/acknowledge-alert.js';
import { AlertBook } from '../alerts/alert-book.js';
import { AlertsController } from '../alerts/alerts.controller.js';
import { ConsentsController } from '../consents/consents.controller.js';
import { RecordConsentHandler } from '../consents/record-consent.js';
import { InstrumentRegistry, LibraryInstrumentRegistry } from '../instruments/instrument-registry.js';
import { InstrumentsController } from '../instruments/instruments.controller.js';
import { RescoreInstrumentHandler } from '../instruments/rescore-instrument.js';
import { Rescorer } from '../instruments/rescorer.js';
import { MilestonesController } from '../milestones/milestones.controller.js';
import { RecordMilestoneHandler } from '../milestones/record-milestone.js';
import { notificationProviders } from '../notifications/notification.providers.js';
import { MeasuresController } from './measures.controller.js';
import { ParticipantAccess } from './participant-access.js';
import { ParticipantWriter } from './participant-writer.js';
import { RecordMeasureHandler } from './record-measure.js';
import { VoidMeasureHandler } from './void-measure.js';

/**
 * The clinical record of issue 3 (instruments, measures, alerts, milestones, consents) as
 * one list of controllers and providers, so ApiModule mounts it with a two-line edit.
 */
export const clinicalControllers: Type[] = [InstrumentsController, MeasuresController, MilestonesController, ConsentsController, AlertsController];

export const clinicalProviders: Provider[] = [
  { provide: InstrumentRegistry, useClass: LibraryInstrumentRegistry },
  ...notificationProviders,
  AlertBook,
  ParticipantAccess,
  ParticipantWriter,
  Rescorer,
  RecordMeasureHandler,
  VoidMeasureHandler,
  RecordMilestoneHandler,
  RecordConsentHandler,
  AcknowledgeAlertHandler,
  RescoreInstrumentHandler,
];
