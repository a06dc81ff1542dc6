/** Ligatures NFD does not split, so "oeuvre" finds "œuvre". */
const LIGATURES: Record<string, string> = { œ: "oe", æ: "ae", ß: "ss", ø: "o", đ: "d", ł: "l" };

/**
 * Folds text for accent- and case-insensitive search: lower case, diacritics removed, ligatures spelled
 * out, runs of white space collapsed. Stored comments and search terms go through the same fold, so one
 * plain LIKE answers on SQLite and PostgreSQL alike.
 */
export function foldForSearch(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/[œæßøđł]/g, (c) => LIGATURES[c] ?? c)
    .replace(/\s+/g, " ")
    .trim();
}
