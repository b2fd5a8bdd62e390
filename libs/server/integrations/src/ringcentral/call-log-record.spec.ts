import { describe, expect, it } from 'vitest';
import { readCallLogPage, readCallLogRecord } from './call-log-record';

/** The record of vendor-webhooks.md §2.6. */
const documented = {
  uri: 'https://platform.ringcentral.com/restapi/v1.0/account/809646016/extension/62242421016/call-log/ASaxDDkSZ5s42MA?view=Simple',
  id: 'ASaxDDkSZ5s42MA',
  sessionId: '429180487016',
  telephonySessionId: 's-718107795d564867a6f635fd81e89940',
  startTime: '2025-05-12T14:05:40.000Z',
  duration: 55,
  type: 'Voice',
  direction: 'Inbound',
  action: 'Phone Call',
  result: 'Accepted',
  to: { phoneNumber: '+18003151571', name: 'Support Agent 1' },
  from: { phoneNumber: '+14083388064', name: 'SAN JOSE CA', location: 'San Jose, CA' },
  recording: {
    uri: 'https://platform.ringcentral.com/restapi/v1.0/account/809646016/recording/1662272004',
    id: '1662272004',
    type: 'OnDemand',
    contentUri: 'https://media.ringcentral.com/restapi/v1.0/account/809646016/recording/1662272004/content',
  },
};

describe('readCallLogRecord', () => {
  it('reads the documented record', () => {
    expect(readCallLogRecord(documented)).toEqual({
      id: 'ASaxDDkSZ5s42MA',
      sessionId: '429180487016',
      telephonySessionId: 's-718107795d564867a6f635fd81e89940',
      startTime: '2025-05-12T14:05:40.000Z',
      duration: 55,
      direction: 'Inbound',
      action: 'Phone Call',
      result: 'Accepted',
      to: { phoneNumber: '+18003151571', name: 'Support Agent 1' },
      from: { phoneNumber: '+14083388064', name: 'SAN JOSE CA', location: 'San Jose, CA' },
      recording: {
        id: '1662272004',
        type: 'OnDemand',
        contentUri:
          'https://media.ringcentral.com/restapi/v1.0/account/809646016/recording/1662272004/content',
      },
    });
  });

  it('accepts numeric ids and a record without recording or parties', () => {
    const record = readCallLogRecord({
      ...documented,
      id: 7_001,
      recording: undefined,
      from: undefined,
      to: { extensionId: 62242421016 },
    });
    expect(record).toMatchObject({ id: '7001', to: { extensionId: '62242421016' } });
    expect(record?.recording).toBeUndefined();
    expect(record?.from).toBeUndefined();
  });

  it('leaves out what the platform cannot use', () => {
    expect(readCallLogRecord({ ...documented, telephonySessionId: undefined })).toBeUndefined();
    expect(readCallLogRecord({ ...documented, duration: '55' })).toBeUndefined();
    expect(readCallLogRecord('ASaxDDkSZ5s42MA')).toBeUndefined();
    expect(readCallLogRecord({ ...documented, recording: { id: '1' } })?.recording).toBeUndefined();
  });
});

describe('readCallLogPage', () => {
  it('keeps usable records and the next page link', () => {
    const page = readCallLogPage({
      records: [documented, { id: 'fax', type: 'Fax' }],
      navigation: {
        nextPage: { uri: 'https://platform.ringcentral.com/restapi/v1.0/account/1/call-log?page=2' },
      },
    });
    expect(page?.records.map((record) => record.id)).toEqual(['ASaxDDkSZ5s42MA']);
    expect(page?.nextPageUri).toBe('https://platform.ringcentral.com/restapi/v1.0/account/1/call-log?page=2');
  });

  it('has no next page on the last one, and refuses an answer without records', () => {
    expect(readCallLogPage({ records: [], navigation: {} })).toEqual({ records: [], nextPageUri: undefined });
    expect(readCallLogPage({ errorCode: 'CMN-101' })).toBeUndefined();
    expect(readCallLogPage(undefined)).toBeUndefined();
  });
});
