import { describe, expect, it } from 'vitest';
import { InteropError } from '../errors/index.js';
import { isKeywordArguments, pythonArgs } from './python-args.js';

const params = ['features', 'useBias', 'dtype'];

describe('pythonArgs', () => {
  it('names positional arguments in declaration order', () => {
    expect(pythonArgs('Dense', params, [5, false])).toEqual({ features: 5, useBias: false });
  });

  it('merges a trailing keyword object', () => {
    expect(pythonArgs('Dense', params, [5, { dtype: 'bfloat16' }])).toEqual({ features: 5, dtype: 'bfloat16' });
  });

  it('treats undefined positionals as not given', () => {
    expect(pythonArgs('Dense', params, [5, undefined, 'float16'])).toEqual({ features: 5, dtype: 'float16' });
  });

  it('refuses too many positionals, naming the callee and the limit', () => {
    const err = (() => {
      try {
        pythonArgs('Dense', params, [5, true, 'float32', 'extra']);
      } catch (e) {
        return e as InteropError;
      }
    })();
    expect(err).toBeInstanceOf(InteropError);
    expect(err!.code).toBe('E_INVALID_ARGUMENT');
    expect(err!.message).toContain('Dense takes at most 3 positional arguments but 4 were given');
  });

  it('with keywordOnly, refuses a keyword Python would not take, naming it', () => {
    expect(pythonArgs('Linear', ['inFeatures', 'outFeatures'], [3, { rngs: 1, useBias: undefined }], { keywordOnly: ['rngs'] })).toEqual({
      inFeatures: 3,
      rngs: 1,
      useBias: undefined,
    });
    expect(() => pythonArgs('Linear', ['inFeatures'], [3, { use_bias: false }], { keywordOnly: ['rngs'] })).toThrow(
      /Linear got an unexpected keyword argument "use_bias"/,
    );
    expect(() => pythonArgs('Linear', ['inFeatures'], [3, { rngs: 1 }], { keywordOnly: [] })).toThrow(/unexpected keyword argument "rngs"/);
  });

  it('refuses an argument given both positionally and by name', () => {
    expect(() => pythonArgs('Dense', params, [5, true, { useBias: false }])).toThrow(/multiple values for argument "useBias"/);
  });

  it('does not take arrays, class instances or functions for keyword objects', () => {
    expect(isKeywordArguments([3, 3])).toBe(false);
    expect(isKeywordArguments(new Map())).toBe(false);
    expect(isKeywordArguments(() => 1)).toBe(false);
    expect(isKeywordArguments(Object.create(null))).toBe(true);
    expect(pythonArgs('Conv', ['features', 'kernelSize'], [4, [3, 3]])).toEqual({ features: 4, kernelSize: [3, 3] });
  });
});

describe('PythonCall', () => {
  it('types every positional prefix with or without a keyword object', () => {
    type Call = import('./python-args.js').PythonCall<[features: number], [useBias: boolean, dtype: string], { dtype?: string }>;
    const ok: Call[] = [[5], [5, false], [5, false, 'f'], [5, { dtype: 'f' }], [5, false, 'f', {}]];
    // @ts-expect-error a required positional is missing
    const missing: Call = [];
    // @ts-expect-error wrong type in the second position
    const wrong: Call = [5, 'yes'];
    expect(ok.length + [missing, wrong].length).toBe(7);
  });
});
