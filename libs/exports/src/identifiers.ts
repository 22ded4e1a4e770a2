/**
 * Patterns of HIPAA Safe Harbor identifiers that could appear in a text file
 * (45 CFR 164.514(b)(2)(i): https://www.ecfr.gov/current/title-45/section-164.514): every date
 * element but the year, telephone and fax numbers, email addresses, SSNs, URLs, IP addresses;
 * raw record ids (UUIDs) stand for "any other unique identifying number". Names, addresses and
 * record numbers are matched by the caller's `forbidden` strings, since no pattern finds a name.
 */
export const IDENTIFIER_PATTERNS: readonly { readonly name: string; readonly pattern: RegExp }[] = [
  { name: 'full date', pattern: /\b\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b/ },
  { name: 'slash date', pattern: /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/ },
  { name: 'email address', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/ },
  { name: 'telephone number', pattern: /(\(\d{3}\)\s?|\b\d{3}[-. ])\d{3}[-. ]\d{4}\b/ },
  { name: 'social security number', pattern: /\b\d{3}-\d{2}-\d{4}\b/ },
  { name: 'URL', pattern: /\bhttps?:\/\/|\bwww\./i },
  { name: 'IP address', pattern: /\b(\d{1,3}\.){3}\d{1,3}\b/ },
  { name: 'record id (UUID)', pattern: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i },
];

/** Which identifier patterns and forbidden strings occur in `text` (names of what was found). */
export function findIdentifiers(text: string, forbidden: readonly string[], patterns = IDENTIFIER_PATTERNS): string[] {
  const found = patterns.filter((p) => p.pattern.test(text)).map((p) => p.name);
  const lower = text.toLowerCase();
  // Id-like terms (tens of thousands in a large export) are looked up per token in one pass;
  // terms with other characters (names) are few and searched as substrings.
  const tokens = new Set<string>();
  for (const term of forbidden) {
    if (term.length < 3) continue;
    const t = term.toLowerCase();
    if (/^[a-z0-9_-]+$/.test(t)) tokens.add(t);
    else if (lower.includes(t)) found.push(`forbidden value "${term.slice(0, 8)}…"`);
  }
  if (tokens.size > 0) {
    const seen = new Set<string>();
    for (const match of lower.matchAll(/[a-z0-9_-]+/g)) if (tokens.has(match[0]) && !seen.has(match[0])) seen.add(match[0]);
    for (const term of seen) found.push(`forbidden value "${term.slice(0, 8)}…"`);
  }
  return found;
}
