import { NameStaffMemberHandler } from './name-staff-member.js';
import { StaffController } from './staff.controller.js';
import { StaffDirectory } from './staff-directory.js';

/** The staff directory's part of ApiModule (app.module.ts). */
export const staffControllers = [StaffController];
export const staffProviders = [StaffDirectory, NameStaffMemberHandler];
