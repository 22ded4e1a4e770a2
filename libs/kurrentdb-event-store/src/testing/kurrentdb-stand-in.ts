import { type sendUnaryData, Server, type ServerReadableStream, type ServerWritableStream, ServerCredentials, status } from '@grpc/grpc-js';
import featuresGrpc from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_grpc_pb.js';
import streamsGrpc from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_grpc_pb.js';
import type streamsPb from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb.js';
import { randomUUID } from 'node:crypto';
import { StandInLog, type ProposedEvent, type StoredEvent } from './stand-in-log.js';
import {
  appendResponse,
  confirmationResponse,
  eventResponse,
  parseAppendHeader,
  parseProposed,
  parseReadRequest,
  type ReadRequest,
  streamNotFoundResponse,
} from './stand-in-wire.js';

type ReadCall = ServerWritableStream<InstanceType<typeof streamsPb.ReadReq>, InstanceType<typeof streamsPb.ReadResp>>;
type AppendCall = ServerReadableStream<InstanceType<typeof streamsPb.AppendReq>, InstanceType<typeof streamsPb.AppendResp>>;

const service = streamsGrpc.StreamsService;

/**
 * A minimal in-process KurrentDB speaking the real gRPC wire protocol, for running the
 * unmodified @kurrent/kurrentdb-client (and so the adapter's real wire path) where no server
 * can run (TESTING.md). Serves Streams.Append, Streams.Read (stream and $all reads, $all
 * catch-up subscriptions with filters) and answers ServerFeatures with UNIMPLEMENTED, which
 * makes the client fall back to those v1 calls. Every other method is UNIMPLEMENTED.
 *
 * `calls` records the path of every call, so a test can pin the exact set of methods the
 * client uses: a client upgrade that moves to other calls then fails loudly, not silently.
 */
export class KurrentDbStandIn {
  readonly calls: string[] = [];
  private readonly log = new StandInLog();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<KurrentDbStandIn> {
    const server = new Server();
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    const standIn = new KurrentDbStandIn(server, port);
    standIn.register();
    return standIn;
  }

  /** `discoveryInterval=10`: without it the first read waits ~500 ms (TESTING.md, measured). */
  get connectionString(): string {
    return `kurrentdb://127.0.0.1:${this.port}?tls=false&discoveryInterval=10`;
  }

  /** Drops every connection at once, as a crashed server would. */
  async stop(): Promise<void> {
    this.server.forceShutdown();
  }

  private register(): void {
    this.server.addService(service, {
      append: (call: AppendCall, callback: sendUnaryData<InstanceType<typeof streamsPb.AppendResp>>) => this.append(call, callback),
      read: (call: ReadCall) => this.read(call),
    });
    this.server.addService(featuresGrpc.ServerFeaturesService, {
      getSupportedMethods: (_call: unknown, callback: sendUnaryData<never>) => {
        this.calls.push(featuresGrpc.ServerFeaturesService.getSupportedMethods.path);
        callback({ code: status.UNIMPLEMENTED, details: 'the stand-in advertises no features' });
      },
    });
  }

  private append(call: AppendCall, callback: sendUnaryData<InstanceType<typeof streamsPb.AppendResp>>): void {
    this.calls.push(service.append.path);
    let header: ReturnType<typeof parseAppendHeader> | undefined;
    const proposed: ProposedEvent[] = [];
    call.on('data', (req: InstanceType<typeof streamsPb.AppendReq>) => {
      if (header) proposed.push(parseProposed(req));
      else header = parseAppendHeader(req);
    });
    call.on('end', () => {
      if (!header) return callback({ code: status.INVALID_ARGUMENT, details: 'append without options' });
      // Checked and written in one synchronous step: racing appends serialize here.
      callback(null, appendResponse(this.log.append(header.stream, header.expected, proposed), header.expected));
    });
  }

  private read(call: ReadCall): void {
    this.calls.push(service.read.path);
    const request = parseReadRequest(call.request);
    if (request.subscription) return this.subscribe(call, request);
    const { source } = request;
    let events: StoredEvent[];
    if (source.kind === 'stream') {
      // Forward from a revision (inclusive), as the adapter reads; a missing stream is "not found",
      // a revision past the end of an existing one is simply no events (as KurrentDB answers).
      const whole = this.log.stream(source.stream);
      if (whole.length === 0) {
        call.write(streamNotFoundResponse(source.stream));
        return void call.end();
      }
      events = whole.filter((e) => e.revision >= source.fromRevision);
    } else {
      events = source.from === 'end' || request.backwards ? this.log.allFrom('start') : this.log.allFrom(source.from);
      if (request.backwards && typeof source.from === 'bigint') events = events.filter((e) => e.position <= (source.from as bigint));
    }
    if (request.backwards) events = [...events].reverse();
    for (const event of events.filter(request.matches).slice(0, request.maxCount)) call.write(eventResponse(event, request.structuredIds));
    call.end();
  }

  private subscribe(call: ReadCall, request: ReadRequest): void {
    if (request.source.kind !== 'all') {
      return void call.emit('error', { code: status.UNIMPLEMENTED, details: 'the stand-in serves $all subscriptions only' });
    }
    call.write(confirmationResponse(randomUUID()));
    const send = (event: StoredEvent) => {
      if (request.matches(event)) call.write(eventResponse(event, request.structuredIds));
    };
    // Catch-up and the switch to live run in one synchronous step, so no append falls between.
    this.log.allAfter(request.source.from).forEach(send);
    const unsubscribe = this.log.onAppend(send);
    call.on('cancelled', unsubscribe);
    call.on('close', unsubscribe);
  }
}
