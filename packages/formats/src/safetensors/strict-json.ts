import { formatError } from '../errors.js';

/** A JSON value with objects as `Map`s in document order. */
export type JsonValue = null | boolean | number | string | JsonValue[] | Map<string, JsonValue>;

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Parses JSON strictly: objects become `Map`s (so `__proto__` is inert), repeated keys and
 * nesting past `maxDepth` are errors, and every error carries the byte offset.
 *
 * @throws {InteropError} E_FORMAT_CORRUPT, E_FORMAT_DUPLICATE_KEY, E_FORMAT_DEPTH.
 * @example
 * ```ts
 * (parseStrictJson('{"a":[1,2]}', 8, 16) as Map<string, unknown>).get('a'); // [1, 2]
 * ```
 */
export function parseStrictJson(text: string, offset: number, maxDepth: number): JsonValue {
  let i = 0;
  const bad = (what: string): never => {
    throw formatError('E_FORMAT_CORRUPT', `Invalid JSON header: ${what}`, { offset: offset + i });
  };
  const ws = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const str = (): string => {
    if (text[i] !== '"') bad('expected a string');
    i++;
    let out = '';
    for (;;) {
      const j = i;
      while (i < text.length && text[i] !== '"' && text[i] !== '\\') {
        if (text.charCodeAt(i) < 0x20) bad('control character in a string');
        i++;
      }
      out += text.slice(j, i);
      if (i >= text.length) bad('unterminated string');
      if (text[i] === '"') {
        i++;
        return out;
      }
      const e = text[i + 1] ?? '';
      if (e === 'u') {
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) bad('bad \\u escape');
        out += String.fromCharCode(parseInt(hex, 16));
        i += 6;
      } else if (ESCAPES[e] !== undefined) {
        out += ESCAPES[e];
        i += 2;
      } else bad('bad escape');
    }
  };
  const value = (depth: number): JsonValue => {
    if (depth > maxDepth) throw formatError('E_FORMAT_DEPTH', 'The JSON header nests too deeply', { offset: offset + i });
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const map = new Map<string, JsonValue>();
      ws();
      if (text[i] === '}') {
        i++;
        return map;
      }
      for (;;) {
        ws();
        const at = i;
        const key = str();
        if (map.has(key))
          throw formatError('E_FORMAT_DUPLICATE_KEY', `The JSON header repeats "${key.slice(0, 80)}"`, { path: key, offset: offset + at });
        ws();
        if (text[i++] !== ':') bad('expected ":"');
        map.set(key, value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return map;
        }
        bad('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const arr: JsonValue[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        bad('expected "," or "]"');
      }
    }
    if (c === '"') return str();
    const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!m) return bad('unexpected token');
    i += m[0].length;
    return m[0] === 'true' ? true : m[0] === 'false' ? false : m[0] === 'null' ? null : Number(m[0]);
  };
  const v = value(0);
  ws();
  if (i !== text.length) bad('trailing characters');
  return v;
}
