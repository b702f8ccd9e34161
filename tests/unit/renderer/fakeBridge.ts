/**
 * A fake of the preload's `window.factcheck` bridge: the renderer's network boundary. It records
 * every call and answers with what the test scripted for the channel, as main would (the
 * { ok, value | error } envelope). Import this module before anything from renderer/, so that
 * renderer/api picks it up as its transport when it is first loaded.
 */
import type { FactcheckBridge } from '../../../shared/api/bridge';
import type { Channel, EventChannel } from '../../../shared/api/channels';
import type { EventPayload, RequestOf, ResponseOf } from '../../../shared/api/contract';
import type { ApiError, ApiResult } from '../../../shared/api/result';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings';

type Answer<C extends Channel> = (request: RequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;

/** Thrown by an answer: the call fails with this API error, as a refused request does in main. */
export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}
export const refuse = (code: ApiError['code'], message: string, field?: string): never => {
  throw new ApiFailure(field ? { code, message, field } : { code, message });
};

/**
 * Reads the window makes in the background, whatever the test is about, answered as an empty
 * library would unless the test scripts them: the date format (renderer/format/useDateFormat.ts),
 * whether a project has a backup to restore (components/ProjectActions.tsx), and a source's evidence.
 */
const BACKGROUND_ANSWERS: Partial<Record<Channel, Answer<Channel>>> = {
  'settings.get': () => DEFAULT_SETTINGS,
  'projectFiles.backups': () => [],
  // A source's evidence and its queued captures (workbench/SourceEvidence.tsx).
  'attachments.list': () => [],
  'attachments.captureQueue': () => [],
} as Partial<Record<Channel, Answer<Channel>>>;

export interface RecordedCall {
  channel: Channel;
  request: unknown;
}

export class FakeBridge implements FactcheckBridge {
  /** Every call, in order, with a copy of its request. */
  readonly calls: RecordedCall[] = [];
  /** Channels called that the test gave no answer for (they fail with unknown_channel). */
  readonly unanswered: Channel[] = [];
  private readonly answers = new Map<Channel, Answer<Channel>>();
  private readonly listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();

  /** How main answers `channel` from now on. An answer that throws something else than ApiFailure
   * makes the call itself fail (main unreachable). */
  answer<C extends Channel>(channel: C, answer: Answer<C>): this {
    this.answers.set(channel, answer as unknown as Answer<Channel>);
    return this;
  }

  /** The requests sent on one channel, in order. */
  requests<C extends Channel>(channel: C): RequestOf<C>[] {
    return this.calls.filter((call) => call.channel === channel).map((call) => call.request as RequestOf<C>);
  }

  channels(): Channel[] {
    return this.calls.map((call) => call.channel);
  }

  /** Forgets the calls, the answers and the listeners (between tests). */
  reset(): void {
    this.calls.length = 0;
    this.unanswered.length = 0;
    this.answers.clear();
    this.listeners.clear();
  }

  async invoke(channel: Channel, request: unknown): Promise<ApiResult<unknown>> {
    this.calls.push({ channel, request: structuredClone(request) });
    const answer = this.answers.get(channel) ?? BACKGROUND_ANSWERS[channel];
    if (!answer) {
      this.unanswered.push(channel);
      return {
        ok: false,
        error: { code: 'unknown_channel', message: `The test gave no answer for ${channel}.` },
      };
    }
    try {
      return { ok: true, value: await answer(request as RequestOf<Channel>) };
    } catch (error) {
      if (error instanceof ApiFailure) return { ok: false, error: error.error };
      throw error;
    }
  }

  on(eventName: EventChannel, listener: (payload: unknown) => void): () => void {
    const set = this.listeners.get(eventName) ?? new Set();
    this.listeners.set(eventName, set);
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Main pushes an event. */
  emit<E extends EventChannel>(eventName: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.get(eventName) ?? []) listener(payload);
  }
}

export const bridge = new FakeBridge();
window.factcheck = bridge;
