/**
 * Myers' bit-parallel edit distance (G. Myers, "A fast bit-vector algorithm for approximate string
 * matching based on dynamic programming", JACM 1999), with the pattern split into 32-row blocks so that
 * quotes of any length work. Text is fed one UTF-16 code unit at a time, forwards or backwards (with a
 * reversed pattern), and each step returns the distance for the text consumed so far.
 *
 * Two modes:
 * - search (anchored = false): the distance between the pattern and the best substring of the text that
 *   ends at the current position (the top DP row is all zeros, so a match may start anywhere);
 * - anchored (anchored = true): the distance between the pattern and all of the text fed since reset
 *   (the top row grows by one per text character).
 */
export class BitMatcher {
  readonly length: number;
  private readonly blocks: number;
  /** The bit position of the pattern's last row within the last block. */
  private readonly lastShift: number;
  /** Code unit → row of `peq` (0: a code unit that is not in the pattern, whose row stays all zeros). */
  private readonly slotOf: Int32Array;
  /** For each distinct code unit, per block, the bit mask of the pattern positions holding it. */
  private readonly peq: Int32Array;
  private readonly pv: Int32Array;
  private readonly mv: Int32Array;
  private topDelta = 0;
  private score = 0;

  constructor(pattern: string) {
    const m = pattern.length;
    if (m === 0) throw new RangeError('BitMatcher needs a non-empty pattern');
    this.length = m;
    this.blocks = Math.ceil(m / 32);
    this.lastShift = (m - 1) % 32;
    this.slotOf = new Int32Array(0x10000);
    let slots = 1;
    for (let i = 0; i < m; i++) {
      const c = pattern.charCodeAt(i);
      if (this.slotOf[c] === 0) this.slotOf[c] = slots++;
    }
    this.peq = new Int32Array(slots * this.blocks);
    for (let i = 0; i < m; i++) {
      const row = this.slotOf[pattern.charCodeAt(i)]! * this.blocks + (i >>> 5);
      this.peq[row] = this.peq[row]! | (1 << (i & 31));
    }
    this.pv = new Int32Array(this.blocks);
    this.mv = new Int32Array(this.blocks);
    this.reset(false);
  }

  /** Starts over with no text consumed; the distance is then the pattern length. */
  reset(anchored: boolean): void {
    this.pv.fill(-1);
    this.mv.fill(0);
    this.topDelta = anchored ? 1 : 0;
    this.score = this.length;
  }

  /** Consumes one code unit of text and returns the current distance (every block is updated). */
  push(code: number): number {
    const { blocks, pv, mv, peq, lastShift } = this;
    const base = this.slotOf[code]! * blocks;
    const last = blocks - 1;
    let carry = this.topDelta;
    for (let b = 0; b < last; b++) carry = advance(pv, mv, peq[base + b]!, b, carry, 31);
    carry = advance(pv, mv, peq[base + last]!, last, carry, lastShift);
    this.score += carry;
    return this.score;
  }

  /**
   * Search mode over text[lo, hi), calling `report(end, errors)` for each end position where the pattern
   * matches with at most `maxErrors` errors. Uses Ukkonen's cutoff as Myers adapts it to blocks (JACM
   * 1999, section 5): blocks whose rows are all above `maxErrors` are not computed, which on ordinary
   * text skips a large share of a long pattern. Leaves the matcher in an unspecified state.
   */
  search(
    text: string,
    lo: number,
    hi: number,
    maxErrors: number,
    report: (end: number, errors: number) => void,
  ): void {
    if (this.blocks === 1) {
      this.searchOneBlock(text, lo, hi, maxErrors, report);
      return;
    }
    const { blocks, pv, mv, peq, slotOf, lastShift } = this;
    const last = blocks - 1;
    const height = (b: number): number => (b === last ? lastShift + 1 : 32);
    // scores[b]: the DP value in block b's bottom row at the current column.
    const scores = new Int32Array(blocks);
    pv.fill(-1);
    mv.fill(0);
    let y = Math.min(last, Math.max(0, Math.ceil(maxErrors / 32) - 1));
    for (let b = 0; b <= y; b++) scores[b] = b * 32 + height(b);
    for (let j = lo; j < hi; j++) {
      const slot = slotOf[text.charCodeAt(j)]!;
      const base = slot * blocks;
      let carry = 0;
      for (let b = 0; b <= y; b++) {
        carry = advance(pv, mv, peq[base + b]!, b, carry, b === last ? lastShift : 31);
        scores[b] = scores[b]! + carry;
      }
      if (y < last && scores[y]! - carry <= maxErrors && ((peq[base + y + 1]! & 1) !== 0 || carry < 0)) {
        // The block below may now hold values within the limit: start it fresh (vertical deltas +1).
        y++;
        pv[y] = -1;
        mv[y] = 0;
        scores[y] =
          scores[y - 1]! -
          carry +
          height(y) +
          advance(pv, mv, peq[base + y]!, y, carry, y === last ? lastShift : 31);
      } else {
        while (y > 0 && scores[y]! >= maxErrors + 32) y--;
      }
      if (y === last && scores[y]! <= maxErrors) report(j + 1, scores[y]!);
    }
  }

  /** search() for patterns of at most 32 code units: the same step, with its state in locals. */
  private searchOneBlock(
    text: string,
    lo: number,
    hi: number,
    maxErrors: number,
    report: (end: number, errors: number) => void,
  ): void {
    const { peq, slotOf, lastShift } = this;
    let pv = -1;
    let mv = 0;
    let score = this.length;
    for (let j = lo; j < hi; j++) {
      const eq = peq[slotOf[text.charCodeAt(j)]!]!;
      const xv = eq | mv;
      const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
      const ph = mv | ~(xh | pv);
      const mh = pv & xh;
      score += ((ph >>> lastShift) & 1) - ((mh >>> lastShift) & 1);
      const php = ph << 1;
      pv = (mh << 1) | ~(xv | php);
      mv = php & xv;
      if (score <= maxErrors) report(j + 1, score);
    }
  }
}

/**
 * One column step of block b (Myers' advance_block): updates its vertical deltas in pv/mv and returns the
 * horizontal delta leaving its bottom row (bit `shift`).
 */
function advance(pv: Int32Array, mv: Int32Array, eqb: number, b: number, hin: number, shift: number): number {
  const pvb = pv[b]!;
  const mvb = mv[b]!;
  // hin as two bits (+1: hp, -1: hm) keeps the step free of data-dependent branches.
  const hm = hin >>> 31;
  const hp = (hin & 1) ^ hm;
  const xv = eqb | mvb;
  const eq = eqb | hm;
  // | 0 keeps the sum a 32-bit integer: the carry out of bit 31 is meant to be dropped.
  const xh = ((((eq & pvb) + pvb) | 0) ^ pvb) | eq;
  const ph = mvb | ~(xh | pvb);
  const mh = pvb & xh;
  const php = (ph << 1) | hp;
  const mhp = (mh << 1) | hm;
  pv[b] = mhp | ~(xv | php);
  mv[b] = php & xv;
  return ((ph >>> shift) & 1) - ((mh >>> shift) & 1);
}

/** `s` with its UTF-16 code units in reverse order, for matching text backwards. */
export function reverseCodeUnits(s: string): string {
  let out = '';
  for (let i = s.length - 1; i >= 0; i--) out += s[i];
  return out;
}
