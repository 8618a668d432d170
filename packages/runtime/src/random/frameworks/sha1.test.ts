import { describe, expect, it } from 'vitest';
import { sha1 } from './sha1.js';

describe('sha1', () => {
  it('sha1 is SHA-1', () => {
    const hex = Array.from(sha1(new TextEncoder().encode('abc')), (b) => b.toString(16).padStart(2, '0')).join('');
    expect(hex).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  });
});
