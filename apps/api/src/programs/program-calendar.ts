import { Injectable } from '@nestjs/common';
import { streams } from '#libs/events';
import { Clock, dateInTimeZone } from '#libs/system';
import { StreamExecutor } from '../commands/stream-executor.js';
import { CLOCK_SKEW_MS } from '../shared/dates.js';
import { programDecider, type ProgramState } from './program.decider.js';

export type ExistingProgram = Extract<ProgramState, { exists: true }>;

/** Loads a program of the caller's organization and answers "which day is it there". */
@Injectable()
export class ProgramCalendar {
  constructor(
    private readonly executor: StreamExecutor,
    private readonly clock: Clock,
  ) {}

  async load(programId: string, org: string): Promise<ExistingProgram> {
    return (await this.executor.loadExisting(streams.program(programId), programDecider, org, 'program', programId)) as ExistingProgram;
  }

  /** The latest calendar date a fact may carry in this program's zone (now plus clock skew). */
  latestAllowedDate(program: ExistingProgram): string {
    return dateInTimeZone(new Date(this.clock.now().getTime() + CLOCK_SKEW_MS), program.timeZone);
  }
}
