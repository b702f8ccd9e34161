/**
 * What main answers about earlier checks when a test is not about them: the claim editor shows the
 * "Checked before" panel (renderer/workbench/CheckedBefore.tsx), which asks for them and for the
 * claim's links as soon as a claim is open.
 */
import type { FakeBridge } from './fakeBridge';

export function answerNoEarlierChecks(bridge: FakeBridge): FakeBridge {
  return bridge
    .answer('matching.checkedBefore', () => ({ items: [] }))
    .answer('claimLinks.list', () => ({ links: [], linkedFrom: [] }));
}
