import { describe, expect, it } from 'vitest';
import { CHANNELS, CORE_CHANNELS } from '../../../shared/api/channels';
import { contract } from '../../../shared/api/contract';
import { mergeNames, mergeTables } from '../../../shared/api/merge';

describe('merging the per-feature API tables', () => {
  it('joins channel-name lists in order', () => {
    expect(mergeNames('channel-name lists', ['a.one', 'a.two'], ['b.one'])).toEqual(['a.one', 'a.two', 'b.one']);
  });

  it('throws, naming the channel, when two lists have the same name', () => {
    expect(() => mergeNames('channel-name lists', ['claims.create', 'claims.update'], ['reports.export', 'claims.update'])).toThrow(
      'The channel “claims.update” is in more than one of the channel-name lists.',
    );
    expect(() => mergeNames('channel-name lists', ['twice', 'twice'])).toThrow(/“twice”/);
  });

  it('joins tables, keeping every entry', () => {
    const first = { 'a.one': 1, 'a.two': 2 } as const;
    const second = { 'b.one': 3 } as const;
    const merged = mergeTables('contract tables', first, second);
    expect(merged).toEqual({ 'a.one': 1, 'a.two': 2, 'b.one': 3 });
    expect(merged['b.one']).toBe(3);
  });

  it('throws, naming the channel, when two tables define the same name', () => {
    const core = { 'projects.get': () => 'core', 'projects.list': () => 'core' };
    const feature = { 'reports.preview': () => 'feature', 'projects.get': () => 'feature' };
    expect(() => mergeTables('API handler tables', core, feature)).toThrow(
      'The channel “projects.get” is in more than one of the API handler tables.',
    );
    // Even a name whose entry is undefined in the first table counts as defined.
    expect(() => mergeTables('contract tables', { x: undefined }, { x: 1 })).toThrow(/“x”/);
  });

  it('gives the app one list of distinct channels, each with a contract entry', () => {
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length);
    expect(CHANNELS.slice(0, CORE_CHANNELS.length)).toEqual([...CORE_CHANNELS]);
    expect(Object.keys(contract).sort()).toEqual([...CHANNELS].sort());
  });
});
