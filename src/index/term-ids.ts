/**
 * Numbers terms in order of first appearance, like a Map<string, number> would, with two
 * open-addressing tables of plain integers instead:
 *  - terms of one or two UTF-16 units (every Hangul bigram, many short words) are keyed by their
 *    packed char codes, so a lookup neither hashes nor compares a string;
 *  - longer terms by an FNV-1a hash computed here, compared with the stored term on a hit.
 *
 * Map lookups cost the build more than tokenising the words did; these tables made adding the
 * bigram postings more than twice as fast (bench/README.md, "Figures behind the code").
 */
export class TermIds {
  readonly terms: string[] = [];
  // Short terms: keys[i] is the packed char codes + 1 (0 = empty slot), values[i] the term id.
  private shortKeys = new Float64Array(1 << 12);
  private shortIds = new Int32Array(1 << 12);
  private shortCount = 0;
  // Long terms: slots[i] is the term id + 1 (0 = empty slot).
  private longSlots = new Int32Array(1 << 12);
  private longCount = 0;

  /** The id of `term`, numbering it when new. */
  intern(term: string): number {
    const length = term.length;
    if (length === 1) return this.internShort(term.charCodeAt(0) * 0x10000 + 1, term);
    if (length === 2) {
      // A second unit of 0xFFFF would collide with the one-unit form; never in normalised text,
      // and exact anyway through the long table.
      const second = term.charCodeAt(1);
      if (second !== 0xffff)
        return this.internShort(term.charCodeAt(0) * 0x10000 + second + 2, term);
    }
    return this.internLong(term);
  }

  private internShort(key: number, term: string): number {
    const keys = this.shortKeys;
    const mask = keys.length - 1;
    let at = spread(key | 0) & mask;
    for (;;) {
      const found = keys[at] as number;
      if (found === key) return this.shortIds[at] as number;
      if (found === 0) break;
      at = (at + 1) & mask;
    }
    const id = this.terms.length;
    this.terms.push(term);
    keys[at] = key;
    this.shortIds[at] = id;
    if (++this.shortCount * 2 > mask) this.growShort();
    return id;
  }

  private internLong(term: string): number {
    const slots = this.longSlots;
    const mask = slots.length - 1;
    const terms = this.terms;
    let at = spread(fnv1a(term)) & mask;
    for (;;) {
      const found = (slots[at] as number) - 1;
      if (found === -1) break;
      if (terms[found] === term) return found;
      at = (at + 1) & mask;
    }
    const id = terms.length;
    terms.push(term);
    slots[at] = id + 1;
    if (++this.longCount * 2 > mask) this.growLong();
    return id;
  }

  private growShort(): void {
    const oldKeys = this.shortKeys;
    const oldIds = this.shortIds;
    const size = oldKeys.length * 2;
    const mask = size - 1;
    this.shortKeys = new Float64Array(size);
    this.shortIds = new Int32Array(size);
    for (let i = 0; i < oldKeys.length; i++) {
      const key = oldKeys[i] as number;
      if (key === 0) continue;
      let at = spread(key | 0) & mask;
      while (this.shortKeys[at] !== 0) at = (at + 1) & mask;
      this.shortKeys[at] = key;
      this.shortIds[at] = oldIds[i] as number;
    }
  }

  private growLong(): void {
    const old = this.longSlots;
    const size = old.length * 2;
    const mask = size - 1;
    const slots = new Int32Array(size);
    for (const entry of old) {
      if (entry === 0) continue;
      let at = spread(fnv1a(this.terms[entry - 1] as string)) & mask;
      while (slots[at] !== 0) at = (at + 1) & mask;
      slots[at] = entry;
    }
    this.longSlots = slots;
  }
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

/** Mixes the bits so that masking the low ones still spreads neighbouring keys. */
function spread(value: number): number {
  const mixed = Math.imul(value, 0x9e3779b1);
  return (mixed ^ (mixed >>> 15)) >>> 0;
}
