// A plugin's files part (bytes-level and streaming members): validated with the plugin, registered per framework, its codecs listed
// once each; clashes refused before anything changes.
import { describe, expect, it } from 'vitest';
import { toyA } from '../__fixtures__/toy-a.js';
import { toyB } from '../__fixtures__/toy-b.js';
import { InteropError } from '../errors/interop-error.js';
import { Tensor } from '../tensor/tensor.js';
import { definePlugin } from './define.js';
import type { FormatCodec, PluginFiles } from './files.js';
import { requireSpec, unsupportedFormat } from './files-errors.js';
import type { FileLayout } from './files-stream.js';
import { formatCodec, layoutBytes } from './files-trees.js';
import { createRegistry } from './registry.js';

const codec = (id: string): FormatCodec => ({
  id,
  title: `${id} tensors`,
  detect: (head) => head[0] === id.charCodeAt(0),
  list: () => [],
  open: () => new Map(),
  write: () => new Uint8Array([id.charCodeAt(0)]),
});
const shared = codec('shared');
const files = (...formats: FormatCodec[]): PluginFiles => ({
  formats,
  read: () => ({ model: null, spec: {}, assumed: [] }),
  fromSpec: () => null,
  write: () => ({ bytes: new Uint8Array(), spec: {} }),
  forward: (_model, x) => x,
});
const caught = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return error as InteropError;
  }
  throw new Error('expected a throw');
};

describe('files parts', () => {
  it('are found by framework, and each codec is listed once in registration order', () => {
    const a = { ...toyA, files: files(shared, codec('alpha')) };
    const b = { ...toyB, files: files(codec('beta'), shared) };
    const r = createRegistry().use(a).use(b);
    expect(r.filesOf('toy-a')).toBe(a.files);
    expect(r.filesOf('toy-b')).toBe(b.files);
    expect(r.filesOf('toy-c')).toBeUndefined();
    expect(r.formats().map((c) => c.id)).toEqual(['shared', 'alpha', 'beta']);
    expect(r.formats()[0]).toBe(shared);
  });

  it('are validated with the plugin, every problem listed by path', () => {
    const bad = { ...toyA, files: { formats: [{ id: '', detect: 1 }], read: () => null } as unknown as PluginFiles };
    expect(caught(() => definePlugin(bad)).message).toMatch(
      /files\.fromSpec: expected a function; files\.write: .*files\.formats\.0\.id: expected a non-empty string; files\.formats\.0\.title: .*files\.formats\.0\.detect: expected a function/,
    );
    const twice = { ...toyA, files: files(shared, shared) };
    expect(caught(() => createRegistry().use(twice)).message).toMatch(/files\.formats\.1\.id: "shared" is listed twice/);
    const none = { ...toyA, files: files() };
    expect(caught(() => createRegistry().use(none)).code).toBe('E_INVALID_PLUGIN');
  });

  it('refuses a second files part for a framework, and another codec under a taken id, leaving no trace', () => {
    const first = { ...toyA, files: files(shared) };
    const second = definePlugin({ meta: { name: 'more-a', version: '1', framework: 'toy-a' }, mappings: {}, files: files(codec('other')) });
    const r = createRegistry().use(first);
    const again = caught(() => r.use(second));
    expect(again).toMatchObject({ code: 'E_INVALID_PLUGIN' });
    expect(again.message).toMatch(/Framework "toy-a" already has its files, from plugin "toy-a-plugin"/);
    const impostor = { ...toyB, files: files(codec('shared')) };
    expect(caught(() => r.use(impostor)).message).toMatch(
      /Format "shared" of plugin "toy-b-plugin" is another codec than the "shared" of plugin "toy-a-plugin"/,
    );
    expect(r.frameworks()).toEqual(['toy-a']);
    expect(r.formats()).toEqual([shared]);
  });
});

