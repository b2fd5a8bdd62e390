import { type JobQueue, MetricsService, QueueUnavailableError } from '@ccp/server-platform';
import { waitFor } from '@ccp/server-testing';
import { describe, expect, it } from 'vitest';
import type { InboxRepository, NewInboxEvent, StoredInboxEvent } from './inbox.repository';
import { InboxWriter } from './inbox-writer';
import type { OutboxCleanup } from './outbox-cleanup';

/** A statement the test finishes by hand, so what waits behind it is under the test's control. */
interface HeldStatement {
  keys: string[];
  finish: () => void;
  fail: (error: unknown) => void;
}

/** Stand-ins for PostgreSQL, Redis and the cleanup: the writer's coordination is what is tested. */
class Harness {
  readonly statements: HeldStatement[] = [];
  readonly stored = new Set<string>();
  readonly jobs: string[][] = [];
  readonly cleanedUp: string[] = [];
  queueDown = false;
  /** Set: the queue takes jobs but answers only when the test calls it. */
  queueAnswer: Promise<void> | undefined;

  readonly writer: InboxWriter;

  constructor() {
    const inbox: Pick<InboxRepository, 'storeMany'> = {
      storeMany: (events) =>
        new Promise<StoredInboxEvent[]>((resolve, reject) => {
          this.statements.push({
            keys: events.map((event) => event.eventKey),
            finish: () =>
              resolve(
                events.map((event) => {
                  const inserted = !this.stored.has(event.eventKey);
                  this.stored.add(event.eventKey);
                  return { id: `id-${event.eventKey}`, eventKey: event.eventKey, inserted };
                }),
              ),
            fail: reject,
          });
        }),
    };
    const queue: Pick<JobQueue, 'addBulk'> = {
      addBulk: async (name, jobs) => {
        if (this.queueDown)
          throw new QueueUnavailableError('webhooks.process', new Error('connection refused'));
        this.jobs.push(jobs.map((job) => ('eventKey' in job.payload ? job.payload.eventKey : name)));
        await this.queueAnswer;
      },
    };
    const cleanup: Pick<OutboxCleanup, 'schedule'> = { schedule: (id) => this.cleanedUp.push(id) };
    this.writer = new InboxWriter(
      inbox as InboxRepository,
      queue as JobQueue,
      cleanup as OutboxCleanup,
      new MetricsService(),
    );
  }

  store(eventKey: string, status: NewInboxEvent['status'] = 'received'): Promise<StoredInboxEvent> {
    return this.writer.store({ vendor: 'livechat', eventKey, type: 'incoming_event', status, rawBody: '{}' });
  }

  /** The statement at `index` once it has been sent (the writer sends on a later tick after a failure). */
  async statement(index: number): Promise<HeldStatement> {
    for (let turn = 0; turn < 100 && !this.statements[index]; turn++) await Promise.resolve();
    const statement = this.statements[index];
    if (!statement)
      throw new Error(`statement ${index} was never sent; sent: ${JSON.stringify(this.statements)}`);
    return statement;
  }
}

const refusedRow = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
  code: '22021',
});
const connectionLost = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
  code: 'ECONNREFUSED',
});

describe('InboxWriter', () => {
  it('sends a webhook at once while a statement slot is free', () => {
    const harness = new Harness();
    void harness.store('a');
    void harness.store('b');
    expect(harness.statements.map((statement) => statement.keys)).toEqual([['a'], ['b']]);
  });

  it('gathers what arrives while the slots are busy into the next statement, and answers each', async () => {
    const harness = new Harness();
    const answers = ['a', 'b', 'c', 'd', 'e'].map((key) => harness.store(key));
    expect(harness.statements).toHaveLength(2);

    (await harness.statement(0)).finish();
    expect((await harness.statement(2)).keys).toEqual(['c', 'd', 'e']);
    (await harness.statement(1)).finish();
    (await harness.statement(2)).finish();

    const stored = await Promise.all(answers);
    expect(stored.map((row) => [row.eventKey, row.inserted])).toEqual([
      ['a', true],
      ['b', true],
      ['c', true],
      ['d', true],
      ['e', true],
    ]);
    expect(harness.jobs).toEqual([['a'], ['b'], ['c', 'd', 'e']]);
    await waitFor('every outbox row handed to the cleanup', () => harness.cleanedUp.length === 5);
    expect(harness.cleanedUp).toEqual(['id-a', 'id-b', 'id-c', 'id-d', 'id-e']);
  });

  it('queues jobs only for new events to process, not for duplicates or ignored ones', async () => {
    const harness = new Harness();
    harness.stored.add('seen');
    const answers = [harness.store('first'), harness.store('second')];
    const later = [harness.store('seen'), harness.store('ignored', 'ignored'), harness.store('new')];
    for (const index of [0, 1, 2]) (await harness.statement(index)).finish();
    await Promise.all([...answers, ...later]);
    expect(harness.jobs).toEqual([['first'], ['second'], ['new']]);
  });

  it('fails only the webhook whose row the database refuses', async () => {
    const harness = new Harness();
    const blockers = [harness.store('x'), harness.store('y')];
    const answers = ['good-1', 'bad', 'good-2'].map((key) => harness.store(key));
    (await harness.statement(0)).finish();
    (await harness.statement(2)).fail(refusedRow);

    // One by one now: the good rows are stored, the refused one is refused again.
    const [good1, bad, good2] = [
      await harness.statement(3),
      await harness.statement(4),
      await harness.statement(5),
    ];
    expect([good1.keys, bad.keys, good2.keys]).toEqual([['good-1'], ['bad'], ['good-2']]);
    good1.finish();
    bad.fail(refusedRow);
    good2.finish();
    (await harness.statement(1)).finish();

    await expect(answers[0]).resolves.toMatchObject({ eventKey: 'good-1', inserted: true });
    await expect(answers[1]).rejects.toBe(refusedRow);
    await expect(answers[2]).resolves.toMatchObject({ eventKey: 'good-2', inserted: true });
    await Promise.all(blockers);
  });

  it('fails every webhook of a statement at once when the database is unreachable', async () => {
    const harness = new Harness();
    const blockers = [harness.store('x'), harness.store('y')];
    const answers = ['a', 'b'].map((key) => harness.store(key));
    (await harness.statement(0)).finish();
    (await harness.statement(2)).fail(connectionLost);
    for (const answer of answers) await expect(answer).rejects.toBe(connectionLost);
    (await harness.statement(1)).finish();
    await Promise.all(blockers);
    expect(harness.statements).toHaveLength(3);
  });

  it('acknowledges a webhook once it is stored, without waiting for the queue to answer', async () => {
    const harness = new Harness();
    let answerQueue = (): void => undefined;
    harness.queueAnswer = new Promise((resolve) => (answerQueue = resolve));
    const answer = harness.store('a');
    (await harness.statement(0)).finish();
    await expect(answer).resolves.toMatchObject({ eventKey: 'a', inserted: true });
    expect(harness.jobs).toEqual([['a']]);
    expect(harness.cleanedUp).toEqual([]);

    answerQueue();
    await waitFor('its outbox row handed to the cleanup', () => harness.cleanedUp.length > 0);
    expect(harness.cleanedUp).toEqual(['id-a']);
  });

  it('acknowledges stored webhooks while the queue is down and leaves their outbox rows to the relay', async () => {
    const harness = new Harness();
    harness.queueDown = true;
    const answer = harness.store('a');
    (await harness.statement(0)).finish();
    await expect(answer).resolves.toMatchObject({ eventKey: 'a', inserted: true });
    expect(harness.cleanedUp).toEqual([]);
  });
});
