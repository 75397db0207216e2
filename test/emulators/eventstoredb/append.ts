import { status, type sendUnaryData, type ServerReadableStream, type ServiceError } from '@grpc/grpc-js';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { AppendReq, AppendResp } from '@eventstore/db-client/generated/streams_pb';
import type { CommitOutcome, EmulatedLog, ExpectedVersion, ProposedEvent } from './log';
import { invalidArgument, parseUuid, serverError, streamName } from './wire';

/** EventStoreDB's default for the bytes of one append (MaxAppendSize). */
export const MAX_APPEND_SIZE = 1024 * 1024;

/**
 * Streams.Append: a client stream of one options message, then one proposed message per
 * event; one answer when the client ends its side. A refused expectation is an answer
 * (wrong_expected_version), not an error status, as on the real server.
 */
export function appendHandler(log: EmulatedLog) {
  return (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void => {
    let options: { streamId: string; expected: ExpectedVersion; answer: (o: CommitOutcome) => AppendResp } | undefined;
    const events: ProposedEvent[] = [];
    let size = 0;
    let failed = false;
    const fail = (error: ServiceError): void => {
      if (failed) return;
      failed = true;
      // The rest of the client's messages are read and dropped: the answer is given.
      callback(error);
    };
    call.on('data', (request: AppendReq) => {
      if (failed) return;
      try {
        if (!options) {
          const header = request.getOptions();
          if (!header) throw invalidArgument('the first message of an append must be its options');
          const expected = expectedVersion(header);
          options = { streamId: streamName(header.getStreamIdentifier()), expected, answer: (o) => answer(header, o) };
          return;
        }
        const proposed = request.getProposedMessage();
        if (!proposed) throw invalidArgument('after the options, an append carries proposed messages only');
        const event = toProposedEvent(proposed);
        size += event.data.length + event.metadata.length + Buffer.byteLength(event.type);
        if (size > MAX_APPEND_SIZE) {
          throw serverError(status.INVALID_ARGUMENT, `Maximum Append Size of ${MAX_APPEND_SIZE} Exceeded.`, {
            exception: 'maximum-append-size-exceeded',
            'maximum-append-size': String(MAX_APPEND_SIZE),
          });
        }
        events.push(event);
      } catch (error) {
        fail(error as ServiceError);
      }
    });
    call.on('error', () => {
      failed = true;
    });
    call.on('end', () => {
      if (failed) return;
      if (!options) return fail(invalidArgument('an append needs its options'));
      callback(null, options.answer(log.append(options.streamId, options.expected, events)));
    });
  };
}

function expectedVersion(options: AppendReq.Options): ExpectedVersion {
  switch (options.getExpectedStreamRevisionCase()) {
    case AppendReq.Options.ExpectedStreamRevisionCase.REVISION:
      return { kind: 'revision', revision: Number(options.getRevision()) };
    case AppendReq.Options.ExpectedStreamRevisionCase.NO_STREAM:
      return { kind: 'no_stream' };
    case AppendReq.Options.ExpectedStreamRevisionCase.ANY:
      return { kind: 'any' };
    case AppendReq.Options.ExpectedStreamRevisionCase.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    default:
      throw invalidArgument('an append needs an expected stream revision');
  }
}

function toProposedEvent(message: AppendReq.ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  for (const required of ['type', 'content-type']) {
    if (!metadata.get(required)) {
      throw serverError(status.INVALID_ARGUMENT, `Required metadata property ${required} is missing`, {
        exception: 'missing-required-metadata-property',
        'required-metadata-properties': required,
      });
    }
  }
  return {
    id: parseUuid(message.getId()),
    type: metadata.get('type') as string,
    contentType: metadata.get('content-type') as string,
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

/** The answer, field by field as the server fills it, the pre-20.6 duplicates of each field included. */
function answer(options: AppendReq.Options, outcome: CommitOutcome): AppendResp {
  if (outcome.kind === 'success') {
    const success = new AppendResp.Success();
    if (outcome.last) {
      const at = outcome.last.position.toString();
      success.setCurrentRevision(outcome.last.revision.toString());
      success.setPosition(new AppendResp.Position().setCommitPosition(at).setPreparePosition(at));
    } else {
      success.setNoStream(new Empty()).setNoPosition(new Empty());
    }
    return new AppendResp().setSuccess(success);
  }
  const wrong = new AppendResp.WrongExpectedVersion();
  switch (options.getExpectedStreamRevisionCase()) {
    case AppendReq.Options.ExpectedStreamRevisionCase.ANY:
      wrong.setExpectedAny(new Empty()).setAny2060(new Empty());
      break;
    case AppendReq.Options.ExpectedStreamRevisionCase.STREAM_EXISTS:
      wrong.setExpectedStreamExists(new Empty()).setStreamExists2060(new Empty());
      break;
    case AppendReq.Options.ExpectedStreamRevisionCase.NO_STREAM:
      // The server also puts 2^64-1 in expected_revision_2060 here; a JS number cannot carry it.
      wrong.setExpectedNoStream(new Empty());
      break;
    default:
      wrong.setExpectedRevision(options.getRevision()).setExpectedRevision2060(Number(options.getRevision()));
  }
  if (outcome.current < 0) wrong.setCurrentNoStream(new Empty()).setNoStream2060(new Empty());
  else wrong.setCurrentRevision(outcome.current.toString()).setCurrentRevision2060(outcome.current);
  return new AppendResp().setWrongExpectedVersion(wrong);
}
