/**
 * Translation between the stand-in's log and the protobuf messages of the client package's
 * own generated stubs. No .proto files ship in @kurrent/kurrentdb-client 1.3.1 (TESTING.md),
 * so these internal paths are pinned with the client's exact version.
 */
import sharedPb from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb.js';
import streamsPb from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb.js';
import type { AppendOutcome, ProposedEvent, StoredEvent, WireExpectation } from './stand-in-log.js';

type ReadReq = InstanceType<typeof streamsPb.ReadReq>;
type AppendReq = InstanceType<typeof streamsPb.AppendReq>;
type ReadResp = InstanceType<typeof streamsPb.ReadResp>;
type AppendResp = InstanceType<typeof streamsPb.AppendResp>;

export type ReadSource =
  | { readonly kind: 'stream'; readonly stream: string; readonly fromRevision: number }
  | { readonly kind: 'all'; readonly from: bigint | 'start' | 'end' };

export interface ReadRequest {
  readonly source: ReadSource;
  readonly backwards: boolean;
  readonly maxCount: number;
  readonly subscription: boolean;
  readonly structuredIds: boolean;
  readonly matches: (event: StoredEvent) => boolean;
}

export function parseReadRequest(req: ReadReq): ReadRequest {
  const options = req.getOptions();
  if (!options) throw new Error('ReadReq without options');
  const all = options.getAll();
  const source: ReadSource = options.hasStream()
    ? streamSource(options.getStream()!)
    : { kind: 'all', from: all?.hasPosition() ? BigInt(all.getPosition()!.getCommitPosition()) : all?.hasEnd() ? 'end' : 'start' };
  return {
    source,
    backwards: options.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS,
    maxCount: options.hasCount() ? Number(options.getCount()) : Number.MAX_SAFE_INTEGER,
    subscription: options.hasSubscription(),
    structuredIds: options.getUuidOption()?.hasStructured() ?? false,
    matches: filterOf(options.getFilter()),
  };
}

function filterOf(filter: InstanceType<typeof streamsPb.ReadReq.Options.FilterOptions> | undefined): (event: StoredEvent) => boolean {
  const expression = filter?.getEventType() ?? filter?.getStreamIdentifier();
  if (!filter || !expression) return () => true;
  const field = (event: StoredEvent) => (filter.hasEventType() ? event.type : event.stream);
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  const prefixes = expression.getPrefixList();
  return (event) => (regex ? regex.test(field(event)) : prefixes.some((p) => field(event).startsWith(p)));
}

/** A stream read starts at a revision (inclusive) or at the start; the adapter never reads from the end. */
function streamSource(stream: InstanceType<typeof streamsPb.ReadReq.Options.StreamOptions>): ReadSource {
  return { kind: 'stream', stream: streamName(stream.getStreamIdentifier()), fromRevision: stream.hasRevision() ? Number(stream.getRevision()) : 0 };
}

function streamName(identifier: InstanceType<typeof sharedPb.StreamIdentifier> | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

export function parseAppendHeader(req: AppendReq): { stream: string; expected: WireExpectation } {
  const options = req.getOptions();
  if (!options) throw new Error('AppendReq must start with options');
  const expected: WireExpectation = options.hasRevision()
    ? { kind: 'revision', revision: Number(options.getRevision()) }
    : options.hasNoStream()
      ? { kind: 'no_stream' }
      : options.hasStreamExists()
        ? { kind: 'stream_exists' }
        : { kind: 'any' };
  return { stream: streamName(options.getStreamIdentifier()), expected };
}

export function parseProposed(req: AppendReq): ProposedEvent {
  const message = req.getProposedMessage();
  if (!message) throw new Error('AppendReq after the header must carry a proposed message');
  const metadata = message.getMetadataMap();
  return {
    id: message.getId()?.getString() ?? '',
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

export function appendResponse(outcome: AppendOutcome, expected: WireExpectation): AppendResp {
  const response = new streamsPb.AppendResp();
  const empty = () => new sharedPb.Empty();
  if (outcome.kind === 'success') {
    const success = new streamsPb.AppendResp.Success();
    success.setCurrentRevision(String(outcome.revision));
    if (outcome.position === undefined) success.setNoPosition(empty());
    else success.setPosition(new streamsPb.AppendResp.Position().setCommitPosition(String(outcome.position)).setPreparePosition(String(outcome.position)));
    return response.setSuccess(success);
  }
  const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
  if (outcome.current === undefined) wrong.setCurrentNoStream(empty());
  else wrong.setCurrentRevision(String(outcome.current));
  if (expected.kind === 'revision') wrong.setExpectedRevision(String(expected.revision));
  else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(empty());
  else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(empty());
  else wrong.setExpectedAny(empty());
  return response.setWrongExpectedVersion(wrong);
}

function uuid(id: string, structured: boolean): InstanceType<typeof sharedPb.UUID> {
  const result = new sharedPb.UUID();
  if (!structured) return result.setString(id);
  // Structured UUIDs carry the two halves as signed 64-bit integers (strings: jstype = JS_STRING).
  const hex = id.replace(/-/g, '');
  const half = (part: string) => BigInt.asIntN(64, BigInt(`0x${part}`)).toString();
  return result.setStructured(new sharedPb.UUID.Structured().setMostSignificantBits(half(hex.slice(0, 16))).setLeastSignificantBits(half(hex.slice(16))));
}

export function eventResponse(event: StoredEvent, structuredIds: boolean): ReadResp {
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent()
    .setId(uuid(event.id, structuredIds))
    .setStreamIdentifier(new sharedPb.StreamIdentifier().setStreamName(Buffer.from(event.stream, 'utf8')))
    .setStreamRevision(String(event.revision))
    .setCommitPosition(String(event.position))
    .setPreparePosition(String(event.position))
    .setData(event.data)
    .setCustomMetadata(event.customMetadata);
  const metadata = recorded.getMetadataMap();
  metadata.set('type', event.type);
  metadata.set('content-type', event.contentType);
  metadata.set('created', String(event.created));
  const read = new streamsPb.ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(String(event.position));
  return new streamsPb.ReadResp().setEvent(read);
}

export function streamNotFoundResponse(stream: string): ReadResp {
  const notFound = new streamsPb.ReadResp.StreamNotFound().setStreamIdentifier(new sharedPb.StreamIdentifier().setStreamName(Buffer.from(stream, 'utf8')));
  return new streamsPb.ReadResp().setStreamNotFound(notFound);
}

export function confirmationResponse(subscriptionId: string): ReadResp {
  return new streamsPb.ReadResp().setConfirmation(new streamsPb.ReadResp.SubscriptionConfirmation().setSubscriptionId(subscriptionId));
}
