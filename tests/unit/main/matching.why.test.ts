import { describe, expect, it } from 'vitest';
import { searchTerms } from '../../../main/search/analyzer';
import { reasonsFor } from '../../../main/matching/why';

const terms = (text: string) => new Set(searchTerms(text));
/** Every term counts as telling (a large, varied corpus). */
const rare = () => 10;

describe('why an earlier check was offered', () => {
  it('gives each shared phrase once: a phrase inside a longer one is left out', () => {
    const earlier = 'This is our sovereign right, the spokesman said. Our sovereign right.';
    const query = 'Peskov: this is our sovereign right';
    const why = reasonsFor([earlier], terms(query), terms(earlier), rare, 1);
    expect(why).toContain('This is our sovereign right');
    expect(why).not.toContain('Our sovereign right');
  });

  it('little words of Latin, Cyrillic and Arabic script are no reason on their own', () => {
    const earlier = 'قال الوزير إن الإنفاق في التعليم ارتفع';
    const query = 'قال إن الإنفاق في التعليم';
    const why = reasonsFor([earlier], terms(query), terms(earlier), rare, 1);
    expect(why).not.toContain('إن');
    expect(why).not.toContain('في');
    // The phrase starts at its first telling word, not at "إن".
    expect(why).toContain('الإنفاق في التعليم');
  });
});
