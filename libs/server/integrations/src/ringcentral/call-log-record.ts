import {
  idField,
  isJsonObject,
  numberField,
  objectField,
  stringField,
  type JsonObject,
} from '../outbound/json-fields';

/** One side of a call as the call log shows it; `phoneNumber` may be formatted or not. */
export interface CallLogParty {
  phoneNumber?: string;
  extensionNumber?: string;
  extensionId?: string;
  name?: string;
  location?: string;
}

export interface CallLogRecording {
  id: string;
  contentUri: string;
  /** `Automatic` | `OnDemand`. */
  type?: string;
}

/** The fields of a RingCentral call-log record the platform uses (vendor-webhooks.md §2.6). */
export interface CallLogRecord {
  id: string;
  sessionId?: string;
  telephonySessionId: string;
  startTime: string;
  /** Seconds. */
  duration: number;
  /** `Inbound` | `Outbound`. */
  direction: string;
  /** Human-readable, with spaces: `Phone Call`, `VoIP Call`, `Transfer`, … */
  action?: string;
  /** `Accepted`, `Call connected`, `Missed`, `Voicemail`, … */
  result: string;
  reason?: string;
  from?: CallLogParty;
  to?: CallLogParty;
  recording?: CallLogRecording;
}

export interface CallLogPage {
  records: CallLogRecord[];
  /** `navigation.nextPage.uri`, absent on the last page. */
  nextPageUri?: string;
}

function readParty(party: JsonObject | undefined): CallLogParty | undefined {
  if (!party) return undefined;
  return {
    phoneNumber: stringField(party, 'phoneNumber'),
    extensionNumber: stringField(party, 'extensionNumber'),
    extensionId: idField(party, 'extensionId'),
    name: stringField(party, 'name'),
    location: stringField(party, 'location'),
  };
}

function readRecording(recording: JsonObject | undefined): CallLogRecording | undefined {
  const id = recording && idField(recording, 'id');
  const contentUri = recording && stringField(recording, 'contentUri');
  if (!recording || !id || !contentUri) return undefined;
  return { id, contentUri, type: stringField(recording, 'type') };
}

/** A record the platform can use, or undefined (a fax has no telephony session, for one). */
export function readCallLogRecord(value: unknown): CallLogRecord | undefined {
  if (!isJsonObject(value)) return undefined;
  const id = idField(value, 'id');
  const telephonySessionId = stringField(value, 'telephonySessionId');
  const startTime = stringField(value, 'startTime');
  const duration = numberField(value, 'duration');
  const direction = stringField(value, 'direction');
  const result = stringField(value, 'result');
  if (!id || !telephonySessionId || !startTime || duration === undefined || !direction || !result) {
    return undefined;
  }
  return {
    id,
    sessionId: idField(value, 'sessionId'),
    telephonySessionId,
    startTime,
    duration,
    direction,
    action: stringField(value, 'action'),
    result,
    reason: stringField(value, 'reason'),
    from: readParty(objectField(value, 'from')),
    to: readParty(objectField(value, 'to')),
    recording: readRecording(objectField(value, 'recording')),
  };
}

/** A `GET …/call-log` answer; undefined when it has no `records` list at all. */
export function readCallLogPage(body: unknown): CallLogPage | undefined {
  const list: unknown = isJsonObject(body) ? body['records'] : undefined;
  if (!isJsonObject(body) || !Array.isArray(list)) return undefined;
  const records = (list as unknown[])
    .map(readCallLogRecord)
    .filter((record): record is CallLogRecord => record !== undefined);
  const navigation = objectField(body, 'navigation');
  const nextPage = navigation && objectField(navigation, 'nextPage');
  return { records, nextPageUri: nextPage && stringField(nextPage, 'uri') };
}