describe('files errors', () => {
  it('requireSpec passes a spec through and otherwise says how to give one', () => {
    expect(requireSpec({ type: 'Linear' }, 'toy', 'why', '{}')).toEqual({ type: 'Linear' });
    const error = caught(() => requireSpec(undefined, 'toy', 'its files have no names', '{"type": "Dense"}'));
    expect(error.code).toBe('E_MISSING_ARCH');
    expect(error.message).toMatch(
      /^a toy checkpoint needs its architecture: its files have no names\. .*Pass --arch SPEC\.json with the toy spec, e\.g\. \{"type": "Dense"\}/,
    );
  });

  it('unsupportedFormat names the formats the framework has', () => {
    const error = unsupportedFormat('toy', 'eqx', [shared, codec('alpha')]);
    expect(error.code).toBe('E_INVALID_ARGUMENT');
    expect(error.message).toMatch(/^toy checkpoints are shared or alpha, not eqx\. .*Use --format \/ --out-format shared or alpha/);
  });
});

describe('streaming members', () => {
  it('are optional, and validated as functions when given', () => {
    const streaming = { ...codec('lazy'), openSource: () => new Map(), layout: 'no' } as unknown as FormatCodec;
    const part = { ...files(streaming), readTree: 1 } as unknown as PluginFiles;
    expect(caught(() => definePlugin({ ...toyA, files: part })).message).toMatch(
      /files\.readTree: expected a function when given; files\.formats\.0\.layout: expected a function/,
    );
    expect(() => definePlugin({ ...toyA, files: files(codec('plain')) })).not.toThrow();
  });

  it('formatCodec finds a framework codec and refuses another format by the framework formats', () => {
    expect(formatCodec([shared], 'shared', 'toy')).toBe(shared);
    const error = caught(() => formatCodec([shared], 'eqx', 'toy'));
    expect(error.code).toBe('E_INVALID_ARGUMENT');
    expect(error.message).toMatch(/^toy checkpoints are shared, not eqx/);
  });

  it('layoutBytes writes a layout into memory: bytes, tensor ranges with their blocks observed, and patches', async () => {
    const t = Tensor.fromArray([1, 2, 3, 4], [2, 2], 'float32');
    const seen: number[] = [];
    const layout: FileLayout = {
      byteLength: 2 + 8 + 16,
      arrays: [{ path: 't', dtype: 'float32', shape: [2, 2], byteLength: 16 }],
      async write(sink) {
        await sink.bytes(new Uint8Array([9, 9]));
        await sink.tensor(t, 8, 8, (block) => seen.push(block.length));
        await sink.tensor(t);
        await sink.patch(1, new Uint8Array([7]));
        expect(sink.position).toBe(26);
      },
    };
    const bytes = await layoutBytes(layout);
    expect([...bytes.subarray(0, 2)]).toEqual([9, 7]);
    expect([...new Float32Array(bytes.slice(2, 10).buffer)]).toEqual([3, 4]);
    expect([...new Float32Array(bytes.slice(10).buffer)]).toEqual([1, 2, 3, 4]);
    expect(seen).toEqual([8]);
  });
});

describe('directory formats', () => {
  const directory = (id: string) => ({
    id,
    title: `${id} directories`,
    detect: (entries: readonly string[]) => entries.includes('_METADATA'),
    open: async () => ({ tree: new Map(), path: '', layout: '', arrays: () => [], close: async () => undefined }),
    arrays: () => [],
    write: async () => 0,
  });
  const streaming = (extra: Partial<PluginFiles>): PluginFiles => ({
    ...files(shared),
    readTree: () => ({ model: null, spec: {}, assumed: [] }),
    writeTree: () => ({ tree: new Map(), spec: {} }),
    ...extra,
  });

  it('are optional and validated: members, ids unique across files and directories, the tree members they go through', () => {
    expect(() => definePlugin({ ...toyA, files: streaming({ directories: [directory('dir')] }) })).not.toThrow();
    const bad = streaming({ directories: [{ ...directory('shared'), open: 'no' } as never] });
    expect(caught(() => definePlugin({ ...toyA, files: bad })).message).toMatch(
      /files\.directories\.0\.open: expected a function; files\.directories\.0\.id: "shared" is listed twice/,
    );
    const withoutTrees = { ...files(shared), directories: [directory('dir')] } as PluginFiles;
    expect(caught(() => definePlugin({ ...toyA, files: withoutTrees })).message).toMatch(
      /files\.directories: directory formats are read and written through readTree and writeTree/,
    );
  });
});
