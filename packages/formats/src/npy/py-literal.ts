import { formatError } from '../errors.js';

/** A value of the Python literal subset npy headers use. */
export type PyValue = string | number | boolean | null | PyValue[] | Map<string, PyValue>;

/**
 * Parses the Python literal subset of an npy header (dict, tuple, list, str, int, True/False/None).
 *
 * @throws {InteropError} E_FORMAT_CORRUPT on anything else; E_FORMAT_DEPTH past 16 levels.
 * @example
 * ```ts
 * parsePyLiteral("{'shape': (2, 3), }").get('shape'); // [2, 3]
 * ```
 */
export function parsePyLiteral(text: string, offset = 0): PyValue {
  let i = 0;
  const bad = (what: string): never => {
    throw formatError('E_FORMAT_CORRUPT', `Invalid npy header: ${what}`, {
      offset: offset + i,
      found: text.slice(Math.max(0, i - 20), i + 20),
    });
  };
  const ws = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const seq = (close: string, depth: number): PyValue[] => {
    const out: PyValue[] = [];
    for (;;) {
      ws();
      if (text[i] === close) {
        i++;
        return out;
      }
      out.push(value(depth + 1));
      ws();
      if (text[i] === ',') i++;
      else if (text[i] !== close) bad(`expected "," or "${close}"`);
    }
  };
  const value = (depth: number): PyValue => {
    if (depth > 16) throw formatError('E_FORMAT_DEPTH', 'npy header nests too deeply', { offset: offset + i });
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const map = new Map<string, PyValue>();
      for (;;) {
        ws();
        if (text[i] === '}') {
          i++;
          return map;
        }
        const key = value(depth + 1);
        if (typeof key !== 'string') bad('dict key is not a string');
        ws();
        if (text[i++] !== ':') bad('expected ":"');
        if (map.has(key as string)) {
          throw formatError('E_FORMAT_DUPLICATE_KEY', `npy header repeats key "${key as string}"`, { offset: offset + i });
        }
        map.set(key as string, value(depth + 1));
        ws();
        if (text[i] === ',') i++;
        else if (text[i] !== '}') bad('expected "," or "}"');
      }
    }
    if (c === '(') {
      i++;
      return seq(')', depth);
    }
    if (c === '[') {
      i++;
      return seq(']', depth);
    }
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) bad('unterminated string');
      const s = text.slice(i + 1, end);
      if (s.includes('\\')) bad('escapes in strings');
      i = end + 1;
      return s;
    }
    const m = /^(True|False|None|-?\d+L?)/.exec(text.slice(i, i + 40));
    if (!m) return bad('unexpected token');
    i += m[0].length;
    if (m[0] === 'True') return true;
    if (m[0] === 'False') return false;
    if (m[0] === 'None') return null;
    return Number(m[0].replace('L', ''));
  };
  const result = value(0);
  ws();
  if (i !== text.length) bad('trailing characters');
  return result;
}
