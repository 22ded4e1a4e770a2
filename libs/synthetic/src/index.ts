/**
 * libs/synthetic — synthetic organizations for demos, tests and benchmarks. No real patient
 * data: people, names and scores are generated from a seed.
 *
 * Exports:
 * - `generateCohort(options: CohortOptions): ApiRequest[]` and the lazy `cohortRequests(options)`:
 *   the ordered write requests (API.md) that build an organization; pure and deterministic.
 * - `seedThroughHttp(baseUrl, requests, {concurrency?}): Promise<SeedResult>` sends them with
 *   dev tokens, lanes in parallel, each lane in order; rejects with `SeedFailed` on any non-2xx.
 * - `DEMO_OPTIONS`: the `demo` organization (add `today`).
 * - `PROGRAM_TEMPLATES`, `ORGANIZATION_LANE`, `lastGeneratedDay(today)`, `addDays`, `daysBetween`.
 * - `cohortAppends(options): Generator<StreamAppend>`: the same organization as the events the api
 *   would append (`{ stream, events: NewEvent[] }`), identifiers as `fakeCipher` markers.
 * - `writeCohortEvents(options, { eventStore?, project?, batchEvents?, onProgress? }): Promise<WriteProgress>`
 *   writes them straight into an EventStore and/or a projector's handleBatch, in big batches (benchmarks).
 * - Types: CohortOptions, IncludeOptions, ApiRequest, RequestKind, Actor, Role, ProgramTemplate, SeedResult.
 */
export { cohortRequests, generateCohort, lastGeneratedDay } from './cohort.js';
export { seedThroughHttp, SeedFailed, type SeedOptions, type SeedResult } from './seed-http.js';
export { DEMO_OPTIONS } from './demo.js';
export { PROGRAM_TEMPLATES } from './programs.js';
export { addDays, daysBetween } from './dates.js';
export { ORGANIZATION_LANE, type Actor, type ApiRequest, type CohortOptions, type IncludeOptions, type ProgramKind, type ProgramTemplate, type RequestKind, type Role } from './requests.js';
export { cohortAppends, writeCohortEvents, type StoreWriteOptions, type WriteProgress } from './cohort-events.js';
export { fakeCipher, RequestTranslator, type StreamAppend } from './request-events.js';
