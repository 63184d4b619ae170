/**
 * The longest piece of plain text that every match of a regular expression must contain, or ''
 * when none is sure: the regex filter searches the files' bytes for it first (as the text filter
 * does) and runs the pattern only on the lines that hold it. Conservative on purpose: a piece is
 * taken only outside groups and classes, from a pattern without a top-level `|`, and a character
 * made optional (`?`, `*`, `{0,…}`) ends it without joining it.
 */
export function requiredLiteral(pattern: string): string {
  if (hasTopLevelAlternation(pattern)) return '';
  let best = '';
  let run = '';
  let depth = 0;
  const end = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      i++;
      // \d, \w, \s, \b, \pN… are classes or assertions; \. \( \\ … stand for themselves.
      if (/[A-Za-z0-9]/.test(next)) end();
      else if (depth === 0) run += next;
      continue;
    }
    if (c === '[') {
      end();
      i = closingBracket(pattern, i);
      continue;
    }
    if (c === '(') {
      end();
      depth++;
      continue;
    }
    if (c === ')') {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (depth > 0) continue;
    if (c === '?' || c === '*' || c === '{') {
      run = run.slice(0, -1);
      end();
      if (c === '{') i = pattern.indexOf('}', i) < 0 ? pattern.length : pattern.indexOf('}', i);
      continue;
    }
    if (c === '+' || c === '.' || c === '^' || c === '$' || c === '|') {
      end();
      continue;
    }
    run += c;
  }
  end();
  return best;
}

function hasTopLevelAlternation(pattern: string): boolean {
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '[') i = closingBracket(pattern, i);
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/** The index of the `]` that closes the class opened at `open` (a `]` right after `[` or `[^` is literal). */
function closingBracket(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']') return i;
  }
  return pattern.length;
}
