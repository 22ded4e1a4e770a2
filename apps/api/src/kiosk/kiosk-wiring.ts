import type { Provider, Type } from '@nestjs/common';
import { KioskBook } from './kiosk-book.js';
import { KioskController } from './kiosk.controller.js';
import { KioskGuard } from './kiosk.guard.js';

/** Session kiosk (issue 8) for ApiModule: self-report on a tablet through short-lived codes. */
export const kioskControllers: Type[] = [KioskController];
export const kioskProviders: Provider[] = [KioskBook, KioskGuard];
