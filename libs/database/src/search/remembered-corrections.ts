/**
 * The corrections of mistyped words, remembered a while in this process, so
 * that a typo asked again (the next page, another reader) costs no look-up in
 * the lexicon. Safe to keep: the lexicon only grows, and a word it gains
 * later can only add a correction, offered once the entry expires; the typed
 * word itself is always searched too. The least recently asked go first.
 */
export class RememberedCorrections {
  private readonly entries = new Map<string, { words: string[]; until: number }>();

  constructor(
    private readonly capacity = 10_000,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The corrections of `word` (none: it needs none, or has none), if remembered and not expired. */
  get(word: string): string[] | undefined {
    const entry = this.entries.get(word);
    if (!entry) return undefined;
    this.entries.delete(word);
    if (entry.until <= this.now()) return undefined;
    this.entries.set(word, entry);
    return entry.words;
  }

  set(word: string, words: string[]): void {
    this.entries.delete(word);
    this.entries.set(word, { words, until: this.now() + this.ttlMs });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
