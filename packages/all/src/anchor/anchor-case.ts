// Test-only: one anchor fixture (tooling/conformance/fixtures/anchor) loaded for our frameworks.
import type { Tensor } from '@interop/core';
import { loadFixture } from '@interop/testing';
import type { Fixture } from '@interop/testing';
import { defaultInterop } from '../default-interop.js';

const interop = defaultInterop();

/** The files part of a framework's plugin. */
export const filesOf = (framework: string) => interop.files(framework);

/** What an anchor manifest records beyond the common fixture keys. */
export interface AnchorManifest {
  direction: 'import' | 'export';
  kind: string;
  layer: string;
  spec: unknown;
  sample_input: number[] | null;
  source_framework?: string;
  target_framework?: string;
  framework: string;
  tolerance?: { rtol: number; atol: number };
  error?: { class: string; message: string };
  source: { framework: string };
}

/** An anchor case with its source model read through our own file readers. */
export interface AnchorCase {
  name: string;
  fixture: Fixture;
  manifest: AnchorManifest;
  /** The framework the source is in, and the one it converts to. */
  from: string;
  to: string;
  /** The source model, as its plugin converts it. */
  source: unknown;
  arrays: Readonly<Record<string, Tensor>>;
}

const formatOf = (file: string): string => (file.endsWith('.eqx') ? 'eqx' : file.endsWith('.safetensors') ? 'safetensors' : 'msgpack');

/** Loads `anchor/<name>` and reads its source file with the source framework's reader. */
export function loadAnchor(name: string): AnchorCase {
  const fixture = loadFixture('anchor', name);
  const manifest = fixture.manifest as unknown as AnchorManifest;
  const from = manifest.source?.framework ?? manifest.source_framework!;
  const to = from === 'brainstate' ? manifest.framework : 'brainstate';
  const files = fixture.manifest.files as Record<string, string>;
  // A case without a file (an empty Sequential) is built from its spec alone.
  const source = files.source
    ? filesOf(from).read(fixture.file('source'), formatOf(files.source), manifest.spec).model
    : filesOf(from).fromSpec(manifest.spec);
  return { name, fixture, manifest, from, to, source, arrays: fixture.arrays };
}

/** The file `key` of the case, and its format. */
export function anchorFile(c: AnchorCase, key: string): { bytes: Uint8Array; format: string } {
  const files = c.fixture.manifest.files as Record<string, string>;
  return { bytes: c.fixture.file(key), format: formatOf(files[key]!) };
}
